import Foundation
import MigrateKit
import MigrateTestSupport
import SystemProcess
import Testing

/// The engine-level autogenerate benchmark (`BREAKDOWN=1 scripts/bench-diff`): two databases of N tables (8
/// columns, 2 indexes and a foreign key each) that differ in about 30 places, diffed in-process against the time
/// `pg_dump --schema-only` takes to read both catalogs. `scripts/bench diff` times the CLI on the same schema
/// (`scripts/bench-generate diff-schema` writes it; keep the two in step).
///
/// With `MIGRATE_BENCH=1` it uses 300 tables, times 5 runs of each and prints the medians, their ratio and a
/// breakdown. Without it, it checks the same workload on 50 tables once, so the benchmark's code stays tested.
@Suite struct DiffBenchmarkTests {
    static var benchmarking: Bool { ProcessInfo.processInfo.environment["MIGRATE_BENCH"] == "1" }

    @Test func diffOfTwoLargeSchemas() throws {
        let tables = Self.benchmarking ? 300 : 50
        let rounds = Self.benchmarking ? 5 : 1
        try TestDatabase.with { current in
            try TestDatabase.with { desired in
                try DiffHarness.build(Self.schema(tables: tables, changed: false), in: current)
                try DiffHarness.build(Self.schema(tables: tables, changed: true), in: desired)
                let loader = SchemaLoader(shadowServer: nil)
                var diffTimes: [Double] = []
                var dumpTimes: [Double] = []
                var plan = SchemaChangePlan()
                for _ in 0..<rounds {
                    let start = Self.now()
                    plan = try loader.plan(
                        from: .database(current.connectionString),
                        to: .database(desired.connectionString)
                    )
                    diffTimes.append(Self.now() - start)
                    let dumpStart = Self.now()
                    _ = try DiffHarness.dump(current)
                    _ = try DiffHarness.dump(desired)
                    dumpTimes.append(Self.now() - dumpStart)
                }
                // The changes the generator makes, each a statement or two of the plan.
                #expect(plan.upSQL.components(separatedBy: "ADD COLUMN \"note\"").count - 1 == 8)
                #expect(plan.upSQL.components(separatedBy: "TYPE bigint").count - 1 == 6)
                #expect(plan.upSQL.components(separatedBy: "SET DEFAULT 'pending'").count - 1 == 6)
                #expect(plan.upSQL.components(separatedBy: "CREATE INDEX").count - 1 == 5)
                #expect(plan.upSQL.components(separatedBy: "CHECK ((amount").count - 1 == 3)
                #expect(plan.destructiveChanges.filter { $0.hasPrefix("drops table") }.count == 2)
                #expect(plan.upSQL.components(separatedBy: "CREATE TABLE").count - 1 == 2)
                if Self.benchmarking {
                    // Where the time goes, measured apart (the diff above reads the two catalogs concurrently).
                    var readTimes: [Double] = []
                    var planTimes: [Double] = []
                    var canonicalTimes: [Double] = []
                    for _ in 0..<rounds {
                        var start = Self.now()
                        let before = try DiffHarness.snapshot(current)
                        let after = try DiffHarness.snapshot(desired)
                        readTimes.append(Self.now() - start)
                        start = Self.now()
                        _ = try SchemaDiff.plan(from: before, to: after)
                        planTimes.append(Self.now() - start)
                        start = Self.now()
                        _ = try DiffHarness.plan(from: before, to: after, in: desired)
                        canonicalTimes.append(Self.now() - start - planTimes.last!)
                    }
                    let diff = Self.median(diffTimes)
                    let dump = Self.median(dumpTimes)
                    print(
                        """
                        bench-diff: \(tables) tables, \(plan.up.count) up statements, \(rounds) runs
                        bench-diff: diff (read both catalogs, canonicalise, plan up and down) median \(Self.format(diff)) s
                        bench-diff: pg_dump --schema-only of both databases median \(Self.format(dump)) s
                        bench-diff: ratio diff / pg_dump = \(Self.format(diff / dump))
                        """
                    )
                    print(
                        """
                        bench-diff: measured apart: reading both catalogs one after the other \(Self.format(Self.median(readTimes))) s, \
                        planning up and down \(Self.format(Self.median(planTimes))) s, \
                        canonicalising \(Self.format(Self.median(canonicalTimes))) s
                        """
                    )
                }
            }
        }
    }

    /// The benchmark schema; `changed` applies the ~30 differences.
    static func schema(tables: Int, changed: Bool) -> String {
        var sql = ""
        let dropped: Set<Int> = changed ? [tables - 4, tables - 3] : []
        for index in 0..<tables where !dropped.contains(index) {
            let flagsType = changed && (10..<16).contains(index) ? "bigint" : "integer"
            let status = changed && (20..<26).contains(index) ? "pending" : "new"
            let note = changed && index < 8 ? ",\n    note text" : ""
            let check = changed && (30..<33).contains(index) ? ",\n    CHECK (amount >= 0)" : ""
            sql += """
                CREATE TABLE t_\(index) (
                    id bigint PRIMARY KEY,
                    name text NOT NULL,
                    email text,
                    amount numeric(12,2) DEFAULT 0,
                    created_at timestamptz DEFAULT now(),
                    status text DEFAULT '\(status)',
                    parent_id bigint,
                    flags \(flagsType)\(note)\(check)
                );

                """
            if changed && (35..<40).contains(index) {
                sql += "CREATE INDEX t_\(index)_name_email_idx ON t_\(index) (name, email);\n"
            } else {
                sql += "CREATE INDEX t_\(index)_name_idx ON t_\(index) (name);\n"
            }
            sql += "CREATE INDEX t_\(index)_parent_idx ON t_\(index) (parent_id);\n"
        }
        if changed {
            sql += "CREATE TABLE extra_1 (id bigint PRIMARY KEY, t_id bigint REFERENCES t_1 (id));\n"
            sql += "CREATE TABLE extra_2 (id bigint PRIMARY KEY, label text NOT NULL DEFAULT '');\n"
        }
        for index in 0..<tables where !dropped.contains(index) {
            let parent = (index + tables - 1) % tables
            guard !dropped.contains(parent) else { continue }
            sql += "ALTER TABLE t_\(index) ADD FOREIGN KEY (parent_id) REFERENCES t_\(parent) (id);\n"
        }
        return sql
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
