-- Storage parameters of tables (heap and toast.*), indexes and materialized views change in place with
-- ALTER ... SET/RESET; new objects state them in CREATE; a key constraint's index parameters re-create it.
CREATE TABLE events (id integer PRIMARY KEY, payload text)
    WITH (fillfactor = 70, toast.autovacuum_enabled = true, toast.vacuum_truncate = false);
CREATE INDEX events_payload ON events (payload) WITH (fillfactor = 60, deduplicate_items = off)
    WHERE payload IS NOT NULL;
CREATE INDEX events_id_brin ON events USING brin (id);
CREATE MATERIALIZED VIEW event_counts WITH (autovacuum_enabled = false) AS SELECT count(*) AS n FROM events;
CREATE TABLE logs (id integer, msg text) WITH (toast.autovacuum_vacuum_threshold = 100);
CREATE TABLE keyed (id integer, CONSTRAINT keyed_pkey PRIMARY KEY (id) WITH (fillfactor = 80));
CREATE TABLE archive (id integer, body text) WITH (fillfactor = 60, toast.autovacuum_enabled = false);
CREATE INDEX archive_id ON archive (id) WITH (fillfactor = 50) WHERE id > 0;
CREATE MATERIALIZED VIEW archive_ids WITH (fillfactor = 40) AS SELECT id FROM archive;
