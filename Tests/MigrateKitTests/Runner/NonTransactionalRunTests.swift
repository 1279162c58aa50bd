import MigrateKit
import MigrateTestSupport
import Testing

/// `-- migrate:transaction false` revisions in the engine: progress rows, status, resume.
@Suite struct NonTransactionalRunTests {
    /// n002 runs statement by statement; none of its statements can run twice, so a resume that repeated one
    /// would fail.
    static func history(third: String = "CREATE TABLE n002_c (id integer);") -> [GeneratedRevision] {
        [
            GeneratedRevision("n001"),
            GeneratedRevision(
                "n002",
                parents: ["n001"],
                isTransactional: false,
                up:
                    "CREATE TABLE n002_a (id integer);\nCREATE TABLE n002_b (id integer);\n\(third)\nCREATE TABLE "
                    + "n002_d (id integer);",
                down: "DROP TABLE n002_d;\nDROP TABLE n002_c;\nDROP TABLE n002_b;\nDROP TABLE n002_a;"
            ),
            GeneratedRevision("n003", parents: ["n002"]),
        ]
    }

    @Test func failureInTheThirdStatementIsRecordedAndResumedThere() throws {
        let broken = Self.history(third: "CREATE TABLE n002_c (id integer REFERENCES nowhere);")
        try RunnerFixture.with(broken) { fixture in
            let error = try #require(throws: MigrateError.self) { try fixture.migrator().upgrade(to: .head) }
            #expect(error.code == .statementFailed)
            // The server gives no position for a missing referenced table: the statement's start it is.
            #expect(error.location == SourceLocation(file: fixture.path(of: broken[1]), line: 9, column: 1))
            #expect(error.message.contains("so statements 1-2 completed and stay done"))
            #expect(try fixture.versionRows() == ["n001 applied 0", "n002 failed 2"])
            #expect(try fixture.tables() == ["t_n001", "n002_a", "n002_b"])

            let status = try MigrationStatus.read(
                connection: fixture.connection,
                graph: try fixture.migrator().graph,
                versionTable: VersionTable()
            )
            #expect(!status.isUpToDate)
            #expect(status.pending.map(\.id) == ["n002", "n003"])
            #expect(status.integrity.partial.map(\.revision) == ["n002"])
            #expect(status.integrity.partial.first?.failure == "ERROR 42P01: relation \"nowhere\" does not exist")
            #expect(status.integrity.isClean)
            #expect(!status.integrity.isEmpty)

            try fixture.write(Self.history())
            fixture.clearEvents()
            #expect(try fixture.migrator().upgrade(to: .head) == ["n002", "n003"])
            let resumed = fixture.events.compactMap { event -> String? in
                guard case .resuming(let revision, let statement, let location) = event else { return nil }
                return "\(revision) \(statement) \(location)"
            }
            #expect(resumed == ["n002 3 \(fixture.path(of: broken[1])):9:1"])
            #expect(try fixture.versionRows() == ["n001 applied 0", "n002 applied 4", "n003 applied 0"])
            #expect(try fixture.tables() == ["t_n001", "n002_a", "n002_b", "n002_c", "n002_d", "t_n003"])
        }
    }

    /// A revision that failed outside a transaction and was then made transactional still has its `failed`
    /// row: applying it completes that row (the others, known to have none, get a plain INSERT).
    @Test func aFailedRevisionMadeTransactionalCompletesItsRow() throws {
        let broken = Self.history(third: "CREATE TABLE n002_c (id integer REFERENCES nowhere);")
        try RunnerFixture.with(broken) { fixture in
            _ = try #require(throws: MigrateError.self) { try fixture.migrator().upgrade(to: .head) }
            #expect(try fixture.versionRows() == ["n001 applied 0", "n002 failed 2"])

            var fixed = Self.history()
            fixed[1].isTransactional = true
            fixed[1].up =
                "CREATE TABLE IF NOT EXISTS n002_a (id integer);\n"
                + "CREATE TABLE IF NOT EXISTS n002_b (id integer);\nCREATE TABLE n002_c (id integer);\n"
                + "CREATE TABLE n002_d (id integer);"
            try fixture.write(fixed)
            #expect(try fixture.migrator().upgrade(to: .head) == ["n002", "n003"])
            #expect(try fixture.versionRows() == ["n001 applied 0", "n002 applied 2", "n003 applied 0"])
            let n002 = try fixture.rows(
                "SELECT transactional, failure IS NULL FROM schema_migrations WHERE revision = 'n002'"
            )
            #expect(n002 == [["t", "t"]])
        }
    }

    @Test func interruptedPartWayResumesAfterTheLastRecordedStatement() throws {
        try RunnerFixture.with(Self.history()) { fixture in
            try fixture.migrator().upgrade(to: .revision("n001", offset: 0))
            // What a crash after statement 1 leaves: the row `running`, one statement done.
            try fixture.migrator().upgrade(to: .revision("n002", offset: 0))
            try fixture.connection.execute(
                "DROP TABLE n002_b, n002_c, n002_d; UPDATE schema_migrations SET status = 'running', "
                    + "statements_done = 1 WHERE revision = 'n002'"
            )
            let report = IntegrityReport(
                rows: try VersionTable().appliedRevisions(on: fixture.connection),
                graph: try fixture.migrator().graph
            )
            #expect(report.lines == ["running: revision n002 stopped after 1 statement(s) (interrupted)"])

            fixture.clearEvents()
            #expect(try fixture.migrator().upgrade(to: .head) == ["n002", "n003"])
            #expect(fixture.events.contains { if case .resuming("n002", 2, _) = $0 { true } else { false } })
            #expect(try fixture.versionRows() == ["n001 applied 0", "n002 applied 4", "n003 applied 0"])
        }
    }

    @Test func interruptedAfterTheLastStatementOnlyRecordsTheRevision() throws {
        try RunnerFixture.with(Self.history()) { fixture in
            try fixture.migrator().upgrade(to: .revision("n002", offset: 0))
            // A crash after the last statement's progress update, before the final commit.
            try fixture.connection.execute("UPDATE schema_migrations SET status = 'running' WHERE revision = 'n002'")
            try fixture.connection.execute("DELETE FROM schema_migrations_log WHERE revision = 'n002'")

            fixture.clearEvents()
            #expect(try fixture.migrator().upgrade(to: .head) == ["n002", "n003"])
            #expect(!fixture.events.contains { if case .resuming = $0 { true } else { false } })
            #expect(try fixture.versionRows() == ["n001 applied 0", "n002 applied 4", "n003 applied 0"])
            #expect(try fixture.logEvents().suffix(2) == ["upgrade n002 succeeded", "upgrade n003 succeeded"])
        }
    }

    @Test(arguments: [
        (0, "so no statement had completed"), (1, "so statement 1 completed and stays done"),
        (3, "so statements 1-3 completed and stay done"),
    ])
    func failureSaysHowManyStatementsStayDone(failing index: Int, expected: String) throws {
        var statements = (1...4).map { "CREATE TABLE n_\($0) (id integer);" }
        statements[index] = "SELECT * FROM nowhere;"
        let revision = GeneratedRevision("n001", isTransactional: false, up: statements.joined(separator: "\n"))
        try RunnerFixture.with([revision]) { fixture in
            let error = try #require(throws: MigrateError.self) { try fixture.migrator().upgrade(to: .head) }
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(try fixture.versionRows() == ["n001 failed \(index)"])
        }
    }

    @Test func downgradeRunsStatementByStatementAndForgetsTheRow() throws {
        try RunnerFixture.with(Self.history()) { fixture in
            try fixture.migrator().upgrade(to: .head)
            #expect(try fixture.migrator().downgrade(to: .revision("n001", offset: 0)) == ["n003", "n002"])
            #expect(try fixture.versionRows() == ["n001 applied 0"])
            #expect(try fixture.tables() == ["t_n001"])
        }
    }
}
