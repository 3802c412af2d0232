-- The tamper-evidence chain over the event log: entry n holds SHA-256(hash of entry n-1 || canonical bytes of the
-- event at global_index). Written by the audit-chain tracking processor in the transaction that advances its token,
-- in the order the events became visible (gap-aware), so `position` and not global_index orders the chain.
CREATE TABLE event_chain (
    position     BIGINT  NOT NULL PRIMARY KEY,
    global_index BIGINT  NOT NULL UNIQUE,
    hash         BYTEA   NOT NULL
);
