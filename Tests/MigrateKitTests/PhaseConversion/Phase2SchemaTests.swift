import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Schema: the repository's revisions build exactly the seed's phase-2 schema and take it apart again.
@Suite struct Phase2SchemaTests {
    static let versionTables = ["schema_migrations", "schema_migrations_log"]

    @Test func revisionFilesFormTheExpectedChain() throws {
        let graph = try RepositoryMigrations.graph()
        #expect(graph.revisions.map(\.id) == RepositoryMigrations.chain)
        #expect(graph.heads.map(\.id) == [RepositoryMigrations.chain.last!])
    }

    @Test func upgradeHeadOnAnEmptyDatabaseBuildsTheSeedSchema() throws {
        let graph = try RepositoryMigrations.graph()
        try TestDatabase.with { database in
            let applied = try RepositoryMigrations.upgrade(database, to: "head", graph: graph)
            #expect(applied == RepositoryMigrations.chain)

            let connection = try database.connect()
            defer { connection.close() }
            let expectedNames = (Phase2Seed.tables.map(\.name) + Self.versionTables).sorted()
            #expect(try CatalogListing.publicTableNames(connection) == expectedNames)
            for expected in Phase2Seed.tables {
                let actual = try CatalogListing.publicTable(expected.name, connection)
                #expect(actual.columns == expected.columns, "columns of \(expected.name)")
                #expect(actual.constraints == expected.constraints, "constraints of \(expected.name)")
                #expect(actual.indexes == expected.indexes, "indexes of \(expected.name)")
            }

            let indexes = Phase2Seed.tables.reduce(into: [String: String]()) { all, table in
                all.merge(table.indexes) { first, _ in first }
            }
            for name in Phase2Seed.performanceIndexes {
                #expect(indexes[name]?.contains(" USING btree (") == true, "\(name) is a B-tree index of the seed")
            }
            for name in Phase2Seed.fullTextIndexes {
                #expect(indexes[name]?.contains(" USING gin (to_tsvector('english'::regconfig, ") == true)
            }
            // CREATE INDEX CONCURRENTLY can leave an index that exists but is not used: every one must be valid.
            let unusable = try connection.execute(
                "SELECT indexrelid::regclass::text FROM pg_index WHERE NOT (indisvalid AND indisready AND indislive)"
            )
            #expect(unusable.rows.map { $0.string("indexrelid") }.isEmpty)
            // Nothing outside `public`: the phase-1 archive is dropped when it holds nothing.
            #expect(Self.schemaNames(try CatalogListing.lines(connection)) == ["public"])
            #expect(
                try RepositoryMigrations.versionRows(connection) == RepositoryMigrations.chain.map { $0 + ":applied" }
            )
        }
    }

    @Test func downgradeToBaseLeavesOnlyTheVersionTablesAndUpgradeRebuildsTheSameCatalog() throws {
        let graph = try RepositoryMigrations.graph()
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            try RepositoryMigrations.upgrade(database, to: "head", graph: graph)
            let atHead = try CatalogListing.lines(connection)

            let reverted = try RepositoryMigrations.downgrade(database, to: "base", graph: graph)
            #expect(reverted == RepositoryMigrations.chain.reversed())
            #expect(try RepositoryMigrations.versionRows(connection).isEmpty)
            let relations = try Self.relationsByOwningTable(connection)
            #expect(Set(relations.values) == Set(Self.versionTables.map { "public." + $0 }), "\(relations)")
            #expect(relations.filter { $0.key.kind == "r" }.keys.map(\.name).sorted() == Self.versionTables)
            let listing = try CatalogListing.lines(connection)
            #expect(Self.schemaNames(listing) == ["public"])
            let leftovers = listing.filter { line in
                ["function ", "type ", "view ", "trigger "].contains { line.hasPrefix($0) }
                    || (line.hasPrefix("extension ") && !line.hasPrefix("extension plpgsql "))
            }
            #expect(leftovers.isEmpty, "\(leftovers)")

            try RepositoryMigrations.upgrade(database, to: "head", graph: graph)
            let difference = CatalogListing.difference(expected: atHead, actual: try CatalogListing.lines(connection))
            #expect(difference.isEmpty, "\(difference.joined(separator: "\n"))")
        }
    }

    @Test func everyRevisionGoesDownAndUpToTheSameCatalog() throws {
        let graph = try RepositoryMigrations.graph()
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            var previous: [String]? = nil
            for (index, id) in RepositoryMigrations.chain.enumerated() {
                try RepositoryMigrations.upgrade(database, to: id, graph: graph)
                let before = try CatalogListing.lines(connection)

                #expect(try RepositoryMigrations.downgrade(database, to: "-1", graph: graph) == [id])
                let expectedRows = RepositoryMigrations.chain.prefix(index).map { $0 + ":applied" }
                #expect(try RepositoryMigrations.versionRows(connection) == Array(expectedRows))
                if let previous {
                    let down = CatalogListing.difference(
                        expected: previous,
                        actual: try CatalogListing.lines(connection)
                    )
                    #expect(down.isEmpty, "down from \(id):\n\(down.joined(separator: "\n"))")
                }

                #expect(try RepositoryMigrations.upgrade(database, to: id, graph: graph) == [id])
                let up = CatalogListing.difference(expected: before, actual: try CatalogListing.lines(connection))
                #expect(up.isEmpty, "down and up again at \(id):\n\(up.joined(separator: "\n"))")
                previous = before
            }
        }
    }

    // MARK: - Helpers

    /// The schemas a ``CatalogListing/lines(_:)`` listing names.
    static func schemaNames(_ listing: [String]) -> [String] {
        listing.filter { $0.hasPrefix("schema ") }.map { String($0.split(separator: " ")[1]) }
    }

    struct Relation: Hashable {
        var name: String
        var kind: String
    }

    /// Every relation of `public`, with the table it belongs to: itself for a table, the indexed table for an
    /// index, the owning table for a sequence (an identity column's, say); the relation itself when it stands
    /// alone.
    static func relationsByOwningTable(_ connection: PostgresConnection) throws -> [Relation: String] {
        try CatalogListing.withCatalogSearchPath(connection) {
            let result = try connection.execute(
                """
                SELECT c.relname, c.relkind::text AS kind,
                       coalesce(i.indrelid, d.refobjid, c.oid)::regclass::text AS owner
                  FROM pg_class c
                  LEFT JOIN pg_index i ON i.indexrelid = c.oid
                  LEFT JOIN pg_depend d ON c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                 WHERE c.relnamespace = 'public'::regnamespace
                """
            )
            return Dictionary(
                uniqueKeysWithValues: result.rows.map {
                    (Relation(name: $0.string("relname"), kind: $0.string("kind")), $0.string("owner"))
                }
            )
        }
    }
}
