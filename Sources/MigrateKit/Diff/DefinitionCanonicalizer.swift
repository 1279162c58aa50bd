import PostgresClient

/// Asks a server to parse and deparse a definition again, to tell whether two texts mean the same thing.
///
/// PostgreSQL's deparsing is not always a fixed point: a `CHECK (status IN ('a', 'b'))` on a `varchar`
/// column reads back as `(ARRAY['a'::character varying, ...])::text[]`, and creating a constraint from
/// *that* text stores a different tree, which reads back as `ARRAY[('a'::character varying)::text, ...]`.
/// A database built from declarative SQL and one migrated by generated SQL can thus print the same
/// constraint differently forever. Comparing texts after one more parse/deparse by the same server (the
/// canonical form, iterated to its fixed point) tells them apart from real differences.
///
/// Work happens on temporary copies (`CREATE TEMP TABLE ... (LIKE ...)`, temporary views and domains)
/// inside a transaction that is rolled back, so the database is left as it was and its tables are only
/// share-locked. The connection is used from one thread; ``finish()`` ends the transaction.
package final class DefinitionCanonicalizer {
    private let connection: PostgresConnection
    private var isActive = false
    private var cache: [String: String?] = [:]
    private var counter = 0

    /// Prepares to canonicalise definitions in the database `connection` is connected to, which should
    /// hold the desired schema (the objects the definitions refer to must exist there).
    package init(connection: PostgresConnection) {
        self.connection = connection
    }

    deinit { finish() }

    /// Rolls back the transaction the canonicalisation ran in.
    package func finish() {
        guard isActive else { return }
        isActive = false
        _ = try? connection.execute("ROLLBACK")
    }

    private func begin() -> Bool {
        if isActive { return true }
        guard connection.transactionState == .idle else { return false }
        do {
            try connection.execute("BEGIN")
            try connection.query("SELECT set_config('search_path', '', true)")
            isActive = true
            return true
        } catch {
            _ = try? connection.execute("ROLLBACK")
            return false
        }
    }

    /// Runs `body` inside a savepoint that is always rolled back; `nil` when anything fails.
    private func scratch(_ body: (String) throws -> String?) -> String? {
        guard begin() else { return nil }
        counter += 1
        let temporary = "migrate_canon_\(counter)"
        do {
            try connection.execute("SAVEPOINT migrate_canon")
        } catch {
            return nil
        }
        defer { _ = try? connection.execute("ROLLBACK TO SAVEPOINT migrate_canon; RELEASE SAVEPOINT migrate_canon") }
        return try? body(temporary)
    }

    /// Applies `round` until the text stops changing (at most three times), with a cache.
    private func fixedPoint(_ kind: String, _ text: String, _ round: (String) -> String?) -> String? {
        let cacheKey = kind + "\u{0}" + text
        if let cached = cache[cacheKey] { return cached }
        var current = text
        var result: String?
        for _ in 0..<3 {
            guard let next = round(current) else {
                result = nil
                break
            }
            result = next
            if next == current { break }
            current = next
        }
        cache[cacheKey] = result
        return result
    }

    /// Applies `round` until the text stops changing, each time on a new temporary copy of `table`; `round`
    /// gets the text and the copy's name (plain; `pg_temp.` and the quoted name make the relation).
    private func onCopy(
        of table: ObjectName,
        _ kind: String,
        _ text: String,
        _ round: (_ text: String, _ copy: String) throws -> String?
    ) -> String? {
        fixedPoint(kind, text) { text in
            scratch { temporary in
                try connection.execute(
                    "CREATE TEMP TABLE \(SQLRenderer.name(temporary)) (LIKE \(SQLRenderer.name(table)))"
                )
                return try round(text, temporary)
            }
        }
    }

    /// A temporary object's name, schema-qualified and quoted.
    private func relation(_ temporary: String) -> String {
        "pg_temp." + SQLRenderer.name(temporary)
    }

    private func single(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        try connection.query(sql, parameters).scalar
    }

    /// The default or generation expression of `column` in `relation`, as PostgreSQL prints it back.
    private func storedExpression(of column: String, in relation: String) throws -> String? {
        try single(
            """
            SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
            JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE d.adrelid = $1::regclass AND a.attname = $2
            """,
            [relation, column]
        )
    }

    // MARK: - Kinds of definitions

    /// A table constraint definition (check, unique, primary key, exclusion) as `pg_get_constraintdef`
    /// prints it after re-creating it on a copy of `table`.
    package func constraint(_ definition: String, on table: ObjectName) -> String? {
        onCopy(of: table, "constraint \(table)", definition) { text, copy in
            try connection.execute("ALTER TABLE \(relation(copy)) ADD CONSTRAINT c \(text)")
            return try single(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass",
                [relation(copy)]
            ).map { CatalogConstraint.splitDefinition($0).definition }
        }
    }

    /// A column default expression of `table.column`.
    package func columnDefault(_ expression: String, table: ObjectName, column: String) -> String? {
        onCopy(of: table, "default \(table).\(column)", expression) { text, copy in
            try connection.execute(
                "ALTER TABLE \(relation(copy)) ALTER COLUMN \(SQLRenderer.name(column)) SET DEFAULT \(text)"
            )
            return try storedExpression(of: column, in: relation(copy))
        }
    }

    /// A generation expression of a column of type `type` in `table`.
    package func generatedExpression(_ expression: String, type: String, table: ObjectName) -> String? {
        onCopy(of: table, "generated \(table) \(type)", expression) { text, copy in
            try connection.execute(
                "ALTER TABLE \(relation(copy)) ADD COLUMN migrate_generated \(type) GENERATED ALWAYS AS (\(text)) STORED"
            )
            return try storedExpression(of: "migrate_generated", in: relation(copy))
        }
    }

    /// An index body (what follows the table name in `pg_get_indexdef`) on `table`.
    package func indexBody(_ body: String, unique: Bool, table: ObjectName) -> String? {
        onCopy(of: table, "index \(table) \(unique)", body) { text, copy in
            try connection.execute("CREATE \(unique ? "UNIQUE " : "")INDEX migrate_index ON \(relation(copy))\(text)")
            guard
                let definition = try single(
                    "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = $1::regclass",
                    [relation(copy)]
                ),
                let range = definition.firstRange(of: copy)
            else { return nil }
            return String(definition[range.upperBound...])
        }
    }

    /// A policy's `USING` or `WITH CHECK` expression on `table`.
    package func policyExpression(_ expression: String, table: ObjectName) -> String? {
        onCopy(of: table, "policy \(table)", expression) { text, copy in
            try connection.execute("CREATE POLICY migrate_policy ON \(relation(copy)) USING (\(text))")
            return try single(
                "SELECT pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polrelid = $1::regclass",
                [relation(copy)]
            )
        }
    }

    /// A trigger definition on `table`, as `pg_get_triggerdef` prints it.
    package func trigger(_ definition: String, table: ObjectName) -> String? {
        let printedTable = " ON \(DeparsedName.printed(table)) "
        return onCopy(of: table, "trigger \(table)", definition) { text, copy in
            let temporaryPrinted = " ON pg_temp.\(copy) "
            guard text.contains(printedTable) else { return nil }
            try connection.execute(text.replacingFirst(printedTable, with: temporaryPrinted))
            return try single(
                "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::regclass",
                [relation(copy)]
            )?.replacingFirst(temporaryPrinted, with: printedTable)
        }
    }

    /// A view's query, as `pg_get_viewdef` prints it (without the final semicolon).
    package func viewQuery(_ query: String) -> String? {
        fixedPoint("view", query) { text in
            scratch { temporary in
                try connection.execute("CREATE TEMP VIEW \(SQLRenderer.name(temporary)) AS \(text)")
                return try single("SELECT pg_get_viewdef($1::regclass)", [relation(temporary)]).map(
                    CatalogAssembly.trimmedViewDefinition
                )
            }
        }
    }

    /// A domain CHECK constraint over `baseType`.
    package func domainConstraint(_ definition: String, baseType: String) -> String? {
        fixedPoint("domain \(baseType)", definition) { text in
            scratch { temporary in
                let domain = relation(temporary)
                try connection.execute("CREATE DOMAIN \(domain) AS \(baseType) CONSTRAINT c \(text)")
                return try single(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contypid = $1::regtype",
                    [domain]
                )
                .map { CatalogConstraint.splitDefinition($0).definition }
            }
        }
    }

    /// A domain default over `baseType`.
    package func domainDefault(_ expression: String, baseType: String) -> String? {
        fixedPoint("domain default \(baseType)", expression) { text in
            scratch { temporary in
                let domain = relation(temporary)
                try connection.execute("CREATE DOMAIN \(domain) AS \(baseType) DEFAULT \(text)")
                return try single("SELECT pg_get_expr(typdefaultbin, 0) FROM pg_type WHERE oid = $1::regtype", [domain])
            }
        }
    }
}
