CREATE TABLE kept (id int);
CREATE SEQUENCE loose;
CREATE TABLE events (id serial PRIMARY KEY, at timestamptz, n int);
ALTER TABLE events OWNER TO p15c_owner;
GRANT USAGE ON SEQUENCE events_id_seq TO p15c_writer;
GRANT INSERT ON events TO p15c_writer;
ALTER SEQUENCE loose OWNER TO p15c_owner;
ALTER SEQUENCE loose OWNED BY events.n;
