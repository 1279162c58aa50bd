-- migrate:revision 7f41c9a2e806
-- migrate:down_revision 3b8e5d20c1a4
-- migrate:message Convert agents and tasks to phase 2
-- migrate:created 2026-11-23T10:10:00Z
-- migrate:lock_timeout 10s

-- Converts the phase-1 `agents` and `tasks` tables in place to their phase-2 shape, keeping every row.
-- One revision on purpose: the conversion is all or nothing, so a failure leaves the database exactly at
-- phase 1 and every error names phase-1 ids. Both tables are rewritten under ACCESS EXCLUSIVE locks held until
-- the commit: the phase-1 application must be stopped (the seed plans a short downtime for this step);
-- lock_timeout makes the revision fail fast rather than queue behind a forgotten session.
--
-- What happens, in order:
--   1. The schema `phase1_archive` is created with two tables (see below) and helper functions (dropped
--      again at the end of this section).
--   2. Validation. Nothing is changed before every row has been checked. The checks run in this order and
--      the first kind of problem found stops the revision with its SQLSTATE, a message naming every row
--      concerned (up to 20, then a count), one DETAIL line per bad value (up to 100), and a HINT:
--        22001  a value is longer than its new VARCHAR limit
--        23514  a value violates a new CHECK constraint (agent_type, status, priority)
--        22P02  agents.capabilities is not valid JSON (or JSON that JSONB cannot store, such as \u0000)
--        22007  a timestamp text is not in an accepted format, or names an impossible date or time
--   3. Ids become UUIDs. A phase-1 id that PostgreSQL's uuid input accepts (any case, with or without
--      hyphens or braces) keeps its value; any other id gets gen_random_uuid(). If several phase-1 ids spell
--      the same UUID (`ABC...` and `abc...` are distinct TEXT keys), the canonical lower-case spelling keeps
--      the value (else the first in "C" collation order) and the others get new UUIDs. tasks.assigned_agent_id
--      is remapped through the same map, so every reference survives. The old -> new pairs are kept in
--      phase1_archive.id_map (below).
--   4. agents.capabilities TEXT -> JSONB. NULL stays NULL: the phase-2 default '[]' applies to rows inserted
--      from now on, exactly as a column default does; it does not rewrite what phase 1 stored. (Phase-2 code
--      that wants a list reads COALESCE(capabilities, '[]').) Valid JSON that is not an array ('{}', '"x"',
--      'null') is kept as it is.
--   5. TEXT timestamps -> TIMESTAMPTZ. Accepted (checked by regular expression first, never by PostgreSQL's
--      lenient timestamptz input, which takes 'yesterday', 'epoch', 'now'...):
--          YYYY-MM-DD
--          YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM|+HHMM|-HHMM]
--      No offset means UTC, whatever the session TimeZone is. Fractions beyond microseconds are rounded.
--      NULL stays NULL.
--   6. The phase-2 columns, defaults and CHECK constraints are added. Existing rows get the new columns'
--      defaults (performance_metrics '{}', step_order 0, context_data '{}', result_data '{}'), as if they had
--      been inserted in phase 2 without those values; the new timestamp columns and workflow_id stay NULL.
--      tasks.workflow_id is added here without its foreign key: `workflows` does not exist yet; revision
--      a95d13e7b460 adds tasks_workflow_id_fkey. created_at/updated_at are rebuilt as new columns so that the
--      column order is the seed's (the new columns come before them).
--
-- phase1_archive: what a downgrade needs and cannot recompute from the phase-2 values.
--   id_map(table_name, old_id, new_id)                 every phase-1 id whose text is not the canonical text
--                                                      of the UUID it became ('agent-7', 'A0EE...', '{a0ee...}').
--   original_text(table_name, row_id, column_name, original, converted)
--                                                      every capabilities/timestamp text whose phase-2 value
--                                                      renders differently from the phase-1 text (e.g.
--                                                      '2024-01-02 03:04:05' or '["a","b"]').
--   When both are empty (an empty phase-1 database, or one whose ids and texts are already canonical), the
--   schema is dropped at the end of this section, so a fresh `upgrade head` leaves exactly the seed's schema.
--   Otherwise it stays at head, outside `public` (a catalog diff of `public` does not see it). Dropping it by
--   hand once a downgrade is out of the question is safe: the downgrade then writes ids and values in the
--   phase-2 text forms below instead of restoring the original spellings.
--
-- Downgrade (down section): lossless for everything phase 1 could hold.
--   ids        -> the original phase-1 text via id_map; rows created in phase 2 get the UUID's canonical text.
--   timestamps -> the original phase-1 text when the value has not changed since the upgrade; otherwise
--                 ISO-8601 in UTC as Python's datetime.isoformat() writes it for an aware datetime:
--                 'YYYY-MM-DDTHH:MM:SS+00:00', or 'YYYY-MM-DDTHH:MM:SS.ffffff+00:00' when there are
--                 microseconds (read back by datetime.fromisoformat() and by this revision's up section).
--   capabilities -> the original JSON text when unchanged since the upgrade; otherwise JSONB's text form.
--   VARCHAR    -> TEXT (same value).
--   Lost: agents.performance_metrics, agents.last_heartbeat, tasks.workflow_id, tasks.step_order,
--   tasks.context_data, tasks.result_data, tasks.started_at, tasks.completed_at, tasks.deadline (phase 1 has
--   no such columns), the CHECK constraints and ON DELETE SET NULL, and the phase1_archive schema.

-- migrate:up

-- 1. Archive schema and helpers ---------------------------------------------------------------------------

CREATE SCHEMA phase1_archive;
COMMENT ON SCHEMA phase1_archive IS
    'Phase-1 spellings kept by revision 7f41c9a2e806 so that a downgrade to phase 1 restores them exactly.';

CREATE TABLE phase1_archive.id_map (
    table_name TEXT NOT NULL CHECK (table_name IN ('agents', 'tasks')),
    old_id TEXT NOT NULL,
    new_id UUID NOT NULL,
    PRIMARY KEY (table_name, new_id),
    UNIQUE (table_name, old_id)
);
COMMENT ON TABLE phase1_archive.id_map IS
    'Phase-1 TEXT ids of agents and tasks that are not the canonical text of the UUID they became.';

CREATE TABLE phase1_archive.original_text (
    table_name TEXT NOT NULL CHECK (table_name IN ('agents', 'tasks')),
    row_id UUID NOT NULL,
    column_name TEXT NOT NULL,
    original TEXT NOT NULL,
    converted TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id, column_name)
);
COMMENT ON TABLE phase1_archive.original_text IS
    'Phase-1 texts whose phase-2 value renders differently (converted); restored on downgrade while unchanged.';

-- Raises one error listing every problem: refs name the rows (for the message), details say what is wrong,
-- `what` describes the problem with a %s for the number of values.
CREATE FUNCTION phase1_archive.raise_problems(refs TEXT[], details TEXT[], error_code TEXT, what TEXT, hint TEXT)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    shown CONSTANT INTEGER := 100;
    rows_named TEXT;
    row_count INTEGER;
    detail TEXT;
BEGIN
    IF refs IS NULL OR cardinality(refs) = 0 THEN
        RETURN;
    END IF;
    SELECT count(*), string_agg(ref, ', ' ORDER BY first_ordinal) FILTER (WHERE ref_rank <= 20)
      INTO row_count, rows_named
      FROM (SELECT ref, min(ordinal) AS first_ordinal, row_number() OVER (ORDER BY min(ordinal)) AS ref_rank
              FROM unnest(refs) WITH ORDINALITY AS u(ref, ordinal)
             GROUP BY ref) AS distinct_refs;
    IF row_count > 20 THEN
        rows_named := rows_named || format(' and %s more', row_count - 20);
    END IF;
    detail := array_to_string(details[1:shown], E'\n');
    IF cardinality(details) > shown THEN
        detail := detail || format(E'\n... and %s more', cardinality(details) - shown);
    END IF;
    RAISE EXCEPTION USING
        ERRCODE = error_code,
        MESSAGE = format('cannot convert phase-1 data: %s; %s row(s): %s',
                         format(what, cardinality(details)), row_count, rows_named),
        DETAIL = detail,
        HINT = hint;
END $$;

-- A value shown in a message: quoted, and cut short so one bad row cannot flood the log.
CREATE FUNCTION phase1_archive.shown(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN 'NULL'
                WHEN char_length(value) > 60 THEN quote_literal(left(value, 57)) || '...'
                ELSE quote_literal(value) END
$$;

CREATE FUNCTION phase1_archive.json_problem(value TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    PERFORM value::jsonb;
    RETURN NULL;
EXCEPTION WHEN data_exception THEN
    RETURN SQLERRM;
END $$;

-- The only timestamp parser of this revision. The regular expression decides what is accepted;
-- make_timestamptz(..., 'UTC') rejects impossible dates and times (2024-02-30, 25:00) and does not
-- depend on the session TimeZone.
CREATE FUNCTION phase1_archive.parse_timestamp(value TEXT) RETURNS TIMESTAMPTZ
LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    part TEXT[];
    result TIMESTAMPTZ;
    offset_hours INTEGER;
    offset_minutes INTEGER;
BEGIN
    part := regexp_match(value,
        '^([0-9]{4})-([0-9]{2})-([0-9]{2})'
        '(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:[.][0-9]+)?))?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$');
    IF part IS NULL THEN
        RAISE EXCEPTION
            'not in an accepted format (YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM|+HHMM|-HHMM]])'
            USING ERRCODE = 'invalid_datetime_format';
    END IF;
    result := make_timestamptz(part[1]::INTEGER, part[2]::INTEGER, part[3]::INTEGER,
                               coalesce(part[4], '0')::INTEGER, coalesce(part[5], '0')::INTEGER,
                               coalesce(part[6], '0')::DOUBLE PRECISION, 'UTC');
    IF part[7] IS NOT NULL AND part[7] <> 'Z' THEN
        offset_hours := substr(part[7], 2, 2)::INTEGER;
        offset_minutes := right(part[7], 2)::INTEGER;
        IF offset_hours > 15 OR offset_minutes > 59 THEN
            RAISE EXCEPTION 'UTC offset % out of range', part[7] USING ERRCODE = 'invalid_datetime_format';
        END IF;
        -- 10:00+02:00 is 08:00 UTC: subtract a positive offset.
        result := result - CASE WHEN left(part[7], 1) = '-' THEN -1 ELSE 1 END
                           * make_interval(hours => offset_hours, mins => offset_minutes);
    END IF;
    RETURN result;
END $$;

CREATE FUNCTION phase1_archive.timestamp_problem(value TEXT) RETURNS TEXT LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
    PERFORM phase1_archive.parse_timestamp(value);
    RETURN NULL;
EXCEPTION WHEN data_exception THEN
    RETURN SQLERRM;
END $$;

-- The downgrade's text form (same function in the down section): Python's datetime.isoformat() of an aware
-- UTC datetime. Infinite values keep PostgreSQL's spelling; BC dates get a ' BC' suffix.
CREATE FUNCTION phase1_archive.timestamp_text(value TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql STABLE STRICT AS $$
    SELECT CASE WHEN NOT isfinite(value) THEN value::TEXT
                ELSE to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                     || CASE WHEN to_char(value AT TIME ZONE 'UTC', 'US') = '000000' THEN ''
                             ELSE '.' || to_char(value AT TIME ZONE 'UTC', 'US') END
                     || '+00:00'
                     || CASE WHEN to_char(value AT TIME ZONE 'UTC', 'BC') = 'BC' THEN ' BC' ELSE '' END
           END
$$;

CREATE FUNCTION phase1_archive.new_id(from_table TEXT, old TEXT) RETURNS UUID LANGUAGE plpgsql STABLE AS $$
DECLARE
    result UUID;
BEGIN
    IF old IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT m.new_id INTO result FROM phase1_archive.id_map AS m WHERE m.table_name = from_table AND m.old_id = old;
    IF result IS NULL THEN
        RAISE EXCEPTION 'no UUID recorded for %.id %', from_table, quote_literal(old);
    END IF;
    RETURN result;
END $$;

-- 2. Validation: every row, before anything changes ---------------------------------------------------------

SELECT phase1_archive.raise_problems(
    array_agg(format('%s %L', p.table_name, p.id) ORDER BY p.table_name, p.id COLLATE "C", p.column_name),
    array_agg(format('%s %L: %s has %s characters, the phase-2 limit is VARCHAR(%s)',
                     p.table_name, p.id, p.column_name, char_length(p.value), p.max_length)
              ORDER BY p.table_name, p.id COLLATE "C", p.column_name),
    '22001', '%s value(s) are longer than their phase-2 VARCHAR limit',
    'Shorten the listed values in the phase-1 tables (UPDATE ... SET <column> = ... WHERE id = ...), '
    'then run the upgrade again.')
FROM (
    SELECT 'agents' AS table_name, a.id, v.column_name, v.value, v.max_length
      FROM agents AS a
     CROSS JOIN LATERAL (VALUES ('name', a.name, 255), ('agent_type', a.agent_type, 50), ('status', a.status, 50),
                                ('model_provider', a.model_provider, 100), ('model_name', a.model_name, 100))
                     AS v(column_name, value, max_length)
    UNION ALL
    SELECT 'tasks', t.id, v.column_name, v.value, v.max_length
      FROM tasks AS t
     CROSS JOIN LATERAL (VALUES ('title', t.title, 500), ('status', t.status, 50), ('priority', t.priority, 20))
                     AS v(column_name, value, max_length)
) AS p
WHERE char_length(p.value) > p.max_length;

SELECT phase1_archive.raise_problems(
    array_agg(format('%s %L', p.table_name, p.id) ORDER BY p.table_name, p.id COLLATE "C", p.column_name),
    array_agg(format('%s %L: %s = %s is not one of %s', p.table_name, p.id, p.column_name,
                     phase1_archive.shown(p.value), p.allowed)
              ORDER BY p.table_name, p.id COLLATE "C", p.column_name),
    '23514', '%s value(s) violate a phase-2 CHECK constraint',
    'Change the listed values to an allowed one (or to NULL, except agent_type) in the phase-1 tables, '
    'then run the upgrade again.')
FROM (
    SELECT 'agents' AS table_name, id, 'agent_type' AS column_name, agent_type AS value,
           'chief_of_staff, master_operator' AS allowed
      FROM agents WHERE agent_type NOT IN ('chief_of_staff', 'master_operator')
    UNION ALL
    SELECT 'agents', id, 'status', status, 'idle, active, busy, error, offline'
      FROM agents WHERE status NOT IN ('idle', 'active', 'busy', 'error', 'offline')
    UNION ALL
    SELECT 'tasks', id, 'status', status, 'pending, in_progress, completed, failed, cancelled'
      FROM tasks WHERE status NOT IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled')
    UNION ALL
    SELECT 'tasks', id, 'priority', priority, 'low, medium, high, urgent'
      FROM tasks WHERE priority NOT IN ('low', 'medium', 'high', 'urgent')
) AS p;

SELECT phase1_archive.raise_problems(
    array_agg(format('agents %L', p.id) ORDER BY p.id COLLATE "C"),
    array_agg(format('agents %L: capabilities = %s: %s', p.id, phase1_archive.shown(p.capabilities), p.problem)
              ORDER BY p.id COLLATE "C"),
    '22P02', '%s agents.capabilities value(s) are not valid JSON',
    'Correct the JSON text, or set it to NULL if the agent has no capabilities '
    '(UPDATE agents SET capabilities = NULL WHERE id IN (...)), then run the upgrade again.')
FROM (
    SELECT id, capabilities, phase1_archive.json_problem(capabilities) AS problem FROM agents
) AS p
WHERE p.problem IS NOT NULL;

SELECT phase1_archive.raise_problems(
    array_agg(format('%s %L', p.table_name, p.id) ORDER BY p.table_name, p.id COLLATE "C", p.column_name),
    array_agg(format('%s %L: %s = %s: %s', p.table_name, p.id, p.column_name, phase1_archive.shown(p.value),
                     p.problem)
              ORDER BY p.table_name, p.id COLLATE "C", p.column_name),
    '22007', '%s timestamp value(s) are not in an accepted format or not a valid date and time',
    'Accepted: YYYY-MM-DD, optionally followed by T or a space and HH:MM[:SS[.fraction]], then optionally Z, '
    '+HH:MM, -HH:MM, +HHMM or -HHMM (no offset means UTC). Rewrite the listed values in one of these forms '
    'or set them to NULL in the phase-1 tables, then run the upgrade again.')
FROM (
    SELECT 'agents' AS table_name, a.id, v.column_name, v.value, phase1_archive.timestamp_problem(v.value) AS problem
      FROM agents AS a
     CROSS JOIN LATERAL (VALUES ('created_at', a.created_at), ('updated_at', a.updated_at)) AS v(column_name, value)
    UNION ALL
    SELECT 'tasks', t.id, v.column_name, v.value, phase1_archive.timestamp_problem(v.value)
      FROM tasks AS t
     CROSS JOIN LATERAL (VALUES ('created_at', t.created_at), ('updated_at', t.updated_at)) AS v(column_name, value)
) AS p
WHERE p.problem IS NOT NULL;

-- 3. Record the id map and the original spellings ------------------------------------------------------------

-- The regular expression is exactly what PostgreSQL's uuid input accepts: 32 hex digits, an optional hyphen
-- after any group of four, optionally inside one pair of braces. (The ::uuid cast would stop the revision if
-- the two ever disagreed.) Regular expressions here avoid backslashes ([.] rather than \.) so that they mean
-- the same with standard_conforming_strings off.
INSERT INTO phase1_archive.id_map (table_name, old_id, new_id)
SELECT table_name, old_id,
       CASE WHEN as_uuid IS NOT NULL AND spelling_rank = 1 THEN as_uuid ELSE gen_random_uuid() END
FROM (
    SELECT table_name, old_id, as_uuid,
           row_number() OVER (PARTITION BY table_name, as_uuid
                              ORDER BY old_id = as_uuid::TEXT DESC, old_id COLLATE "C") AS spelling_rank
    FROM (
        SELECT 'agents' AS table_name, id AS old_id,
               CASE WHEN id ~ '^([0-9A-Fa-f]{4}(-?[0-9A-Fa-f]{4}){7}|[{][0-9A-Fa-f]{4}(-?[0-9A-Fa-f]{4}){7}[}])$'
                    THEN id::UUID END AS as_uuid
          FROM agents
        UNION ALL
        SELECT 'tasks', id,
               CASE WHEN id ~ '^([0-9A-Fa-f]{4}(-?[0-9A-Fa-f]{4}){7}|[{][0-9A-Fa-f]{4}(-?[0-9A-Fa-f]{4}){7}[}])$'
                    THEN id::UUID END
          FROM tasks
    ) AS candidate
) AS ranked;

DO $$
DECLARE
    summary TEXT;
BEGIN
    SELECT string_agg(format('%s: %s id(s) kept their UUID value, %s got a new UUID', table_name, kept, renewed),
                      '; ' ORDER BY table_name)
      INTO summary
      FROM (SELECT table_name,
                   count(*) FILTER (WHERE same_value) AS kept,
                   count(*) FILTER (WHERE NOT same_value) AS renewed
              FROM (SELECT table_name,
                           translate(lower(old_id), '{}-', '') = replace(new_id::TEXT, '-', '') AS same_value
                      FROM phase1_archive.id_map) AS m
             GROUP BY table_name) AS counts;
    RAISE NOTICE '%', coalesce(summary, 'no phase-1 rows');
END $$;

INSERT INTO phase1_archive.original_text (table_name, row_id, column_name, original, converted)
SELECT 'agents', m.new_id, v.column_name, v.original, v.converted
  FROM agents AS a
  JOIN phase1_archive.id_map AS m ON m.table_name = 'agents' AND m.old_id = a.id
 CROSS JOIN LATERAL (VALUES
        ('capabilities', a.capabilities, a.capabilities::JSONB::TEXT),
        ('created_at', a.created_at, phase1_archive.timestamp_text(phase1_archive.parse_timestamp(a.created_at))),
        ('updated_at', a.updated_at, phase1_archive.timestamp_text(phase1_archive.parse_timestamp(a.updated_at)))
     ) AS v(column_name, original, converted)
 WHERE v.original <> v.converted
UNION ALL
SELECT 'tasks', m.new_id, v.column_name, v.original, v.converted
  FROM tasks AS t
  JOIN phase1_archive.id_map AS m ON m.table_name = 'tasks' AND m.old_id = t.id
 CROSS JOIN LATERAL (VALUES
        ('created_at', t.created_at, phase1_archive.timestamp_text(phase1_archive.parse_timestamp(t.created_at))),
        ('updated_at', t.updated_at, phase1_archive.timestamp_text(phase1_archive.parse_timestamp(t.updated_at)))
     ) AS v(column_name, original, converted)
 WHERE v.original <> v.converted;

-- 4. agents ---------------------------------------------------------------------------------------------------

-- The foreign key is rebuilt once both sides are UUIDs (step 5).
ALTER TABLE tasks DROP CONSTRAINT tasks_assigned_agent_id_fkey;

-- New columns first, without defaults, filled by one UPDATE: no "missing value" bookkeeping is left in the
-- catalog. created_at/updated_at are rebuilt after them so the column order is the seed's.
ALTER TABLE agents
    ADD COLUMN performance_metrics JSONB,
    ADD COLUMN last_heartbeat TIMESTAMPTZ,
    ADD COLUMN phase2_created_at TIMESTAMPTZ,
    ADD COLUMN phase2_updated_at TIMESTAMPTZ;

UPDATE agents
   SET performance_metrics = '{}',
       phase2_created_at = phase1_archive.parse_timestamp(created_at),
       phase2_updated_at = phase1_archive.parse_timestamp(updated_at);

ALTER TABLE agents DROP COLUMN created_at, DROP COLUMN updated_at;
ALTER TABLE agents RENAME COLUMN phase2_created_at TO created_at;
ALTER TABLE agents RENAME COLUMN phase2_updated_at TO updated_at;

-- Defaults are dropped and set again: a type change keeps the old default expression ('idle'::text).
ALTER TABLE agents
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN model_provider DROP DEFAULT,
    ALTER COLUMN model_name DROP DEFAULT;

ALTER TABLE agents
    ALTER COLUMN id TYPE UUID USING phase1_archive.new_id('agents', id),
    ALTER COLUMN name TYPE VARCHAR(255),
    ALTER COLUMN agent_type TYPE VARCHAR(50),
    ALTER COLUMN status TYPE VARCHAR(50),
    ALTER COLUMN capabilities TYPE JSONB USING capabilities::JSONB,
    ALTER COLUMN model_provider TYPE VARCHAR(100),
    ALTER COLUMN model_name TYPE VARCHAR(100);

ALTER TABLE agents
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    ALTER COLUMN status SET DEFAULT 'idle',
    ALTER COLUMN capabilities SET DEFAULT '[]',
    ALTER COLUMN model_provider SET DEFAULT 'openrouter',
    ALTER COLUMN model_name SET DEFAULT 'auto',
    ALTER COLUMN performance_metrics SET DEFAULT '{}',
    ALTER COLUMN created_at SET DEFAULT NOW(),
    ALTER COLUMN updated_at SET DEFAULT NOW(),
    ADD CONSTRAINT agents_agent_type_check CHECK (agent_type IN ('chief_of_staff', 'master_operator')),
    ADD CONSTRAINT agents_status_check CHECK (status IN ('idle', 'active', 'busy', 'error', 'offline'));

-- 5. tasks ----------------------------------------------------------------------------------------------------

ALTER TABLE tasks
    ADD COLUMN workflow_id UUID,
    ADD COLUMN step_order INTEGER,
    ADD COLUMN context_data JSONB,
    ADD COLUMN result_data JSONB,
    ADD COLUMN started_at TIMESTAMPTZ,
    ADD COLUMN completed_at TIMESTAMPTZ,
    ADD COLUMN deadline TIMESTAMPTZ,
    ADD COLUMN phase2_created_at TIMESTAMPTZ,
    ADD COLUMN phase2_updated_at TIMESTAMPTZ;

UPDATE tasks
   SET step_order = 0,
       context_data = '{}',
       result_data = '{}',
       phase2_created_at = phase1_archive.parse_timestamp(created_at),
       phase2_updated_at = phase1_archive.parse_timestamp(updated_at);

ALTER TABLE tasks DROP COLUMN created_at, DROP COLUMN updated_at;
ALTER TABLE tasks RENAME COLUMN phase2_created_at TO created_at;
ALTER TABLE tasks RENAME COLUMN phase2_updated_at TO updated_at;

ALTER TABLE tasks
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN priority DROP DEFAULT;

ALTER TABLE tasks
    ALTER COLUMN id TYPE UUID USING phase1_archive.new_id('tasks', id),
    ALTER COLUMN title TYPE VARCHAR(500),
    ALTER COLUMN status TYPE VARCHAR(50),
    ALTER COLUMN priority TYPE VARCHAR(20),
    ALTER COLUMN assigned_agent_id TYPE UUID USING phase1_archive.new_id('agents', assigned_agent_id);

ALTER TABLE tasks
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    ALTER COLUMN status SET DEFAULT 'pending',
    ALTER COLUMN priority SET DEFAULT 'medium',
    ALTER COLUMN step_order SET DEFAULT 0,
    ALTER COLUMN context_data SET DEFAULT '{}',
    ALTER COLUMN result_data SET DEFAULT '{}',
    ALTER COLUMN created_at SET DEFAULT NOW(),
    ALTER COLUMN updated_at SET DEFAULT NOW(),
    ADD CONSTRAINT tasks_status_check
        CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled')),
    ADD CONSTRAINT tasks_priority_check CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    ADD CONSTRAINT tasks_assigned_agent_id_fkey
        FOREIGN KEY (assigned_agent_id) REFERENCES agents (id) ON DELETE SET NULL;

-- 6. Helpers are not part of any schema version; the archive stays only if it holds something --------------

DROP FUNCTION phase1_archive.raise_problems(TEXT[], TEXT[], TEXT, TEXT, TEXT);
DROP FUNCTION phase1_archive.shown(TEXT);
DROP FUNCTION phase1_archive.json_problem(TEXT);
DROP FUNCTION phase1_archive.timestamp_problem(TEXT);
DROP FUNCTION phase1_archive.parse_timestamp(TEXT);
DROP FUNCTION phase1_archive.timestamp_text(TIMESTAMPTZ);
DROP FUNCTION phase1_archive.new_id(TEXT, TEXT);

-- The downgrade writes a UUID's canonical text anyway: such map entries carry no information.
DELETE FROM phase1_archive.id_map WHERE old_id = new_id::TEXT;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM phase1_archive.id_map) AND NOT EXISTS (SELECT FROM phase1_archive.original_text) THEN
        DROP TABLE phase1_archive.original_text;
        DROP TABLE phase1_archive.id_map;
        DROP SCHEMA phase1_archive;
    END IF;
END $$;

-- migrate:down

-- The archive is absent when the upgrade had nothing to keep (or when it was dropped by hand): recreate it
-- empty, and every id and value is written in its phase-2 text form.
DO $$
BEGIN
    IF to_regnamespace('phase1_archive') IS NULL THEN
        CREATE SCHEMA phase1_archive;
    END IF;
    IF to_regclass('phase1_archive.id_map') IS NULL THEN
        CREATE TABLE phase1_archive.id_map (table_name TEXT, old_id TEXT, new_id UUID);
    END IF;
    IF to_regclass('phase1_archive.original_text') IS NULL THEN
        CREATE TABLE phase1_archive.original_text (
            table_name TEXT, row_id UUID, column_name TEXT, original TEXT, converted TEXT);
    END IF;
END $$;

-- Same text form as in the up section (Python's datetime.isoformat() of an aware UTC datetime).
CREATE FUNCTION phase1_archive.timestamp_text(value TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql STABLE STRICT AS $$
    SELECT CASE WHEN NOT isfinite(value) THEN value::TEXT
                ELSE to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                     || CASE WHEN to_char(value AT TIME ZONE 'UTC', 'US') = '000000' THEN ''
                             ELSE '.' || to_char(value AT TIME ZONE 'UTC', 'US') END
                     || '+00:00'
                     || CASE WHEN to_char(value AT TIME ZONE 'UTC', 'BC') = 'BC' THEN ' BC' ELSE '' END
           END
$$;

CREATE FUNCTION phase1_archive.old_id(from_table TEXT, id UUID) RETURNS TEXT LANGUAGE sql STABLE STRICT AS $$
    SELECT coalesce((SELECT m.old_id FROM phase1_archive.id_map AS m WHERE m.table_name = from_table AND m.new_id = id),
                    id::TEXT)
$$;

-- The phase-1 spelling if the value is still the one the upgrade produced, else the current text.
CREATE FUNCTION phase1_archive.phase1_text(from_table TEXT, id UUID, column_name TEXT, current_text TEXT)
RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN current_text IS NULL THEN NULL
                ELSE coalesce((SELECT o.original FROM phase1_archive.original_text AS o
                                WHERE o.table_name = from_table AND o.row_id = id
                                  AND o.column_name = phase1_text.column_name AND o.converted = current_text),
                              current_text) END
$$;

ALTER TABLE tasks DROP CONSTRAINT tasks_assigned_agent_id_fkey;

-- tasks: phase-2-only columns go (their values are lost), types return to TEXT.
ALTER TABLE tasks
    DROP CONSTRAINT tasks_status_check,
    DROP CONSTRAINT tasks_priority_check,
    DROP COLUMN workflow_id,
    DROP COLUMN step_order,
    DROP COLUMN context_data,
    DROP COLUMN result_data,
    DROP COLUMN started_at,
    DROP COLUMN completed_at,
    DROP COLUMN deadline,
    ALTER COLUMN id DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN priority DROP DEFAULT,
    ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN updated_at DROP DEFAULT;

ALTER TABLE tasks
    ALTER COLUMN id TYPE TEXT USING phase1_archive.old_id('tasks', id),
    ALTER COLUMN title TYPE TEXT,
    ALTER COLUMN status TYPE TEXT,
    ALTER COLUMN priority TYPE TEXT,
    ALTER COLUMN assigned_agent_id TYPE TEXT USING phase1_archive.old_id('agents', assigned_agent_id),
    ALTER COLUMN created_at TYPE TEXT
        USING phase1_archive.phase1_text('tasks', id, 'created_at', phase1_archive.timestamp_text(created_at)),
    ALTER COLUMN updated_at TYPE TEXT
        USING phase1_archive.phase1_text('tasks', id, 'updated_at', phase1_archive.timestamp_text(updated_at));

ALTER TABLE tasks
    ALTER COLUMN status SET DEFAULT 'pending',
    ALTER COLUMN priority SET DEFAULT 'medium';

-- agents: likewise.
ALTER TABLE agents
    DROP CONSTRAINT agents_agent_type_check,
    DROP CONSTRAINT agents_status_check,
    DROP COLUMN performance_metrics,
    DROP COLUMN last_heartbeat,
    ALTER COLUMN id DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN capabilities DROP DEFAULT,
    ALTER COLUMN model_provider DROP DEFAULT,
    ALTER COLUMN model_name DROP DEFAULT,
    ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN updated_at DROP DEFAULT;

ALTER TABLE agents
    ALTER COLUMN id TYPE TEXT USING phase1_archive.old_id('agents', id),
    ALTER COLUMN name TYPE TEXT,
    ALTER COLUMN agent_type TYPE TEXT,
    ALTER COLUMN status TYPE TEXT,
    ALTER COLUMN capabilities TYPE TEXT
        USING phase1_archive.phase1_text('agents', id, 'capabilities', capabilities::TEXT),
    ALTER COLUMN model_provider TYPE TEXT,
    ALTER COLUMN model_name TYPE TEXT,
    ALTER COLUMN created_at TYPE TEXT
        USING phase1_archive.phase1_text('agents', id, 'created_at', phase1_archive.timestamp_text(created_at)),
    ALTER COLUMN updated_at TYPE TEXT
        USING phase1_archive.phase1_text('agents', id, 'updated_at', phase1_archive.timestamp_text(updated_at));

ALTER TABLE agents
    ALTER COLUMN status SET DEFAULT 'idle',
    ALTER COLUMN model_provider SET DEFAULT 'openrouter',
    ALTER COLUMN model_name SET DEFAULT 'auto';

ALTER TABLE tasks ADD CONSTRAINT tasks_assigned_agent_id_fkey FOREIGN KEY (assigned_agent_id) REFERENCES agents (id);

-- The archive has been consumed.
DROP FUNCTION phase1_archive.phase1_text(TEXT, UUID, TEXT, TEXT);
DROP FUNCTION phase1_archive.old_id(TEXT, UUID);
DROP FUNCTION phase1_archive.timestamp_text(TIMESTAMPTZ);
DROP TABLE phase1_archive.original_text;
DROP TABLE phase1_archive.id_map;
DROP SCHEMA phase1_archive;
