import Foundation
import MigrateKit
import MigrateTestSupport
import Testing

/// Two databases of 50 tables (8 columns, 2 indexes and a foreign key each) that differ in about 30 places: the
/// diff finds every difference. `scripts/bench diff` times the CLI on the same schema at 300 tables
/// (`scripts/bench-generate diff-schema` writes it; keep the two in step).
@Suite struct LargeSchemaDiffTests {
    @Test func diffOfTwoLargeSchemas() throws {
        let tables = 50
        try TestDatabase.with { current in
            try TestDatabase.with { desired in
                try DiffHarness.build(Self.schema(tables: tables, changed: false), in: current)
                try DiffHarness.build(Self.schema(tables: tables, changed: true), in: desired)
                let plan = try SchemaLoader(shadowServer: nil).plan(
                    from: .database(current.connectionString),
                    to: .database(desired.connectionString)
                )
                // The changes the generator makes, each a statement or two of the plan.
                #expect(plan.upSQL.components(separatedBy: "ADD COLUMN \"note\"").count - 1 == 8)
                #expect(plan.upSQL.components(separatedBy: "TYPE bigint").count - 1 == 6)
                #expect(plan.upSQL.components(separatedBy: "SET DEFAULT 'pending'").count - 1 == 6)
                #expect(plan.upSQL.components(separatedBy: "CREATE INDEX").count - 1 == 5)
                #expect(plan.upSQL.components(separatedBy: "CHECK ((amount").count - 1 == 3)
                #expect(plan.destructiveChanges.filter { $0.hasPrefix("drops table") }.count == 2)
                #expect(plan.upSQL.components(separatedBy: "CREATE TABLE").count - 1 == 2)
            }
        }
    }

    /// The schema of `tables` tables; `changed` applies the ~30 differences.
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
}
