-- Issue 14: ballots are sealed (HPKE) to the round's public key before they are stored; the private key exists only
-- as shares held by the vote-counting committee. Close every open round before migrating: a plaintext ballot left
-- in the old box cannot be carried over (it would be stored unsealed), so the box is emptied here.
ALTER TABLE round_gate
    ADD COLUMN public_key      TEXT,
    ADD COLUMN shares_required INTEGER,
    ADD COLUMN share_holders   TEXT[],
    ADD COLUMN share_hashes    TEXT[];

DELETE FROM ballot_box;
ALTER TABLE ballot_box
    DROP COLUMN kept,
    DROP COLUMN receipt_hash,
    ADD COLUMN sealed BYTEA NOT NULL;
