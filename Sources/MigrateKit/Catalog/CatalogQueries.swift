/// The `pg_catalog` queries ``CatalogReader`` runs: one per kind of object, each covering the whole schema.
///
/// `$1` is always the array of user schema OIDs. They run with `search_path = ''` so every name the
/// deparsing functions print is schema-qualified. Objects that belong to an extension
/// (`pg_depend.deptype = 'e'`) are left out here or, for sub-objects, by their parent being unknown.
enum CatalogQueries {
    /// Schemas other than `pg_catalog`, `information_schema`, `pg_toast*` and `pg_temp*`.
    static let schemas = """
        SELECT n.oid, n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment
        FROM pg_namespace n
        WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                AND d.objid = n.oid AND d.deptype = 'e')
        """

    /// The database's default tablespace, which tables and indexes without one of their own live in.
    static let defaultTablespace = """
        SELECT t.spcname AS name FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace
        WHERE d.datname = current_database()
        """

    static let extensions = """
        SELECT e.oid, e.extname AS name, n.nspname AS schema, e.extversion AS version,
            obj_description(e.oid, 'pg_extension') AS comment
        FROM pg_extension e
        JOIN pg_namespace n ON n.oid = e.extnamespace
        """

    /// Collations made with `CREATE COLLATION`. The ICU locale column was renamed in PostgreSQL 17 and
    /// rules came in 16, so they are read through `to_jsonb` of the row, which works on every version.
    static let collations = """
        SELECT co.oid, co.collnamespace AS schema_oid, co.collname AS name, co.collprovider AS provider,
            co.collisdeterministic AS deterministic, co.collcollate AS lc_collate, co.collctype AS lc_ctype,
            COALESCE(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale') AS locale,
            to_jsonb(co) ->> 'collicurules' AS rules,
            obj_description(co.oid, 'pg_collation') AS comment
        FROM pg_collation co
        WHERE co.collnamespace = ANY($1::oid[])
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass
                AND d.objid = co.oid AND d.deptype = 'e')
        """

    /// Enums and domains.
    static let types = """
        SELECT t.oid, t.typarray AS array_oid, t.typnamespace AS schema_oid, t.typname AS name, t.typtype AS kind,
            CASE WHEN t.typtype = 'e' THEN
                ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
            END AS labels,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
            t.typnotnull AS not_null,
            pg_get_expr(t.typdefaultbin, 0) AS default_expression,
            CASE WHEN t.typcollation <> b.typcollation THEN cn.nspname END AS collation_schema,
            CASE WHEN t.typcollation <> b.typcollation THEN co.collname END AS collation_name,
            obj_description(t.oid, 'pg_type') AS comment,
            t.typacl IS NOT NULL AS has_privileges
        FROM pg_type t
        LEFT JOIN pg_type b ON b.oid = t.typbasetype
        LEFT JOIN pg_collation co ON co.oid = t.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE t.typnamespace = ANY($1::oid[]) AND t.typtype IN ('e', 'd')
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                AND d.objid = t.oid AND d.deptype = 'e')
        """

    /// Tables, partitioned tables, views, materialized views and sequences, with sequence parameters and
    /// the column a sequence is owned by (`OWNED BY`, or the identity column it serves). Storage parameters
    /// of a table's TOAST table come apart, as `toast.name=value`, the way `WITH (...)` takes them.
    static let relations = """
        SELECT c.oid, c.reltype AS type_oid, c.relnamespace AS schema_oid, c.relname AS name, c.relkind AS kind,
            c.relpersistence = 'u' AS unlogged, c.reloptions AS options,
            c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
            CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
            (SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid AND c.relispartition) AS partition_parent,
            ARRAY(SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid AND NOT c.relispartition
                ORDER BY i.inhseqno)::text[] AS parents,
            CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view_definition,
            ds.description AS comment,
            c.relacl IS NOT NULL AS has_privileges,
            c.relreplident AS replica_identity,
            (SELECT ic.relname FROM pg_index ri JOIN pg_class ic ON ic.oid = ri.indexrelid
                WHERE ri.indrelid = c.oid AND ri.indisreplident) AS replica_identity_index,
            ts.spcname AS tablespace,
            ARRAY(SELECT 'toast.' || o FROM pg_class tc, unnest(tc.reloptions) WITH ORDINALITY AS u(o, n)
                WHERE tc.oid = c.reltoastrelid ORDER BY n) AS toast_options,
            c.relkind IN ('r', 'p', 'm') AND c.relam <> 0
                AND c.relam <> (SELECT oid FROM pg_am WHERE amname = 'heap') AS has_access_method,
            format_type(s.seqtypid, NULL) AS sequence_type, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
            s.seqcache, s.seqcycle,
            owner.refobjid AS owner_oid, owner.refobjsubid AS owner_column, owner.deptype AS owner_kind
        FROM pg_class c
        LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
        LEFT JOIN pg_sequence s ON s.seqrelid = c.oid
        LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
        LEFT JOIN pg_depend owner ON c.relkind = 'S' AND owner.classid = 'pg_class'::regclass
            AND owner.objid = c.oid AND owner.refclassid = 'pg_class'::regclass AND owner.refobjsubid > 0
            AND owner.deptype IN ('a', 'i')
        WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                AND d.objid = c.oid AND d.deptype = 'e')
        """

    /// Columns of tables and views, in order. `is_local` is false for a column a table only inherits.
    static let columns = """
        SELECT a.attrelid AS relation_oid, a.attnum AS number, a.attname AS name,
            format_type(a.atttypid, a.atttypmod) AS type, format_type(a.atttypid, NULL) AS bare_type,
            a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
            pg_get_expr(d.adbin, d.adrelid) AS expression, a.attislocal AS is_local,
            CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage, t.typstorage AS type_storage,
            CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
            CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END AS statistics_target,
            a.attoptions AS attribute_options,
            CASE WHEN a.attcollation <> t.typcollation THEN cn.nspname END AS collation_schema,
            CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation_name,
            ds.description AS comment
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass
            AND ds.objsubid = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0
            AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """

    /// Table and domain constraints, without those a partition inherits from its parent. The storage
    /// parameters and tablespace of a key's index, which `pg_get_constraintdef` leaves out, come apart.
    static let constraints = """
        SELECT k.oid, k.conrelid AS table_oid, k.contypid AS domain_oid, k.conname AS name, k.contype AS kind,
            pg_get_constraintdef(k.oid) AS definition, k.convalidated AS validated, k.conindid AS index_oid,
            k.confrelid AS referenced_oid,
            ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS key(number, position)
                JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.number
                ORDER BY key.position) AS columns,
            ds.description AS comment,
            CASE WHEN k.contype IN ('p', 'u', 'x') THEN ci.reloptions END AS index_options,
            CASE WHEN k.contype IN ('p', 'u', 'x') THEN its.spcname END AS index_tablespace
        FROM pg_constraint k
        LEFT JOIN pg_description ds ON ds.objoid = k.oid AND ds.classoid = 'pg_constraint'::regclass
        LEFT JOIN pg_class ci ON ci.oid = k.conindid
        LEFT JOIN pg_tablespace its ON its.oid = ci.reltablespace
        WHERE k.connamespace = ANY($1::oid[]) AND k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0
            AND (k.contypid <> 0 OR k.conislocal)
        """

    /// Indexes that neither back a constraint nor are a partition's copy of its parent's index.
    /// `options_clause` is the storage parameters as `pg_get_indexdef` prints them inside `WITH (...)` (names
    /// and values quoted only when needed, by the same rule), and `predicate` what it prints after `WHERE`,
    /// so that both can be taken off the definition.
    static let indexes = """
        SELECT i.indexrelid AS oid, i.indrelid AS table_oid, c.relname AS name, i.indisunique AS is_unique,
            pg_get_indexdef(i.indexrelid) AS definition, quote_ident(c.relname) AS quoted_name,
            quote_ident(tn.nspname) || '.' || quote_ident(t.relname) AS quoted_table,
            i.indisvalid AS valid, ds.description AS comment, c.reloptions AS options,
            (SELECT string_agg(quote_ident(split_part(o, '=', 1)) || '=' || CASE
                    WHEN quote_ident(substr(o, strpos(o, '=') + 1)) = substr(o, strpos(o, '=') + 1)
                    THEN substr(o, strpos(o, '=') + 1) ELSE quote_literal(substr(o, strpos(o, '=') + 1)) END,
                    ', ' ORDER BY n)
                FROM unnest(c.reloptions) WITH ORDINALITY AS u(o, n)) AS options_clause,
            pg_get_expr(i.indpred, i.indrelid) AS predicate, ts.spcname AS tablespace
        FROM pg_index i
        LEFT JOIN pg_description ds ON ds.objoid = i.indexrelid AND ds.classoid = 'pg_class'::regclass
            AND ds.objsubid = 0
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace tn ON tn.oid = t.relnamespace
        LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
        WHERE c.relnamespace = ANY($1::oid[])
            AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid
                AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
            AND NOT EXISTS (SELECT FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
        """

    /// Functions, procedures, window functions and aggregates; not the constructors PostgreSQL makes with a
    /// range type, which depend on it internally and come and go with it. `pg_get_functiondef` refuses aggregates, so
    /// their `CREATE OR REPLACE AGGREGATE` is composed here from `pg_aggregate`, every option written out
    /// (`FINALFUNC_MODIFY` too, whose default differs between plain and ordered-set aggregates). With the
    /// empty `search_path`, `regproc` prints support functions schema-qualified unless they are built in.
    static let functions = """
        SELECT p.oid, p.pronamespace AS schema_oid, p.proname AS name, p.prokind AS kind,
            oidvectortypes(p.proargtypes) AS argument_types,
            pg_get_function_identity_arguments(p.oid) AS identity_arguments,
            pg_get_function_arguments(p.oid) AS arguments,
            CASE WHEN p.prokind IN ('f', 'w', 'a') THEN pg_get_function_result(p.oid) END AS result,
            CASE WHEN p.prokind = 'a' THEN (
                SELECT 'CREATE OR REPLACE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                    || '(' || CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_arguments(p.oid) END || ') ('
                    || concat_ws(', ',
                        'SFUNC = ' || a.aggtransfn::regproc::text,
                        'STYPE = ' || format_type(a.aggtranstype, NULL),
                        CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,
                        CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC = ' || a.aggfinalfn::regproc::text END,
                        CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
                        'FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY'
                            WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END,
                        CASE WHEN a.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text END,
                        CASE WHEN a.aggserialfn <> 0 THEN 'SERIALFUNC = ' || a.aggserialfn::regproc::text END,
                        CASE WHEN a.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text END,
                        CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,
                        CASE WHEN a.aggmtransfn <> 0 THEN 'MSFUNC = ' || a.aggmtransfn::regproc::text END,
                        CASE WHEN a.aggminvtransfn <> 0 THEN 'MINVFUNC = ' || a.aggminvtransfn::regproc::text END,
                        CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,
                        CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,
                        CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text END,
                        CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
                        CASE WHEN a.aggmtransfn <> 0 THEN 'MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify
                            WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,
                        CASE WHEN a.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(a.aggminitval) END,
                        CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = OPERATOR(' || quote_ident(opn.nspname) || '.'
                            || o.oprname || ')' END,
                        CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
                        CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END
                    ) || ')'
                FROM pg_aggregate a
                JOIN pg_namespace n ON n.oid = p.pronamespace
                LEFT JOIN pg_operator o ON o.oid = a.aggsortop
                LEFT JOIN pg_namespace opn ON opn.oid = o.oprnamespace
                WHERE a.aggfnoid = p.oid)
            ELSE pg_get_functiondef(p.oid) END AS definition,
            obj_description(p.oid, 'pg_proc') AS comment,
            p.proacl IS NOT NULL AS has_privileges
        FROM pg_proc p
        WHERE p.pronamespace = ANY($1::oid[])
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
        """

    /// Triggers written by users: not the internal ones behind foreign keys, not a partition's copies.
    static let triggers = """
        SELECT g.oid, g.tgrelid AS table_oid, g.tgname AS name, pg_get_triggerdef(g.oid) AS definition,
            g.tgenabled AS enabled, obj_description(g.oid, 'pg_trigger') AS comment
        FROM pg_trigger g
        JOIN pg_class c ON c.oid = g.tgrelid
        WHERE c.relnamespace = ANY($1::oid[]) AND NOT g.tgisinternal AND g.tgparentid = 0
        """

    /// Row-level security policies; an empty role name stands for `PUBLIC`.
    static let policies = """
        SELECT p.oid, p.polrelid AS table_oid, p.polname AS name, p.polcmd AS command,
            p.polpermissive AS permissive,
            ARRAY(SELECT CASE WHEN r.role = 0 THEN '' ELSE pg_get_userbyid(r.role)::text END
                FROM unnest(p.polroles) AS r(role) ORDER BY 1) AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS using_expression,
            pg_get_expr(p.polwithcheck, p.polrelid) AS check_expression,
            obj_description(p.oid, 'pg_policy') AS comment
        FROM pg_policy p
        JOIN pg_class c ON c.oid = p.polrelid
        WHERE c.relnamespace = ANY($1::oid[])
        """

    /// `pg_depend` between user objects, with four foldings done here: a view's rewrite rule stands for the
    /// view, a column default (`pg_attrdef`) for its column, a member of an operator class or family
    /// (`pg_amop`, `pg_amproc`) for the class or family that holds it, and a reference to an array type or
    /// to an extension's member for the element type or the extension.
    static let dependencies = """
        SELECT CASE WHEN r.oid IS NOT NULL OR ad.oid IS NOT NULL THEN 'pg_class'::regclass::oid
                ELSE COALESCE(m.refclassid, d.classid) END AS class,
            COALESCE(r.ev_class, ad.adrelid, m.refobjid, d.objid) AS object,
            CASE WHEN r.oid IS NOT NULL THEN 0 WHEN ad.oid IS NOT NULL THEN ad.adnum ELSE d.objsubid END AS sub,
            ad.oid IS NOT NULL AS via_expression,
            COALESCE(x.refclassid, d.refclassid) AS referenced_class,
            COALESCE(x.refobjid, arr.typelem, d.refobjid) AS referenced,
            CASE WHEN x.refobjid IS NOT NULL OR arr.typelem IS NOT NULL THEN 0 ELSE d.refobjsubid END
                AS referenced_sub,
            CASE WHEN m.objid IS NOT NULL THEN 'n' ELSE d.deptype END AS kind
        FROM pg_depend d
        LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid AND r.rulename = '_RETURN'
        LEFT JOIN pg_depend m ON d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass) AND m.classid = d.classid
            AND m.objid = d.objid AND m.refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass)
            AND m.deptype IN ('a', 'i')
        LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
        LEFT JOIN pg_type arr ON d.refclassid = 'pg_type'::regclass AND arr.oid = d.refobjid AND arr.typelem <> 0
            AND arr.typsubscript = 'array_subscript_handler'::regproc
        LEFT JOIN pg_depend x ON x.classid = d.refclassid AND x.objid = COALESCE(arr.typelem, d.refobjid)
            AND x.deptype = 'e'
        WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384
        """

    /// Casts between types, and whether the server applies them on assignment without being asked.
    static let casts = """
        SELECT format_type(c.castsource, NULL) AS source, format_type(c.casttarget, NULL) AS target,
            bool_or(c.castcontext IN ('i', 'a')) AS automatic
        FROM pg_cast c
        GROUP BY 1, 2
        """

    /// Objects of kinds migrate cannot compare, named by `pg_identify_object`.
    static let unsupported = """
        WITH user_schemas AS (SELECT unnest($1::oid[]) AS oid),
        found(classid, objid, reason) AS (
            SELECT 'pg_class'::regclass, c.oid, 'foreign tables that are partitions or inherit are not supported'
            FROM pg_class c WHERE c.relkind = 'f' AND c.relnamespace IN (SELECT oid FROM user_schemas)
                AND EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = c.oid)
            UNION ALL
            SELECT 'pg_trigger'::regclass, g.oid, 'triggers on foreign tables are not supported'
            FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
            WHERE c.relkind = 'f' AND NOT g.tgisinternal AND c.relnamespace IN (SELECT oid FROM user_schemas)
            UNION ALL
            SELECT 'pg_class'::regclass, c.oid, 'typed tables (OF type) are not supported'
            FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM user_schemas) AND c.reloftype <> 0
                AND c.relkind IN ('r', 'p')
            UNION ALL
            SELECT 'pg_type'::regclass, t.oid, 'base types are not supported (their I/O functions are C code)'
            FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM user_schemas) AND t.typtype = 'b'
                AND NOT (t.typtype = 'b' AND t.typsubscript = 'array_subscript_handler'::regproc)
            UNION ALL
            SELECT 'pg_publication'::regclass, o.oid, 'publications are not supported' FROM pg_publication o
        )
        SELECT f.reason, i.type, i.identity
        FROM found f, LATERAL pg_identify_object(f.classid, f.objid, 0) i
        WHERE NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = f.classid AND d.objid = f.objid
            AND d.deptype = 'e')
        ORDER BY i.type, i.identity
        """
}
