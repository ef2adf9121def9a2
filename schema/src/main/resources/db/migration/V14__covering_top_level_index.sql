-- Counting unread messages (docs/decisions/0018-unread-counts.md) walks each channel's top-level messages after a
-- position, skipping deleted ones and the reader's own; a timeline page skips deleted flat messages. With the author,
-- the deletion and the thread in the index, neither visits the table (measured in docs/benchmarks.md, "Unread
-- counts"). This index replaces the narrower one of V2.
--
-- Building it holds off writes to messages until it is built (about 2 s per million messages on the benchmark
-- machine). Where that is too long, create it beforehand, with writes going on, by running the CREATE INDEX below with
-- CONCURRENTLY; this migration then finds it and only drops the old one. (Flyway runs a migration while holding a
-- transaction open, which a CONCURRENTLY build inside it would wait for forever.)
CREATE INDEX IF NOT EXISTS messages_top_level_idx ON messages (channel_id, id DESC)
    INCLUDE (author_id, deleted_at, conversation_id) WHERE reply_to_message_id IS NULL;
DROP INDEX IF EXISTS messages_channel_top_level_idx;
