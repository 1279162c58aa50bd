CREATE TABLE events (id integer PRIMARY KEY, payload text) WITH (fillfactor = 90, toast.autovacuum_enabled = false);
CREATE INDEX events_payload ON events (payload) WITH (fillfactor = 80) WHERE payload IS NOT NULL;
CREATE INDEX events_id_brin ON events USING brin (id) WITH (pages_per_range = 32);
CREATE MATERIALIZED VIEW event_counts WITH (fillfactor = 50) AS SELECT count(*) AS n FROM events;
CREATE TABLE logs (id integer, msg text);
CREATE TABLE keyed (id integer, CONSTRAINT keyed_pkey PRIMARY KEY (id) WITH (fillfactor = 70));
