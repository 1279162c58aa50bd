-- The tracker schema with 24 changes (numbered comments), for diffing both ways.
-- An issue tracker, written for the autogenerate corpus: 33 tables, functions calling each other, views
-- over views, a materialized view, triggers, domains, enums, range partitions, a moving aggregate, a
-- window function's user, sequences shared by tables, quoted names and table inheritance.
SET check_function_bodies = off;
CREATE TYPE public.issue_state AS ENUM ('open', 'in_progress', 'in_review', 'blocked', 'closed'); -- 1
CREATE TYPE public.priority AS ENUM ('low', 'normal', 'high', 'urgent');
CREATE DOMAIN public.slug AS text CHECK (VALUE ~ '^[a-z0-9-]+$');
CREATE DOMAIN public.hex_color AS character(7) CHECK (VALUE ~ '^#[0-9a-f]{6}$');
CREATE DOMAIN public.story_points AS smallint CHECK (VALUE IN (1, 2, 3, 5, 8, 13, 21)); -- 2
CREATE SEQUENCE public.global_number START WITH 1000 CACHE 20; -- 3

CREATE FUNCTION public.points_step(acc bigint, v smallint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT acc + v $$;
CREATE FUNCTION public.points_unstep(acc bigint, v smallint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT acc - v $$;
CREATE AGGREGATE public.points_total(smallint) (
    SFUNC = public.points_step, STYPE = bigint, INITCOND = '0',
    MSFUNC = public.points_step, MINVFUNC = public.points_unstep, MSTYPE = bigint, MINITCOND = '0'
);
CREATE FUNCTION public.set_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;

CREATE TABLE public.organization (id serial PRIMARY KEY, slug public.slug NOT NULL UNIQUE, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), plan text NOT NULL DEFAULT 'free'); -- 4
CREATE TABLE public.app_user (id serial PRIMARY KEY, login text NOT NULL UNIQUE, display_name text, email text NOT NULL, avatar_url text, -- 5
    is_bot boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE public.membership (organization_id integer REFERENCES public.organization ON DELETE CASCADE, user_id integer REFERENCES public.app_user ON DELETE CASCADE, role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member', 'guest')) /* 6 */, PRIMARY KEY (organization_id, user_id));
CREATE TABLE public.team (id serial PRIMARY KEY, organization_id integer NOT NULL REFERENCES public.organization ON DELETE CASCADE, name text NOT NULL, UNIQUE (organization_id, name));
CREATE TABLE public.team_member (team_id integer REFERENCES public.team ON DELETE CASCADE, user_id integer REFERENCES public.app_user, PRIMARY KEY (team_id, user_id));
CREATE TABLE public.project (id serial PRIMARY KEY, organization_id integer NOT NULL REFERENCES public.organization, key text NOT NULL UNIQUE CHECK (key ~ '^[A-Z]{2,6}$'), name text NOT NULL, archived boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE public.milestone (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES public.project ON DELETE CASCADE, title text NOT NULL, due_on date, closed boolean NOT NULL DEFAULT false); -- 7
CREATE TABLE public.label (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES public.project ON DELETE CASCADE, name text NOT NULL, color public.hex_color NOT NULL DEFAULT '#aaaaaa' /* 8 */, description text /* 9 */, UNIQUE (project_id, name));
CREATE TABLE public.issue (
    id bigserial PRIMARY KEY, project_id integer NOT NULL REFERENCES public.project, number bigint NOT NULL DEFAULT nextval('public.global_number'),
    title text NOT NULL, body text, state public.issue_state NOT NULL DEFAULT 'open', priority public.priority NOT NULL DEFAULT 'normal',
    points public.story_points, milestone_id integer REFERENCES public.milestone ON DELETE SET NULL,
    reporter_id integer NOT NULL REFERENCES public.app_user, assignee_id integer REFERENCES public.app_user,
    parent_id bigint REFERENCES public.issue, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, number)
);
CREATE INDEX issue_open ON public.issue (project_id, priority) WHERE state <> 'closed';
CREATE INDEX issue_assignee ON public.issue (assignee_id) WHERE assignee_id IS NOT NULL; -- 10
CREATE TABLE public.issue_label (issue_id bigint REFERENCES public.issue ON DELETE CASCADE, label_id integer REFERENCES public.label ON DELETE CASCADE, PRIMARY KEY (issue_id, label_id));
CREATE TABLE public.issue_watcher (issue_id bigint REFERENCES public.issue ON DELETE CASCADE, user_id integer REFERENCES public.app_user, PRIMARY KEY (issue_id, user_id));
CREATE TABLE public.issue_link (from_issue bigint REFERENCES public.issue ON DELETE CASCADE, to_issue bigint REFERENCES public.issue ON DELETE CASCADE, kind text NOT NULL CHECK (kind IN ('blocks', 'duplicates', 'relates')), PRIMARY KEY (from_issue, to_issue, kind), CHECK (from_issue <> to_issue));
CREATE TABLE public.comment (id bigserial PRIMARY KEY, issue_id bigint NOT NULL REFERENCES public.issue ON DELETE CASCADE, author_id integer NOT NULL REFERENCES public.app_user, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), edited_at timestamptz);
-- 11 reaction dropped
CREATE TABLE public.attachment (id bigserial PRIMARY KEY, issue_id bigint NOT NULL REFERENCES public.issue ON DELETE CASCADE, file_name text NOT NULL, bytes bigint NOT NULL CHECK (bytes >= 0), content_type text NOT NULL DEFAULT 'application/octet-stream'); -- 12
CREATE TABLE public.time_entry (id bigserial PRIMARY KEY, issue_id bigint NOT NULL REFERENCES public.issue, user_id integer NOT NULL REFERENCES public.app_user, minutes integer NOT NULL CHECK (minutes > 0), spent_on date NOT NULL);
CREATE TABLE public.sprint (id serial PRIMARY KEY, team_id integer NOT NULL REFERENCES public.team, name text NOT NULL, starts_on date NOT NULL, ends_on date NOT NULL, CHECK (ends_on > starts_on));
CREATE TABLE public.sprint_issue (sprint_id integer REFERENCES public.sprint ON DELETE CASCADE, issue_id bigint REFERENCES public.issue ON DELETE CASCADE, PRIMARY KEY (sprint_id, issue_id));
CREATE TABLE public.board (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES public.project, name text NOT NULL);
CREATE TABLE public.board_column (board_id integer REFERENCES public.board ON DELETE CASCADE, position smallint, state public.issue_state NOT NULL, wip_limit integer, PRIMARY KEY (board_id, position));
CREATE TABLE public.saved_filter (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES public.app_user, name text NOT NULL, query jsonb NOT NULL DEFAULT '{}');
CREATE TABLE public.webhook (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES public.project ON DELETE CASCADE, url text NOT NULL, secret text, active boolean NOT NULL DEFAULT true, events text[] NOT NULL DEFAULT '{issue}'); -- 13 FK action, 14 column
CREATE TABLE public.api_token (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES public.app_user ON DELETE CASCADE, token_hash bytea NOT NULL UNIQUE, expires_at timestamptz);
CREATE TABLE public."Feature Flag" ("Name" text PRIMARY KEY, "Enabled" boolean NOT NULL DEFAULT true, "Rollout %" smallint); -- 15
CREATE TABLE public.activity (
    id bigserial, at timestamptz NOT NULL DEFAULT now(), issue_id bigint NOT NULL, actor_id integer NOT NULL, verb text NOT NULL,
    PRIMARY KEY (at, id)
) PARTITION BY RANGE (at);
-- 16 activity_2024h1 dropped
CREATE TABLE public.activity_2024h2 PARTITION OF public.activity FOR VALUES FROM ('2024-07-01') TO ('2025-01-01');
CREATE TABLE public.activity_2025h1 PARTITION OF public.activity FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
CREATE TABLE public.activity_2025h2 PARTITION OF public.activity FOR VALUES FROM ('2025-07-01') TO ('2026-01-01'); -- 17
CREATE INDEX activity_issue ON public.activity (issue_id);
CREATE TABLE public.notification (id bigserial, user_id integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), read boolean NOT NULL DEFAULT false);
CREATE TABLE public.mention_notification (comment_id bigint) INHERITS (public.notification);
CREATE TABLE public.assignment_notification (issue_id bigint, previous_assignee integer) INHERITS (public.notification); -- 18

CREATE FUNCTION public.issue_key(p_issue_id bigint) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT p.key || '-' || i.number FROM public.issue i JOIN public.project p ON p.id = i.project_id WHERE i.id = p_issue_id $$;
CREATE FUNCTION public.blocked_by_count(p_issue_id bigint) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM public.issue_link l WHERE l.to_issue = p_issue_id AND l.kind = 'blocks' AND public.is_open(l.from_issue) $$;
CREATE FUNCTION public.is_open(p_issue_id bigint) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT state NOT IN ('closed', 'in_review') FROM public.issue WHERE id = p_issue_id $$; -- 19
CREATE FUNCTION public.log_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.activity (issue_id, actor_id, verb) VALUES (NEW.id, NEW.reporter_id, lower(TG_OP));
    RETURN NEW;
END $$;
CREATE FUNCTION public.minutes_to_hours(m bigint) RETURNS numeric LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC SELECT round(m / 60.0, 2); END; -- 20
CREATE TRIGGER issue_updated BEFORE UPDATE ON public.issue FOR EACH ROW EXECUTE FUNCTION public.set_updated();
CREATE TRIGGER project_updated BEFORE UPDATE ON public.project FOR EACH ROW EXECUTE FUNCTION public.set_updated();
CREATE TRIGGER user_updated BEFORE UPDATE OF login, email ON public.app_user FOR EACH ROW EXECUTE FUNCTION public.set_updated(); -- 21
CREATE TRIGGER issue_activity AFTER INSERT OR UPDATE ON public.issue FOR EACH ROW EXECUTE FUNCTION public.log_activity();

CREATE VIEW public.issue_overview AS
    SELECT i.id, public.issue_key(i.id) AS key, i.title, i.state, i.priority, i.points, u.login AS assignee,
        public.blocked_by_count(i.id) AS blockers, i.created_at -- 23 column added under two views
    FROM public.issue i LEFT JOIN public.app_user u ON u.id = i.assignee_id;
CREATE VIEW public.open_issues AS SELECT * FROM public.issue_overview WHERE state <> 'closed';
CREATE VIEW public.urgent_open_issues AS SELECT * FROM public.open_issues WHERE priority IN ('urgent', 'high'); -- 22
CREATE VIEW public.sprint_burndown AS
    SELECT s.id AS sprint_id, public.points_total(i.points) AS planned,
        public.points_total(i.points) FILTER (WHERE i.state = 'closed') AS done
    FROM public.sprint s JOIN public.sprint_issue si ON si.sprint_id = s.id JOIN public.issue i ON i.id = si.issue_id
    GROUP BY s.id;
CREATE VIEW public.running_points AS
    SELECT i.id, public.points_total(i.points) OVER (ORDER BY i.created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS last_four
    FROM public.issue i;
CREATE MATERIALIZED VIEW public.time_by_user AS
    SELECT u.login, public.minutes_to_hours(sum(t.minutes)) AS hours
    FROM public.time_entry t JOIN public.app_user u ON u.id = t.user_id GROUP BY u.login;
COMMENT ON TABLE public.issue IS 'work items and bugs'; -- 24
CREATE TABLE public.release (id serial PRIMARY KEY, project_id integer NOT NULL REFERENCES public.project, tag text NOT NULL, shipped_at timestamptz, UNIQUE (project_id, tag)); -- 25
COMMENT ON FUNCTION public.issue_key(bigint) IS 'PROJ-123';
