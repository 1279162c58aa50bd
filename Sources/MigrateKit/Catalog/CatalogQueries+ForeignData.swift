extension CatalogQueries {
    /// Foreign-data wrappers that no extension provides.
    static let foreignDataWrappers = """
        SELECT w.oid, w.fdwname AS name,
            CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END AS handler,
            CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END AS validator,
            w.fdwoptions AS options, obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment
        FROM pg_foreign_data_wrapper w
        WHERE NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_foreign_data_wrapper'::regclass
            AND d.objid = w.oid AND d.deptype = 'e')
        """

    /// Foreign servers with the roles that have user mappings for them (read from `pg_user_mappings`, whose
    /// options, which hold passwords, are never selected).
    static let foreignServers = """
        SELECT s.oid, s.srvname AS name, w.fdwname AS wrapper, s.srvtype AS type, s.srvversion AS version,
            s.srvoptions AS options, obj_description(s.oid, 'pg_foreign_server') AS comment,
            ARRAY(SELECT um.usename::text FROM pg_user_mappings um WHERE um.srvid = s.oid ORDER BY 1)
                AS user_mappings
        FROM pg_foreign_server s
        JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
        WHERE NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_foreign_server'::regclass
            AND d.objid = s.oid AND d.deptype = 'e')
        """

    /// Foreign tables, each as the `CREATE FOREIGN TABLE` statement that makes it, every identifier quoted.
    static let foreignTables = """
        WITH q AS (SELECT c.oid FROM pg_class c WHERE c.relkind = 'f' AND c.relnamespace = ANY($1::oid[]))
        SELECT c.oid, c.relnamespace AS schema_oid, c.relname AS name, c.reltype AS type_oid,
            'CREATE FOREIGN TABLE ' || \(quoted("n.nspname")) || '.' || \(quoted("c.relname")) || ' ('
                || COALESCE(E'\\n    ' || NULLIF(array_to_string(ARRAY(
                    SELECT \(quoted("a.attname")) || ' ' || format_type(a.atttypid, a.atttypmod)
                        || COALESCE(' OPTIONS (' || (SELECT string_agg(\(quoted("split_part(o, '=', 1)"))
                            || ' ' || quote_literal(substr(o, strpos(o, '=') + 1)), ', ' ORDER BY u.n)
                            FROM unnest(a.attfdwoptions) WITH ORDINALITY AS u(o, n)) || ')', '')
                        || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || \(quoted("cn.nspname"))
                            || '.' || \(quoted("co.collname")) ELSE '' END
                        || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                        || COALESCE(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
                    FROM pg_attribute a
                    JOIN pg_type t ON t.oid = a.atttypid
                    LEFT JOIN pg_collation co ON co.oid = a.attcollation
                    LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                    ORDER BY a.attnum
                ) || ARRAY(
                    SELECT 'CONSTRAINT ' || \(quoted("k.conname")) || ' ' || pg_get_constraintdef(k.oid)
                    FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c' ORDER BY k.conname
                ), E',\\n    '), '') || E'\\n', '')
                || ') SERVER ' || \(quoted("s.srvname"))
                || COALESCE(' OPTIONS (' || (SELECT string_agg(\(quoted("split_part(o, '=', 1)")) || ' '
                    || quote_literal(substr(o, strpos(o, '=') + 1)), ', ' ORDER BY u.n)
                    FROM unnest(ft.ftoptions) WITH ORDINALITY AS u(o, n)) || ')', '') AS definition,
            ARRAY(SELECT 'COMMENT ON COLUMN ' || \(quoted("n.nspname")) || '.' || \(quoted("c.relname")) || '.'
                    || \(quoted("a.attname")) || ' IS ' || quote_literal(ds.description)
                FROM pg_attribute a
                JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
                    AND ds.objsubid = a.attnum
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum) AS column_comments,
            obj_description(c.oid, 'pg_class') AS comment
        FROM q
        JOIN pg_class c ON c.oid = q.oid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
        JOIN pg_foreign_server s ON s.oid = ft.ftserver
        WHERE NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = c.oid)
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                AND d.objid = c.oid AND d.deptype = 'e')
        """

    /// An SQL expression that double-quotes the text of `expression` as an identifier, always.
    private static func quoted(_ expression: String) -> String {
        "('\"' || replace(\(expression), '\"', '\"\"') || '\"')"
    }
}
