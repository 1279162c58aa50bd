import Foundation
import MigrateKit
import MigrateTestSupport
import Testing

/// Generated SQL for representative fixtures, compared byte for byte with `expected.up.sql` and
/// `expected.down.sql` checked in next to them. Set `MIGRATE_UPDATE_FIXTURES=1` to rewrite the files after
/// an intended change (and review the diff).
@Suite struct SchemaDiffExpectedSQLTests {
    static let representative = [
        "12_check_constraints",
        "20_enum_add_value",
        "21_enum_remove_value",
        "28_view_on_changed_column",
        "31_function_signature_change",
        "36_partitioned_tables",
        "41_rename_table",
        "51_phase2_from_empty",
        "53_large_schema_changes",
        "59_function_bodies_call_later_functions",
        "61_collations",
        "62_aggregates",
        "63_table_inheritance",
        "72_text_search_configurations",
        "78_defined_objects_from_empty",
        "90_column_storage",
        "92_replica_identity",
        "94_composite_types",
        "95_range_types",
        "96_foreign_data",
    ]

    @Test(arguments: representative)
    func generatedSQLMatchesExpectedFiles(_ fixture: String) throws {
        let first = try Self.plan(fixture)
        let second = try Self.plan(fixture)
        #expect(first.upSQL == second.upSQL && first.downSQL == second.downSQL, "\(fixture): not deterministic")
        let upPath = "\(DiffHarness.fixturesDirectory)/\(fixture)/expected.up.sql"
        let downPath = "\(DiffHarness.fixturesDirectory)/\(fixture)/expected.down.sql"
        if ProcessInfo.processInfo.environment["MIGRATE_UPDATE_FIXTURES"] == "1" {
            try first.upSQL.write(toFile: upPath, atomically: true, encoding: .utf8)
            try first.downSQL.write(toFile: downPath, atomically: true, encoding: .utf8)
        }
        let expectedUp = try String(contentsOfFile: upPath, encoding: .utf8)
        let expectedDown = try String(contentsOfFile: downPath, encoding: .utf8)
        #expect(first.upSQL == expectedUp, "\(fixture): up differs from expected.up.sql")
        #expect(first.downSQL == expectedDown, "\(fixture): down differs from expected.down.sql")
    }

    /// Builds both sides of a fixture in fresh databases and plans between them.
    static func plan(_ fixture: String) throws -> SchemaChangePlan {
        try TestDatabase.with { source in
            try TestDatabase.with { target in
                try DiffHarness.build(try DiffHarness.read("\(fixture)/a.sql"), in: source)
                try DiffHarness.build(try DiffHarness.read("\(fixture)/b.sql"), in: target)
                return try DiffHarness.plan(
                    from: try DiffHarness.snapshot(source),
                    to: try DiffHarness.snapshot(target),
                    in: target,
                    options: try SchemaDiffConvergenceTests.options(fixture)
                )
            }
        }
    }
}
