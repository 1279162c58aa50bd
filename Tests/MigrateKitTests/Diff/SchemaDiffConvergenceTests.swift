import Foundation
import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// The correctness bar of autogenerate, for every fixture pair `NN_name/{a.sql,b.sql}`: the up plan takes
/// A to B (re-diffing finds nothing, `pg_dump` agrees), and the down plan takes it back to A.
@Suite struct SchemaDiffConvergenceTests {
    @Test(arguments: DiffHarness.fixtureNames())
    func converges(_ fixture: String) throws {
        try Self.checkConvergence(
            fixture,
            from: try DiffHarness.read("\(fixture)/a.sql"),
            to: try DiffHarness.read("\(fixture)/b.sql"),
            options: try Self.options(fixture)
        )
    }

    /// Schemas of the corpus that share names (`t`, `public.v`...) with different shapes: diffing each
    /// against each other drops nearly everything and creates it anew, which tests ordering hard.
    static let crossSchemas = [
        "21_enum_remove_value/b.sql", "27_views/b.sql", "31_function_signature_change/b.sql", "33_triggers/b.sql",
        "36_partitioned_tables/b.sql", "47_quoted_identifiers/b.sql", "51_phase2_from_empty/b.sql",
        "53_large_schema_changes/b.sql",
    ]

    static var crossPairs: [String] {
        var pairs: [String] = []
        for (position, first) in crossSchemas.enumerated() {
            for second in crossSchemas[(position + 1)...] { pairs.append(first + " -> " + second) }
        }
        return pairs
    }

    @Test(arguments: crossPairs)
    func convergesAcrossUnrelatedSchemas(_ pair: String) throws {
        let parts = pair.components(separatedBy: " -> ")
        try Self.checkConvergence(
            pair,
            from: try DiffHarness.read(parts[0]),
            to: try DiffHarness.read(parts[1]),
            options: SchemaDiffOptions()
        )
    }

    static func checkConvergence(
        _ fixture: String,
        from sourceSQL: String,
        to targetSQL: String,
        options: SchemaDiffOptions
    ) throws {
        try TestDatabase.with { source in
            try TestDatabase.with { target in
                try TestDatabase.with { fresh in
                    try DiffHarness.build(sourceSQL, in: source)
                    try DiffHarness.build(targetSQL, in: target)
                    try DiffHarness.build(sourceSQL, in: fresh)
                    let before = try DiffHarness.snapshot(source)
                    let desired = try DiffHarness.snapshot(target)
                    let plan = try DiffHarness.plan(from: before, to: desired, in: target, options: options)
                    #expect(!plan.isEmpty, "\(fixture): the two schemas should differ")
                    // MIGRATE_DIFF_SHOW=<fixture> prints the plan, for working on a fixture.
                    if ProcessInfo.processInfo.environment["MIGRATE_DIFF_SHOW"] == fixture {
                        print("-- up\n\(plan.upSQL)-- down\n\(plan.downSQL)-- warnings\n\(plan.warnings)")
                    }

                    #expect(!plan.warnings.contains { $0.contains("dependency cycle") }, "\(fixture): \(plan.warnings)")
                    // Same inputs, same bytes.
                    let again = try DiffHarness.plan(from: before, to: desired, in: target, options: options)
                    #expect(again == plan)

                    try expectArrival(
                        fixture,
                        "up",
                        running: plan.up,
                        nonTransactional: plan.requiresNonTransactional,
                        plannedSQL: plan.upSQL,
                        on: source,
                        at: target
                    )
                    try expectArrival(
                        fixture,
                        "down",
                        running: plan.down,
                        nonTransactional: plan.downNonTransactionalReason != nil,
                        plannedSQL: plan.downSQL,
                        on: source,
                        at: fresh
                    )
                }
            }
        }
    }

    /// Runs one direction's statements on `source` and expects it to arrive at `goal`'s schema: nothing left to
    /// plan, and the same `pg_dump`.
    private static func expectArrival(
        _ fixture: String,
        _ direction: String,
        running statements: [PlannedStatement],
        nonTransactional: Bool,
        plannedSQL: String,
        on source: TestDatabase,
        at goal: TestDatabase
    ) throws {
        try DiffHarness.apply(statements, nonTransactional: nonTransactional, to: source)
        let reached = try DiffHarness.snapshot(source)
        let left = try DiffHarness.plan(from: reached, to: try DiffHarness.snapshot(goal), in: goal)
        #expect(
            left.up.isEmpty,
            "\(fixture): \(direction) does not converge:\n\(left.upSQL)\nplan was:\n\(plannedSQL)"
        )
        let difference = try DiffHarness.schemaDifference(source, goal)
        #expect(difference == nil, "\(fixture): pg_dump differs after \(direction):\n\(difference ?? "")")
    }

    /// Renames a fixture asks for, one `--rename` argument per line of its `renames.txt`.
    static func options(_ fixture: String) throws -> SchemaDiffOptions {
        guard let text = try? DiffHarness.read("\(fixture)/renames.txt") else { return SchemaDiffOptions() }
        let specs = try text.split(separator: "\n").map { line throws(MigrateError) in
            try RenameSpec(parsing: String(line))
        }
        return SchemaDiffOptions(renames: specs)
    }
}
