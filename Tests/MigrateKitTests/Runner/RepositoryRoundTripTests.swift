import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Every revision of this repository's `migrations/` goes up, down and up again, and the catalog after each
/// step is exactly what it was at that point before.
@Suite struct RepositoryRoundTripTests {
    /// `<repository>/migrations/versions`, found from this file's place in `Tests/MigrateKitTests/Runner/`.
    static let versionsDirectory: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/") + "/migrations/versions"
    }()

    @Test func upDownUpOfEveryRevisionLeavesTheCatalogAsItWas() throws {
        let graph = try RevisionDirectory(path: Self.versionsDirectory).loadGraph()
        let order = try graph.upgradePlan(to: .heads, applied: []).steps.map(\.revisionID)
        #expect(order.count >= 6)
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            let migrator = Migrator(
                connection: connection,
                graph: graph,
                versionTable: VersionTable(),
                options: MigrationOptions()
            )
            var before = try CatalogFingerprint.read(connection)
            for id in order {
                let revision = try graph.resolve(id)
                // The round trip below steps down to the parent; a merge would need a different walk.
                try #require(revision.parents.count <= 1, "\(id) is a merge")
                #expect(try migrator.upgrade(to: .revision(id, offset: 0)) == [id])
                let after = try CatalogFingerprint.read(connection)
                #expect(after != before, "\(id) changed nothing in the catalog")

                let target: RevisionTarget = revision.parents.first.map { .revision($0, offset: 0) } ?? .base
                #expect(try migrator.downgrade(to: target) == [id])
                let down = try CatalogFingerprint.read(connection)
                #expect(
                    down == before,
                    "down of \(id) did not restore the catalog:\n\(CatalogFingerprint.difference(before, down))"
                )

                #expect(try migrator.upgrade(to: .revision(id, offset: 0)) == [id])
                let again = try CatalogFingerprint.read(connection)
                #expect(
                    again == after,
                    "up of \(id) after its down differs:\n\(CatalogFingerprint.difference(after, again))"
                )
                before = after
            }
            let integrity = IntegrityReport(rows: try VersionTable().appliedRevisions(on: connection), graph: graph)
            #expect(integrity.isEmpty, "\(integrity.lines)")
        }
    }
}
