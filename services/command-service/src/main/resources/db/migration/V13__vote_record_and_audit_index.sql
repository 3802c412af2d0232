-- Projections written in the command's transaction (issue 12: no SQL over the event table's JSON outside the event
-- store), each row pointing at its event by global index. Rebuildable from the event table.

-- One row per vote cast (VoteCastEvent), for the named votes of an open vote and the close's count. The close counts
-- these rows only after checking each against its event, decoded by the event store, in the verified log
-- (JdbcVotingGate.countVotes): an edit of this table alone is refused as LOG_NOT_INTACT (docs/security.md).
CREATE TABLE vote_record (
    motion_id    VARCHAR(255) NOT NULL,
    delegate_id  VARCHAR(255) NOT NULL,
    congress_id  VARCHAR(255) NOT NULL,
    choice       VARCHAR(16)  NOT NULL,
    global_index BIGINT       NOT NULL UNIQUE,
    cast_at      VARCHAR(255) NOT NULL, -- the event's time stamp as the event table stores it
    PRIMARY KEY (motion_id, delegate_id)
);

-- What each event is about, for the audit log's filters (congress, motion, delegate): the rows themselves are still
-- read from the event table, found through this index. other_delegate_id: the official an alternate replaced.
CREATE TABLE audit_index (
    global_index      BIGINT       NOT NULL PRIMARY KEY,
    congress_id       VARCHAR(255),
    motion_id         VARCHAR(255),
    delegate_id       VARCHAR(255),
    other_delegate_id VARCHAR(255)
);
CREATE INDEX audit_index_congress ON audit_index (congress_id, global_index);
CREATE INDEX audit_index_motion ON audit_index (motion_id, global_index) WHERE motion_id IS NOT NULL;
CREATE INDEX audit_index_delegate ON audit_index (delegate_id, global_index) WHERE delegate_id IS NOT NULL;
CREATE INDEX audit_index_other_delegate ON audit_index (other_delegate_id, global_index)
    WHERE other_delegate_id IS NOT NULL;

-- The events stored before this migration are projected once, at the next start, by the application itself
-- (ProjectionBackfill: the event store's serializer and upcasters, the projections' own code), up to the last index
-- stored now; the row is deleted when done. Events stored later are projected as they are stored.
CREATE TABLE projection_backfill (
    name        VARCHAR(64) NOT NULL PRIMARY KEY,
    after_index BIGINT      NOT NULL,
    up_to_index BIGINT      NOT NULL
);
INSERT INTO projection_backfill (name, after_index, up_to_index)
SELECT 'V13', 0, coalesce(max(globalindex), 0) FROM domainevententry;
