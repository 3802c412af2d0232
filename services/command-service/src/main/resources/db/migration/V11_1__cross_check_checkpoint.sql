-- What the cross-check of the log against the Kafka topic compared last (CrossCheck.checkpointed): up to which chain
-- position (and the chain's hash there, which must still be the same for the next check to go on from it) and which
-- topic offsets; and what stayed open: events seen on one side only so far, and the findings, named again by every
-- check until a full re-check clears them.
CREATE TABLE cross_check_checkpoint (
    id             SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    chain_position BIGINT      NOT NULL,
    chain_hash     BYTEA,
    kafka_offsets  TEXT        NOT NULL,
    checked_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE cross_check_open (
    side           TEXT   NOT NULL, -- POSTGRESQL or KAFKA: seen there only so far; FINDING: an anomaly named
    kind           TEXT,
    event_id       TEXT,
    aggregate_id   TEXT,
    sequence       BIGINT,
    type           TEXT,
    payload_hash   TEXT,
    global_index   BIGINT,
    kafka_record   TEXT,
    stored_at      TEXT,
    chain_position BIGINT,
    detail         TEXT
);
