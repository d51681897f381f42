-- The latest snapshot of each show's folded state (docs/design.md §Snapshots): a node starting the show
-- reads it, then only the events after seq. body is opaque to the database; version is the stored-event
-- version that wrote it and checksum the CRC32C of body, checked again when it is read.
CREATE TABLE show_snapshots (
  show_id  text   PRIMARY KEY REFERENCES shows (id),
  seq      bigint NOT NULL,
  version  int    NOT NULL,
  checksum bigint NOT NULL,
  body     bytea  NOT NULL
);
