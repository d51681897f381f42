-- The shop's stock token (its hash); shows created before it have none.
ALTER TABLE shows ADD COLUMN shop_token_hash text;

-- Webhooks to the shop: the definition as JSON, its signing secret included (it must sign, so it is kept as is).
CREATE TABLE webhooks (
  id         text   PRIMARY KEY,
  body       text   NOT NULL,
  created_at bigint NOT NULL
);

-- Per webhook and show, the seq of the last event the receiver acknowledged: the journal is the outbox.
CREATE TABLE webhook_cursors (
  webhook_id text   NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  show_id    text   NOT NULL,
  seq        bigint NOT NULL,
  PRIMARY KEY (webhook_id, show_id)
);
