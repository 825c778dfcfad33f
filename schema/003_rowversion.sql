-- tkvv store, version 3: a version on every row the forms edit, so that a
-- form saves only over the row it loaded (no lost update when an import,
-- a plan or another tkvv changed the row while the form was open).
-- Any UPDATE that does not raise it itself raises it through the triggers;
-- the import, which runs with triggers off to keep the search index
-- fast, raises it in its own UPDATE statements.
ALTER TABLE communes ADD COLUMN rowver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hamlets ADD COLUMN rowver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE groups ADD COLUMN rowver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN rowver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loans ADD COLUMN rowver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN rowver INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER communes_rowver AFTER UPDATE ON communes WHEN new.rowver = old.rowver BEGIN
    UPDATE communes SET rowver = old.rowver + 1 WHERE id = new.id;
END;
CREATE TRIGGER hamlets_rowver AFTER UPDATE ON hamlets WHEN new.rowver = old.rowver BEGIN
    UPDATE hamlets SET rowver = old.rowver + 1 WHERE id = new.id;
END;
CREATE TRIGGER groups_rowver AFTER UPDATE ON groups WHEN new.rowver = old.rowver BEGIN
    UPDATE groups SET rowver = old.rowver + 1 WHERE id = new.id;
END;
CREATE TRIGGER members_rowver AFTER UPDATE ON members WHEN new.rowver = old.rowver BEGIN
    UPDATE members SET rowver = old.rowver + 1 WHERE id = new.id;
END;
CREATE TRIGGER loans_rowver AFTER UPDATE ON loans WHEN new.rowver = old.rowver BEGIN
    UPDATE loans SET rowver = old.rowver + 1 WHERE id = new.id;
END;
CREATE TRIGGER payments_rowver AFTER UPDATE ON payments WHEN new.rowver = old.rowver BEGIN
    UPDATE payments SET rowver = old.rowver + 1 WHERE id = new.id;
END;
