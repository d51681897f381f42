-- A show: what it is, its staff tokens' hashes, where its history ends and who may write it.
CREATE TABLE shows (
  id                  text PRIMARY KEY,
  meta                jsonb   NOT NULL,
  control_token_hash  text    NOT NULL,
  prompter_token_hash text    NOT NULL,
  status              text    NOT NULL DEFAULT 'draft',
  started_at          bigint,
  ended_at            bigint,
  -- the seq of the last stored event: an append must continue exactly from it
  last_seq            bigint  NOT NULL DEFAULT 0,
  -- raised by each node that takes the show's writer lease; appends carry the epoch they were made under
  writer_epoch        bigint  NOT NULL DEFAULT 0
);

-- Every event of every show, gapless per show; body is the EventCodec JSON byte for byte (json, not jsonb, keeps it so).
CREATE TABLE events (
  show_id         text   NOT NULL REFERENCES shows (id),
  seq             bigint NOT NULL,
  ts              bigint NOT NULL,
  kind            text   NOT NULL,
  actor           text   NOT NULL,
  idempotency_key text,
  body            json   NOT NULL,
  PRIMARY KEY (show_id, seq)
);

-- the domain answers a repeated key from history; this makes a second event with the same key impossible
CREATE UNIQUE INDEX events_idempotency ON events (show_id, actor, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
