-- Bodies formed by elections (issue 17): an election's own electorate can be the members of a body an earlier
-- election formed (the executive committee's first plenum), and its candidates can be restricted to a body's members.
-- Written by the voting gate's projection in the command's transaction; rebuildable from the event store.
CREATE TABLE election_gate (
    election_id          VARCHAR(255) NOT NULL PRIMARY KEY,
    congress_id          VARCHAR(255) NOT NULL,
    title                VARCHAR(255) NOT NULL,
    -- null: the congress votes
    electorate_id        VARCHAR(255)
);

-- The people elected (official seats, not alternates) in each round closed of an election: the members of the body it
-- formed. A member need not be on the roster (a member elected with consent): they count in the body's base but
-- cannot sign in to vote.
CREATE TABLE body_member (
    election_id VARCHAR(255) NOT NULL,
    member_id   VARCHAR(255) NOT NULL,
    PRIMARY KEY (election_id, member_id)
);
