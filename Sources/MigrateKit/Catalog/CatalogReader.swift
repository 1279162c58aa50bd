import PostgresClient

/// Reads a database's schema into a ``CatalogSnapshot`` with one query per kind of object.
///
/// The reading session gets `search_path = ''` (transaction-local), so `format_type`, `pg_get_expr`,
/// `pg_get_indexdef`, `pg_get_constraintdef`, `pg_get_viewdef`, `pg_get_functiondef` and
/// `pg_get_triggerdef` schema-qualify every name the same way whichever database they read. On an idle
/// connection the queries run in one read-only repeatable-read transaction, so they see one consistent
/// state.
package struct CatalogReader: Sendable {
    package var options: CatalogReadOptions

    package init(options: CatalogReadOptions = CatalogReadOptions()) {
        self.options = options
    }

    /// Reads the schema of the database `connection` is connected to.
    /// - Throws: ``MigrateError`` when a query fails, and with code `.usage` when the schema holds objects
    ///   of a kind migrate cannot compare (rules, aggregates, foreign tables...), naming every one of them.
    package static func read(
        _ connection: PostgresConnection,
        options: CatalogReadOptions = CatalogReadOptions()
    ) throws(MigrateError) -> CatalogSnapshot {
        try CatalogReader(options: options).read(connection)
    }

    /// Reads the schema of the database `connection` is connected to; see ``read(_:options:)``.
    package func read(_ connection: PostgresConnection) throws(MigrateError) -> CatalogSnapshot {
        let ownsTransaction = connection.transactionState == .idle
        var savedSearchPath: String?
        do {
            if ownsTransaction {
                try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            } else {
                savedSearchPath = try connection.query("SELECT current_setting('search_path')").scalar
            }
            try connection.query("SELECT set_config('search_path', '', true)")
        } catch {
            throw Self.failure(error, while: "preparing to read the catalog")
        }
        defer {
            if ownsTransaction {
                _ = try? connection.execute("ROLLBACK")
            } else if let savedSearchPath {
                _ = try? connection.query("SELECT set_config('search_path', $1, true)", [savedSearchPath])
            }
        }
        var assembly = CatalogAssembly(options: options)
        try assembly.run(on: connection)
        var snapshot = assembly.snapshot
        if options.readsPrivileges { snapshot.privileges = try CatalogPrivileges.read(connection, for: snapshot) }
        return snapshot
    }

    static func failure(_ error: PostgresError, while activity: String) -> MigrateError {
        let code: MigrateError.Code = error.code == .server ? .internal : .connection
        return MigrateError(code, "\(activity) failed: \(error)")
    }
}
