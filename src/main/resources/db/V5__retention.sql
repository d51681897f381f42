-- When the show's viewer ids were replaced by pseudonyms (docs/design.md §Data retention); null while kept.
ALTER TABLE shows ADD COLUMN anonymized_at bigint;
