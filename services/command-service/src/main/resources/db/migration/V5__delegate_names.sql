-- The delegate's own page greets them by name.
ALTER TABLE delegate_gate ADD COLUMN full_name VARCHAR(255);
