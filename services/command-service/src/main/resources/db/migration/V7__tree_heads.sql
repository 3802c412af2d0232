-- Signed tree heads of the log (docs/security.md): the RFC 6962 Merkle root over the first tree_size chain entries,
-- signed with the Ed25519 key whose file is outside the database. Append-only by intent; a head changed or deleted
-- here no longer verifies, or is missing from the copies printed in the minutes.
CREATE TABLE tree_head (
    id          BIGSERIAL   PRIMARY KEY,
    tree_size   BIGINT      NOT NULL,
    root_hash   TEXT        NOT NULL,
    signed_at   TEXT        NOT NULL,
    key_id      TEXT        NOT NULL,
    public_key  TEXT        NOT NULL,
    signature   TEXT        NOT NULL,
    reason      TEXT        NOT NULL
);
CREATE INDEX tree_head_size ON tree_head (tree_size);
