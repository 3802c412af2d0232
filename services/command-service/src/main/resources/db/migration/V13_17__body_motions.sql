-- A body's own show of hands (issue 17): a motion may be voted by the members of a body formed by an earlier election
-- (the executive committee at its first plenum) instead of the congress. null: the congress votes, as for every motion
-- created before. Written by the voting gate's projection from MotionCreatedEvent; rebuildable from the event store.
-- Numbered 13.17 (issue 17) so that it does not collide with a V14 of another branch.
ALTER TABLE motion_gate ADD COLUMN electorate_id VARCHAR(255);
