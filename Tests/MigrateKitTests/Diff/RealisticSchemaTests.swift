import Foundation
import MigrateKit
import Testing

/// Whole schemas of the kind found in real projects (`Fixtures/Schemas/<name>/schema.sql`, 30 tables or
/// more, and `modified.sql`, the same schema with 20 or more changes): autogenerate must take an empty
/// database to the schema and back, and the schema to its modified copy and back, converging each time
/// (see ``SchemaDiffConvergenceTests/checkConvergence(_:from:to:options:)``).
@Suite struct RealisticSchemaTests {
    static let directory = DiffHarness.fixturesDirectory.replacingOccurrences(
        of: "/Fixtures/Diff",
        with: "/Fixtures/Schemas"
    )

    static func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { FileManager.default.fileExists(atPath: "\(directory)/\($0)/schema.sql") }.sorted()
    }

    static func read(_ name: String, _ file: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(name)/\(file)", encoding: .utf8)
    }

    @Test func corpusIsThere() {
        #expect(!Self.names().isEmpty)
    }

    @Test(arguments: names())
    func fromEmptyToSchemaAndBack(_ name: String) throws {
        try SchemaDiffConvergenceTests.checkConvergence(
            "\(name) from empty",
            from: "",
            to: try Self.read(name, "schema.sql"),
            options: SchemaDiffOptions()
        )
    }

    @Test(arguments: names())
    func toModifiedCopyAndBack(_ name: String) throws {
        try SchemaDiffConvergenceTests.checkConvergence(
            "\(name) modified",
            from: try Self.read(name, "schema.sql"),
            to: try Self.read(name, "modified.sql"),
            options: SchemaDiffOptions()
        )
    }
}
