import PostgresClient

/// What `pg_catalog` says about a database's own objects, read with plain SQL (not through the engine's catalog
/// reader, which is itself under test elsewhere) and rendered as text that two databases can be compared by.
///
/// Every query runs with `search_path = pg_catalog`, so names outside `pg_catalog` are always schema-qualified
/// and the text does not depend on the session.
enum CatalogListing {
    /// A column as `pg_attribute` and `pg_attrdef` describe it.
    struct Column: Equatable, CustomStringConvertible {
        var name: String
        /// `format_type`: the type with its length or precision (`character varying(50)`, `numeric(3,2)`).
        var type: String
        var notNull: Bool
        /// `pg_get_expr` of the default, `nil` when there is none.
        var defaultExpression: String?

        init(_ name: String, _ type: String, notNull: Bool = false, default defaultExpression: String? = nil) {
            self.name = name
            self.type = type
            self.notNull = notNull
            self.defaultExpression = defaultExpression
        }

        var description: String {
            "\(name) \(type)\(notNull ? " NOT NULL" : "")" + (defaultExpression.map { " DEFAULT \($0)" } ?? "")
        }
    }

    /// A table of schema `public`: its columns in order, constraints and indexes by name.
    struct Table: Equatable {
        var name: String
        /// Non-dropped columns in `attnum` order.
        var columns: [Column]
        /// Constraint name → `pg_get_constraintdef`.
        var constraints: [String: String]
        /// Index name → `pg_get_indexdef`.
        var indexes: [String: String]
    }

    // MARK: - Tables of `public`

    /// The names of the ordinary and partitioned tables of schema `public`, sorted.
    static func publicTableNames(_ connection: PostgresConnection) throws -> [String] {
        try withCatalogSearchPath(connection) {
            try connection.execute(
                """
                SELECT relname FROM pg_class
                 WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
                 ORDER BY relname COLLATE "C"
                """
            ).rows.map { $0.string("relname") }
        }
    }

    /// Columns, constraints and indexes of `public.<name>`.
    static func publicTable(_ name: String, _ connection: PostgresConnection) throws -> Table {
        try withCatalogSearchPath(connection) {
            let relation = "public." + SQLQuoting.identifier(name)
            let columns = try connection.query(
                """
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid) AS default_expression
                  FROM pg_attribute a
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum
                """,
                [relation]
            )
            let constraints = try connection.query(
                """
                SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass
                """,
                [relation]
            )
            let indexes = try connection.query(
                """
                SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
                  FROM pg_index WHERE indrelid = $1::regclass
                """,
                [relation]
            )
            return Table(
                name: name,
                columns: columns.rows.map {
                    Column(
                        $0.string("attname"),
                        $0.string("type"),
                        notNull: $0.bool("attnotnull") ?? false,
                        default: $0["default_expression"]
                    )
                },
                constraints: Dictionary(
                    uniqueKeysWithValues: constraints.rows.map {
                        ($0.string("conname"), $0.string("definition"))
                    }
                ),
                indexes: Dictionary(
                    uniqueKeysWithValues: indexes.rows.map {
                        (unqualified($0.string("name")), $0.string("definition"))
                    }
                )
            )
        }
    }

    // MARK: - Everything

    /// One line per object of every schema that is not PostgreSQL's own: schemas, relations, columns (by
    /// position among the non-dropped ones, so a dropped and re-added column compares equal), defaults,
    /// constraints, indexes, sequences, functions, types, views, triggers, comments and extensions. Sorted in
    /// "C" order, so equal catalogs give equal arrays.
    static func lines(_ connection: PostgresConnection) throws -> [String] {
        try withCatalogSearchPath(connection) {
            try connection.execute(everythingQuery).rows.map { $0.string("line") }
        }
    }

    private static let everythingQuery = """
        WITH ns AS (
            SELECT oid, nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname !~ '^pg_'
        ), rel AS (
            SELECT c.* FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
        )
        SELECT line FROM (
            SELECT format('schema %I comment=%L', nspname, obj_description(oid, 'pg_namespace')) FROM ns
            UNION ALL
            SELECT format('relation %s kind=%s persistence=%s options=%s comment=%L', oid::regclass, relkind,
                          relpersistence, reloptions, obj_description(oid, 'pg_class'))
              FROM rel
            UNION ALL
            SELECT format('column %s #%s %I %s notnull=%s default=%s identity=%L generated=%L collation=%s '
                          || 'hasmissing=%s comment=%L',
                          a.attrelid::regclass,
                          row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), a.attname,
                          format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                          a.attidentity, a.attgenerated, a.attcollation::regcollation, a.atthasmissing,
                          col_description(a.attrelid, a.attnum))
              FROM pg_attribute a JOIN rel ON rel.oid = a.attrelid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT format('constraint %s %I %s validated=%s deferrable=%s deferred=%s',
                          coalesce(conrelid::regclass::text, contypid::regtype::text), conname,
                          pg_get_constraintdef(c.oid), convalidated, condeferrable, condeferred)
              FROM pg_constraint c JOIN ns ON ns.oid = c.connamespace
            UNION ALL
            SELECT format('index %s valid=%s ready=%s live=%s clustered=%s', pg_get_indexdef(i.indexrelid),
                          i.indisvalid, i.indisready, i.indislive, i.indisclustered)
              FROM pg_index i JOIN rel ON rel.oid = i.indexrelid
            UNION ALL
            SELECT format('sequence %s %s start=%s increment=%s min=%s max=%s cache=%s cycle=%s',
                          s.seqrelid::regclass, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
                          s.seqmax, s.seqcache, s.seqcycle)
              FROM pg_sequence s JOIN rel ON rel.oid = s.seqrelid
            UNION ALL
            SELECT format('function %I.%I(%s) kind=%s returns=%s body=%s', ns.nspname, p.proname,
                          pg_get_function_identity_arguments(p.oid), p.prokind,
                          pg_get_function_result(p.oid), md5(p.prosrc))
              FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
            UNION ALL
            SELECT format('type %s kind=%s', t.oid::regtype, t.typtype)
              FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
             WHERE NOT EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
               AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
            UNION ALL
            SELECT format('view %s %s', oid::regclass, pg_get_viewdef(oid)) FROM rel WHERE relkind IN ('v', 'm')
            UNION ALL
            SELECT format('trigger %s', pg_get_triggerdef(t.oid))
              FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid WHERE NOT t.tgisinternal
            UNION ALL
            SELECT format('extension %I schema=%s', extname, extnamespace::regnamespace) FROM pg_extension
        ) AS listing(line)
        ORDER BY line COLLATE "C"
        """

    /// The lines only in `expected` (`- line`) and only in `actual` (`+ line`): empty when the listings are equal.
    static func difference(expected: [String], actual: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for line in expected { counts[line, default: 0] += 1 }
        for line in actual { counts[line, default: 0] -= 1 }
        let missing = expected.filter { counts[$0, default: 0] > 0 }.map { "- " + $0 }
        let extra = actual.filter { counts[$0, default: 0] < 0 }.map { "+ " + $0 }
        return missing + extra
    }

    // MARK: - Helpers

    /// Runs `body` with `search_path = pg_catalog`, then restores the session's setting.
    static func withCatalogSearchPath<Result>(
        _ connection: PostgresConnection,
        _ body: () throws -> Result
    ) throws -> Result {
        let previous = try connection.execute("SHOW search_path").scalar ?? "\"$user\", public"
        try connection.execute("SET search_path = pg_catalog")
        defer { _ = try? connection.query("SELECT set_config('search_path', $1, false)", [previous]) }
        return try body()
    }

    /// `public.idx` → `idx`.
    private static func unqualified(_ name: String) -> String {
        name.hasPrefix("public.") ? String(name.dropFirst("public.".count)) : name
    }
}
