-- The voting gate: what a command handler must know about other aggregates (where the congress stands, is the
-- motion or round open, is the delegate present, which seats count). Written in the same transaction as the events
-- it derives from (a subscribing processor); rebuildable from the event store.
CREATE TABLE congress_gate (
    congress_id VARCHAR(255) NOT NULL PRIMARY KEY,
    status      VARCHAR(32)  NOT NULL
);

CREATE TABLE motion_gate (
    motion_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    congress_id VARCHAR(255) NOT NULL,
    status      VARCHAR(16)  NOT NULL
);

CREATE TABLE round_gate (
    round_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    election_id   VARCHAR(255) NOT NULL,
    congress_id   VARCHAR(255) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    candidate_ids TEXT[]       NOT NULL
);

-- excluded: an official delegate who does not count in the base "delegates summoned" (declared absent for the whole
-- congress, or credentials rejected) and has no alternate seated in their place.
CREATE TABLE delegate_gate (
    congress_id VARCHAR(255) NOT NULL,
    delegate_id VARCHAR(255) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    excluded    BOOLEAN      NOT NULL DEFAULT false,
    present     BOOLEAN      NOT NULL DEFAULT false,
    PRIMARY KEY (congress_id, delegate_id)
);

-- Secret ballots while their round is open: content only, under a random id, no delegate, no time. Emptied when the
-- round closes and the ballots are released, shuffled, in the round's closing event.
CREATE TABLE ballot_box (
    ballot_id    UUID         NOT NULL PRIMARY KEY,
    round_id     VARCHAR(255) NOT NULL,
    kept         TEXT[]       NOT NULL,
    receipt_hash VARCHAR(64)  NOT NULL
);
CREATE INDEX ballot_box_round ON ballot_box (round_id);
