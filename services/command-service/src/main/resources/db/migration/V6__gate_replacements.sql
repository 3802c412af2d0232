-- An official whose seat an alternate holds counts in the base whatever happens to their own credentials.
ALTER TABLE delegate_gate ADD COLUMN replaced_by VARCHAR(255);
