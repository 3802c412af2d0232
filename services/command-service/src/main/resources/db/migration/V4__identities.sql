-- Identities. None of this is an event: no credential, password or token ever goes into the log.
-- Staff accounts of the secretariat and the committees; passwords as BCrypt hashes (salted, cost 12).
CREATE TABLE staff_account (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Failed logins per username, to slow down guessing.
CREATE TABLE login_throttle (
    subject       VARCHAR(128) NOT NULL PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    blocked_until TIMESTAMPTZ  NOT NULL
);

-- One-time delegate credentials printed on a card at check-in; stored as SHA-256 of the code.
CREATE TABLE delegate_credential (
    code_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    congress_id VARCHAR(255) NOT NULL,
    delegate_id VARCHAR(255) NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    used_at     TIMESTAMPTZ,
    revoked     BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX delegate_credential_delegate ON delegate_credential (congress_id, delegate_id);

-- Sessions: bearer tokens, stored as SHA-256 of the token; a revoked session stops working at the next request.
CREATE TABLE auth_session (
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    subject     VARCHAR(255) NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    congress_id VARCHAR(255),
    delegate_id VARCHAR(255),
    expires_at  TIMESTAMPTZ  NOT NULL,
    revoked     BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX auth_session_delegate ON auth_session (congress_id, delegate_id);
