import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Reading the version table back: the order of its rows and what a read leaves out.
@Suite struct VersionTableReadTests {
    /// Revisions applied within one second come back in the order they were applied, not by id.
    @Test func rowsComeBackInTheOrderTheyWereApplied() throws {
        // Ids in reverse order of their names: sorting by id, or by a timestamp cut to whole seconds and then
        // by id, would put them backwards.
        let revisions = [
            GeneratedRevision("c003"),
            GeneratedRevision("b002", parents: ["c003"]),
            GeneratedRevision("a001", parents: ["b002"]),
        ]
        try RunnerFixture.with(revisions) { fixture in
            try fixture.migrator().upgrade(to: .head)
            let rows = try VersionTable().appliedRevisions(on: fixture.connection)
            #expect(rows.map(\.revision) == ["c003", "b002", "a001"])
            #expect(rows.allSatisfy { $0.downSQL?.hasPrefix("DROP TABLE t_\($0.revision);") == true })
            let status = try MigrationStatus.read(
                connection: fixture.connection,
                graph: try fixture.migrator().graph,
                versionTable: VersionTable()
            )
            #expect(status.rows.map(\.revision) == ["c003", "b002", "a001"])
            // `current` and `status` have no use for the down SQL and do not read it.
            #expect(status.rows.allSatisfy { $0.downSQL == nil })
        }
    }
}
