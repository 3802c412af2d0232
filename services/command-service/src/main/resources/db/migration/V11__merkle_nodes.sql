-- The complete subtrees of the Merkle tree over the chain (RFC 6962), stored as the chain grows so that a proof reads
-- O(log n) rows: node (level, idx) hashes leaves [idx * 2^level, (idx + 1) * 2^level), leaf i being chain position
-- i + 1. Written by the audit-chain processor in the transaction of the chain entries; nodes for a chain that existed
-- before this table are filled in by its first batch after the upgrade.
CREATE TABLE merkle_node (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);
