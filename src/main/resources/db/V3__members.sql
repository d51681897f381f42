-- Staff members (docs/protocol.md §People): the password only as its Argon2id hash, in PHC form.
CREATE TABLE members (
  login         text   PRIMARY KEY,
  name          text   NOT NULL,
  role          text   NOT NULL,
  password_hash text   NOT NULL,
  created_at    bigint NOT NULL
);

-- Signed-in members: only the SHA-256 of a session token, never the token.
CREATE TABLE staff_sessions (
  token_hash text   PRIMARY KEY,
  login      text   NOT NULL REFERENCES members (login) ON DELETE CASCADE,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);

CREATE INDEX staff_sessions_login ON staff_sessions (login, created_at);
