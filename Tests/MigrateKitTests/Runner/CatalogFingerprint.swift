import PostgresClient

/// A text description of everything a schema change can touch in a database, one sorted line per object, read
/// straight from `pg_catalog` (independently of the engine's own catalog reader). Two databases with the same
/// fingerprint have the same schemas, tables and column order, types, defaults, constraints, indexes (and
/// their validity), views, sequences, functions, triggers, enums, domains, extensions, comments and grants.
///
/// OIDs and physical column numbers are left out: they change when an object is dropped and created again.
/// The version tables are left out too: they exist after the first run whatever the revisions do.
enum CatalogFingerprint {
    static func read(_ connection: PostgresConnection) throws -> [String] {
        try connection.execute(query).rows.map { $0.string("line") }
    }

    /// Lines present on one side only, for a readable failure message.
    static func difference(_ before: [String], _ after: [String]) -> String {
        let removed = Set(before).subtracting(after).sorted().map { "- " + $0 }
        let added = Set(after).subtracting(before).sorted().map { "+ " + $0 }
        return (removed + added).joined(separator: "\n")
    }

    private static let query = """
        WITH namespaces AS (
            SELECT oid, nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
              AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
        ),
        relations AS (
            SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relacl, c.reloptions, n.nspname
            FROM pg_class c JOIN namespaces n ON n.oid = c.relnamespace
            WHERE c.relname NOT LIKE 'schema\\_migrations%'
        ),
        lines AS (
            SELECT 'schema ' || nspname || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '')
                || ' ' || coalesce((SELECT nspacl::text FROM pg_namespace p WHERE p.oid = namespaces.oid), '')
            FROM namespaces
            UNION ALL
            SELECT 'relation ' || nspname || '.' || relname || ' kind ' || relkind::text || ' ' || relpersistence::text
                || ' options ' || coalesce(reloptions::text, '') || ' acl ' || coalesce(relacl::text, '')
                || ' comment ' || coalesce(obj_description(oid, 'pg_class'), '')
            FROM relations WHERE relkind <> 'i'
            UNION ALL
            SELECT 'column ' || r.nspname || '.' || r.relname || ' #'
                || row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum) || ' ' || a.attname || ' '
                || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                || ' default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' identity ' || a.attidentity::text
                || ' generated ' || a.attgenerated::text || ' collation ' || coalesce(co.collname, '')
                || ' comment ' || coalesce(col_description(r.oid, a.attnum), '')
            FROM relations r
            JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
            WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f')
            UNION ALL
            SELECT 'constraint ' || r.nspname || '.' || r.relname || ' ' || con.conname || ' '
                || pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' not valid' END
                || CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END
                || CASE WHEN con.condeferred THEN ' initially deferred' ELSE '' END
            FROM pg_constraint con JOIN relations r ON r.oid = con.conrelid
            UNION ALL
            SELECT 'index ' || r.nspname || ' ' || pg_get_indexdef(i.indexrelid)
                || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
                || CASE WHEN i.indisready THEN '' ELSE ' NOT READY' END
            FROM pg_index i JOIN relations r ON r.oid = i.indexrelid
            UNION ALL
            SELECT 'view ' || nspname || '.' || relname || ' ' || pg_get_viewdef(oid)
            FROM relations WHERE relkind IN ('v', 'm')
            UNION ALL
            SELECT 'sequence ' || r.nspname || '.' || r.relname || ' ' || format_type(s.seqtypid, NULL) || ' '
                || s.seqstart || ' ' || s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache
                || ' ' || s.seqcycle || ' owned by ' || coalesce((
                    SELECT t.relname || '.' || a.attname FROM pg_depend dep
                    JOIN pg_class t ON t.oid = dep.refobjid
                    JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
                    WHERE dep.classid = 'pg_class'::regclass AND dep.objid = r.oid AND dep.deptype IN ('a', 'i')
                      AND dep.refclassid = 'pg_class'::regclass), '')
            FROM pg_sequence s JOIN relations r ON r.oid = s.seqrelid
            UNION ALL
            SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)
                || ') ' || pg_get_functiondef(p.oid) || ' acl ' || coalesce(p.proacl::text, '')
                || ' comment ' || coalesce(obj_description(p.oid, 'pg_proc'), '')
            FROM pg_proc p JOIN namespaces n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p', 'w')
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
            UNION ALL
            SELECT 'trigger ' || r.nspname || '.' || r.relname || ' ' || pg_get_triggerdef(t.oid)
                || ' enabled ' || t.tgenabled::text
            FROM pg_trigger t JOIN relations r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal
            UNION ALL
            SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' '
                || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e
                             WHERE e.enumtypid = t.oid), '')
                || CASE WHEN t.typtype = 'd' THEN ' over ' || format_type(t.typbasetype, t.typtypmod) ELSE '' END
                || coalesce(' default ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                || coalesce(' ' || (SELECT string_agg(c.conname || ' ' || pg_get_constraintdef(c.oid), ', '
                                                      ORDER BY c.conname)
                                    FROM pg_constraint c WHERE c.contypid = t.oid), '')
            FROM pg_type t JOIN namespaces n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd')
            UNION ALL
            SELECT 'extension ' || extname || ' ' || extversion || ' in ' || extnamespace::regnamespace::text
            FROM pg_extension
        )
        SELECT line FROM (SELECT * FROM lines) AS l(line) ORDER BY line COLLATE "C"
        """
}
