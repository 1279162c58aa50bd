-- INHERITS: a column added to the parent reaches the children by itself; a child gains a column and a
-- CHECK of its own; one changes parents (re-created), one goes, new ones inherit two levels deep and
-- declare an inherited column themselves.
CREATE TABLE events (
    id integer NOT NULL,
    happened_at timestamp with time zone DEFAULT now(),
    note text,
    source text DEFAULT 'app',
    CONSTRAINT events_id_positive CHECK (id > 0),
    CONSTRAINT events_note_not_empty CHECK (note <> '') NO INHERIT
);
CREATE TABLE tagged (tags text[]);
CREATE TABLE login_events (user_name text NOT NULL, ip inet, CONSTRAINT login_ip_set CHECK (ip IS NOT NULL))
    INHERITS (events);
CREATE TABLE audit_events (detail jsonb) INHERITS (events, tagged);
CREATE TABLE system_events (note text NOT NULL, component text) INHERITS (events);
CREATE TABLE critical_system_events (pager text) INHERITS (system_events);
CREATE INDEX critical_system_events_source ON critical_system_events (source);
