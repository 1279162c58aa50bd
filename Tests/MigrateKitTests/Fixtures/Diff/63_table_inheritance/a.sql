CREATE TABLE events (
    id integer NOT NULL,
    happened_at timestamp with time zone DEFAULT now(),
    note text,
    CONSTRAINT events_id_positive CHECK (id > 0),
    CONSTRAINT events_note_not_empty CHECK (note <> '') NO INHERIT
);
CREATE TABLE login_events (user_name text NOT NULL) INHERITS (events);
CREATE TABLE audit_events (detail jsonb) INHERITS (events);
CREATE TABLE old_events () INHERITS (events);
