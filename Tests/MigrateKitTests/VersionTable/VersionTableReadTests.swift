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

    /// `current` reads only where the database stands: four columns, part-way revisions, no checksum check.
    @Test func aPositionReadHasTheHeadsAndPartWayRevisionsButComparesNoChecksums() throws {
        let revisions = [GeneratedRevision("p001"), GeneratedRevision("p002", parents: ["p001"])]
        try RunnerFixture.with(revisions) { fixture in
            try fixture.migrator().upgrade(to: .head)
            try fixture.connection.execute(
                "UPDATE schema_migrations SET checksum = 'edited' WHERE revision = 'p001'; "
                    + "UPDATE schema_migrations SET status = 'failed', statements_done = 1 WHERE revision = 'p002'"
            )
            let graph = try fixture.migrator().graph
            let position = try MigrationStatus.read(
                connection: fixture.connection,
                graph: graph,
                versionTable: VersionTable(),
                detail: .position
            )
            #expect(position.rows.map(\.revision) == ["p001", "p002"])
            #expect(position.rows.map(\.parents) == [[], ["p001"]])
            #expect(position.rows.map(\.status) == [.applied, .failed])
            #expect(position.rows.allSatisfy { $0.checksum.isEmpty && $0.appliedBy.isEmpty && $0.statementsDone == 0 })
            #expect(position.currentHeads == ["p001"])
            #expect(position.pending.map(\.id) == ["p002"])
            #expect(position.integrity.partial.map(\.revision) == ["p002"])
            #expect(position.integrity.changed.isEmpty)
            #expect(!position.isUpToDate)

            let full = try MigrationStatus.read(
                connection: fixture.connection,
                graph: graph,
                versionTable: VersionTable()
            )
            #expect(full.integrity.changed.map(\.row.revision) == ["p001"])
            // A part-way revision does not hide its applied parent from the current heads.
            #expect(full.currentHeads == ["p001"])
            #expect(full.rows.map(\.statementsDone) == [0, 1])
            #expect(full.rows.allSatisfy { !$0.appliedBy.isEmpty && $0.appliedAt.hasSuffix("Z") })
        }
    }
}
