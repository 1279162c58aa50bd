import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Bad rows: phase-1 data that phase 2 cannot hold stops the conversion with an error that names the
/// rows, and leaves the database exactly at phase 1.
@Suite struct Phase2BadDataTests {
    /// A fixture of phase-1 rows and what its header promises.
    struct BadFixture: Sendable, CustomTestStringConvertible {
        var file: String
        var sqlState: String
        /// The rows the error must name, as the message writes them (`table 'id'`).
        var badRows: [String]
        /// Ids of valid rows in the fixture: the message must not mention them.
        var goodIDs: [String]
        /// One DETAIL line per bad value.
        var detailLines: Int

        var testDescription: String { file }
    }

    static let fixtures = [
        BadFixture(
            file: "phase1_bad_json.sql",
            sqlState: "22P02",
            badRows: [
                "agents ''", "agents 'bad-json-1'", "agents 'bad-json-2'", "agents 'bad-json-3'", "agents 'bad-json-4'",
            ],
            goodIDs: ["good-1", "good-2", "task-1"],
            detailLines: 5
        ),
        BadFixture(
            file: "phase1_bad_timestamp.sql",
            sqlState: "22007",
            badRows: (1...8).map { "agents 'bad-ts-\($0)'" } + (1...3).map { "tasks 'bad-ts-task-\($0)'" },
            goodIDs: ["good-1", "good-task"],
            detailLines: 17
        ),
        BadFixture(
            file: "phase1_bad_check.sql",
            sqlState: "23514",
            badRows: ["agents 'boss'", "agents 'capitalised'", "tasks 'done'", "tasks 'critical'"],
            goodIDs: ["good-1", "good-2", "good-task"],
            detailLines: 4
        ),
        BadFixture(
            file: "phase1_bad_length.sql",
            sqlState: "22001",
            badRows: ["agents 'long-name'", "agents 'long-model'", "tasks 'long-title'"],
            goodIDs: ["good-1", "good-task"],
            detailLines: 4
        ),
    ]

    @Test(arguments: fixtures)
    func conversionRefusesBadRowsAndChangesNothing(fixture: BadFixture) throws {
        let graph = try RepositoryMigrations.graph()
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            try RepositoryMigrations.upgrade(database, to: RepositoryMigrations.phase1, graph: graph)
            try connection.execute(RepositoryMigrations.fixture(fixture.file))
            let agents = try Phase2DataConversionTests.dump("agents", connection)
            let tasks = try Phase2DataConversionTests.dump("tasks", connection)
            let catalog = try CatalogListing.lines(connection)

            let error = #expect(throws: MigrateError.self) {
                try RepositoryMigrations.upgrade(database, to: "head", graph: graph)
            }
            guard let error else { return }
            #expect(error.code == .statementFailed)
            #expect(
                error.location?.file
                    == RepositoryMigrations.versionsDirectory + "/7f41c9a2e806_convert_agents_and_tasks_to_phase_2.sql"
            )
            let message = error.message
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let errorLine = lines.first { $0.hasPrefix("ERROR ") } ?? ""
            #expect(errorLine.hasPrefix("ERROR \(fixture.sqlState): cannot convert phase-1 data: "), "\(message)")
            let named = Self.namedRows(errorLine)
            #expect(named.count == fixture.badRows.count && Set(named) == Set(fixture.badRows), "\(errorLine)")
            #expect(errorLine.contains("; \(fixture.badRows.count) row(s): "))
            for id in fixture.goodIDs {
                #expect(!message.contains("'\(id)'"), "the message names the valid row \(id)")
            }
            let detail = lines.drop { !$0.hasPrefix("DETAIL: ") }.prefix { !$0.hasPrefix("HINT: ") }
            #expect(detail.count == fixture.detailLines, "\(detail.joined(separator: "\n"))")
            for row in fixture.badRows {
                #expect(detail.contains { $0.contains(row) }, "a DETAIL line for \(row)")
            }
            #expect(lines.contains { $0.hasPrefix("HINT: ") })

            #expect(try Phase2DataConversionTests.dump("agents", connection) == agents)
            #expect(try Phase2DataConversionTests.dump("tasks", connection) == tasks)
            let difference = CatalogListing.difference(expected: catalog, actual: try CatalogListing.lines(connection))
            #expect(difference.isEmpty, "\(difference.joined(separator: "\n"))")
            #expect(try RepositoryMigrations.versionRows(connection) == [RepositoryMigrations.phase1 + ":applied"])
            let logged = try connection.execute(
                "SELECT event || ' ' || revision || ' ' || outcome FROM schema_migrations_log ORDER BY id DESC LIMIT 1"
            )
            #expect(logged.scalar == "upgrade \(RepositoryMigrations.conversion) failed")
        }
    }

    /// The rows listed after `N row(s): ` in the revision's error message.
    static func namedRows(_ errorLine: String) -> [String] {
        guard let list = errorLine.range(of: " row(s): ") else { return [] }
        return errorLine[list.upperBound...].components(separatedBy: ", ")
    }
}
