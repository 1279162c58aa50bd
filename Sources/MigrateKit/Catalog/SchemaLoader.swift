import PostgresClient

/// Turns a ``SchemaSource`` into a ``CatalogSnapshot``: reads a database directly, or builds the schema
/// in a ``ShadowDatabase`` first and reads that, so both sides of a diff are normalised by one server.
package struct SchemaLoader {
    /// The server where shadow databases are created (any database on it, e.g. the live one's URL).
    package var shadowServer: String?
    package var readOptions: CatalogReadOptions
    /// Told what a person should know that does not stop the work (a shadow database left behind).
    package var report: (MigrationEvent) -> Void

    package init(
        shadowServer: String?,
        readOptions: CatalogReadOptions = CatalogReadOptions(),
        report: @escaping (MigrationEvent) -> Void = { _ in }
    ) {
        self.shadowServer = shadowServer
        self.readOptions = readOptions
        self.report = report
    }

    /// Reads the schema a source describes.
    /// - Throws: ``MigrateError``: `.usage` when a shadow database is needed but no server was given, or the
    ///   schema holds unsupported objects; `.statementFailed` when the desired SQL does not apply; `.io`,
    ///   `.connection`.
    package func snapshot(of source: SchemaSource) throws -> CatalogSnapshot {
        try withSchema(source) { snapshot, _ in snapshot }
    }

    /// Plans the revision from one schema to another: reads `from`, builds and reads `to`, and lets the
    /// database holding `to` canonicalise definitions that print differently (see
    /// ``DefinitionCanonicalizer``) before it is dropped.
    /// - Throws: ``MigrateError`` as ``snapshot(of:)`` and ``SchemaDiff/plan(from:to:options:canonicalizer:)``.
    package func plan(from: SchemaSource, to: SchemaSource, options: SchemaDiffOptions = SchemaDiffOptions()) throws
        -> SchemaChangePlan
    {
        // A database on the current side is read on its own thread while the desired side is built and read.
        var background: BackgroundRead<CatalogSnapshot>?
        if case .database(let connectionString) = from {
            let reader = CatalogReader(options: readOptions)
            background = BackgroundRead {
                let connection: PostgresConnection
                do {
                    connection = try PostgresConnection(connectionString)
                } catch {
                    throw MigrateError(.connection, (error as? PostgresError)?.message ?? "\(error)")
                }
                defer { connection.close() }
                return try reader.read(connection)
            }
        }
        let current = try background == nil ? snapshot(of: from) : nil
        return try withSchema(to) { desired, connection in
            let current = try current ?? background!.wait()
            let canonicalizer = DefinitionCanonicalizer(connection: connection)
            defer { canonicalizer.finish() }
            return try SchemaDiff.plan(from: current, to: desired, options: options, canonicalizer: canonicalizer)
        }
    }

    /// Reads a source and runs `body` with its snapshot and a connection to a database that holds it (a
    /// shadow database, dropped afterwards, unless the source is a database).
    private func withSchema<Result>(
        _ source: SchemaSource,
        _ body: (CatalogSnapshot, PostgresConnection) throws -> Result
    ) throws -> Result {
        let reader = CatalogReader(options: readOptions)
        func run(_ connectionString: String) throws -> Result {
            let connection: PostgresConnection
            do {
                connection = try PostgresConnection(connectionString)
            } catch {
                throw MigrateError(.connection, error.message)
            }
            defer { connection.close() }
            return try body(try reader.read(connection), connection)
        }
        switch source {
        case .database(let connectionString):
            return try run(connectionString)
        case .sqlFiles(let path):
            let files = try ShadowDatabase.sqlFiles(at: path)
            return try ShadowDatabase.with(server: try server(for: "the SQL in \(path)"), report: report) { shadow in
                for file in files { try shadow.apply(sqlFilesAt: file) }
                return try run(shadow.connectionString)
            }
        case .migrations(let revision, let replayer):
            return try ShadowDatabase.with(server: try server(for: "revision \(revision)"), report: report) { shadow in
                try replayer.replay(upTo: revision, into: shadow.connectionString)
                return try run(shadow.connectionString)
            }
        }
    }

    private func server(for what: String) throws(MigrateError) -> String {
        guard let shadowServer else {
            throw MigrateError(
                .usage,
                "reading \(what) needs a PostgreSQL server to build it on, and none was given",
                hint: "compare against a database, or give a shadow server URL"
            )
        }
        return shadowServer
    }
}
