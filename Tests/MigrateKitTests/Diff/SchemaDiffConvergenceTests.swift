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
        try Self.withFixtureSQL(fixture) { source, target in
            try Self.checkConvergence(
                fixture,
                from: source,
                to: target,
                options: try Self.options(fixture),
                setUp: try DiffHarness.privilegesSetUp(fixture)
            )
        }
    }

    /// Runs `body` with a fixture's `a.sql` and `b.sql`. Tablespaces belong to the whole cluster: a fixture that
    /// names one (``tablespacePlaceholder``) gets one of its own for the time of `body`.
    static func withFixtureSQL(_ fixture: String, _ body: (String, String) throws -> Void) throws {
        let source = try DiffHarness.read("\(fixture)/a.sql")
        let target = try DiffHarness.read("\(fixture)/b.sql")
        guard (source + target).contains(Self.tablespacePlaceholder) else { return try body(source, target) }
        try TestTablespace.with { tablespace in
            let name = SQLQuoting.identifier(tablespace.name)
            try body(
                source.replacingOccurrences(of: Self.tablespacePlaceholder, with: name),
                target.replacingOccurrences(of: Self.tablespacePlaceholder, with: name)
            )
        }
    }

    /// Stands for a tablespace made for the test in a fixture's SQL.
    static let tablespacePlaceholder = "@TABLESPACE@"

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
        options: SchemaDiffOptions,
        setUp: String? = nil
    ) throws {
        var options = options
        options.comparesPrivileges = setUp != nil
        let privileges = options.comparesPrivileges
        try DiffHarness.withPair(from: sourceSQL, to: targetSQL, setUp: setUp) { source, target, fresh in
            let before = try DiffHarness.snapshot(source, privileges: privileges)
            let desired = try DiffHarness.snapshot(target, privileges: privileges)
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

            try DiffHarness.apply(plan.up, nonTransactional: plan.requiresNonTransactional, to: source)
            try expectArrival(fixture, "up", on: source, at: target, plannedSQL: plan.upSQL, privileges: privileges)
            try DiffHarness.apply(plan.down, nonTransactional: plan.downNonTransactionalReason != nil, to: source)
            try expectArrival(fixture, "down", on: source, at: fresh, plannedSQL: plan.downSQL, privileges: privileges)
        }
    }

    /// Expects `source`, after one direction's statements ran, to have `goal`'s schema: nothing left to plan, and
    /// the same `pg_dump`.
    private static func expectArrival(
        _ fixture: String,
        _ direction: String,
        on source: TestDatabase,
        at goal: TestDatabase,
        plannedSQL: String,
        privileges: Bool
    ) throws {
        let reached = try DiffHarness.snapshot(source, privileges: privileges)
        let left = try DiffHarness.plan(
            from: reached,
            to: try DiffHarness.snapshot(goal, privileges: privileges),
            in: goal,
            options: SchemaDiffOptions(comparesPrivileges: privileges)
        )
        #expect(left.up.isEmpty, "\(fixture): \(direction) does not converge:\n\(left.upSQL)\nplan was:\n\(plannedSQL)")
        let difference = try DiffHarness.schemaDifference(source, goal, privileges: privileges)
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
