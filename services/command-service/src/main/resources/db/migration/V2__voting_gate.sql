-- The voting gate: what a command handler must know about other aggregates (is the motion open, is the delegate
-- present). Written in the same transaction as the events it derives from; rebuildable from the event store.
CREATE TABLE congress_gate (
    congress_id VARCHAR(255) NOT NULL PRIMARY KEY
);

CREATE TABLE motion_gate (
    motion_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    congress_id VARCHAR(255) NOT NULL,
    status      VARCHAR(16)  NOT NULL
);

CREATE TABLE delegate_gate (
    congress_id VARCHAR(255) NOT NULL,
    delegate_id VARCHAR(255) NOT NULL,
    present     BOOLEAN      NOT NULL,
    PRIMARY KEY (congress_id, delegate_id)
);
