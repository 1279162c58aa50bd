import Foundation
import MigrateKit
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

/// Shared steps of the autogenerate tests: building schemas in scratch databases, reading them, applying
/// plans, and comparing `pg_dump` output.
enum DiffHarness {
    /// `Tests/MigrateKitTests/Fixtures/Diff`, found next to this source file.
    static let fixturesDirectory: String = {
        var path = #filePath
        for _ in 0..<2 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Fixtures/Diff"
    }()

    /// The fixture pairs: directories `NN_name` holding `a.sql` and `b.sql`. Stops the test run when there are
    /// none (a wrong path would otherwise run no case and pass).
    static func fixtureNames() -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory)
        } catch {
            fatalError("cannot list the diff fixtures in \(fixturesDirectory): \(error)")
        }
        let names = entries.filter { name in
            FileManager.default.fileExists(atPath: "\(fixturesDirectory)/\(name)/a.sql")
        }.sorted()
        precondition(!names.isEmpty, "no diff fixtures (directories holding a.sql and b.sql) in \(fixturesDirectory)")
        return names
    }

    /// Three scratch databases for a fixture pair: `source` and `fresh` hold A, `target` holds B. `setUp` (the
    /// roles privilege fixtures name) runs first.
    static func withPair(
        from sourceSQL: String,
        to targetSQL: String,
        setUp setUpSQL: String?,
        _ body: (_ source: TestDatabase, _ target: TestDatabase, _ fresh: TestDatabase) throws -> Void
    ) throws {
        try TestDatabase.with { source in
            try TestDatabase.with { target in
                try TestDatabase.with { fresh in
                    if let setUpSQL { try setUp(setUpSQL, through: source) }
                    try build(sourceSQL, in: source)
                    try build(targetSQL, in: target)
                    try build(sourceSQL, in: fresh)
                    try body(source, target, fresh)
                }
            }
        }
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOfFile: fixturesDirectory + "/" + relativePath, encoding: .utf8)
    }

    /// Applies a schema script to a database.
    static func build(_ sql: String, in database: TestDatabase) throws {
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute(sql)
    }

    /// Reads a database's schema; with `privileges`, owners and privileges too.
    static func snapshot(_ database: TestDatabase, privileges: Bool = false) throws -> CatalogSnapshot {
        let connection = try database.connect()
        defer { connection.close() }
        return try CatalogReader.read(connection, options: CatalogReadOptions(readsPrivileges: privileges))
    }

    /// The set-up SQL of a fixture that compares privileges (one holding a `privileges` file):
    /// `privilege-roles.sql`, which creates the roles those fixtures name, idempotently, since roles belong to
    /// the whole test cluster. `nil` for a fixture that does not compare privileges.
    static func privilegesSetUp(_ fixture: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: "\(fixturesDirectory)/\(fixture)/privileges") else { return nil }
        return try read("privilege-roles.sql")
    }

    /// Runs a fixture's set-up SQL on the cluster, through `database`.
    static func setUp(_ sql: String, through database: TestDatabase) throws {
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute(sql)
    }

    /// Runs planned statements: as one transaction, or one by one when the plan says it must.
    static func apply(_ statements: [PlannedStatement], nonTransactional: Bool, to database: TestDatabase) throws {
        guard !statements.isEmpty else { return }
        let connection = try database.connect()
        defer { connection.close() }
        if nonTransactional {
            for statement in statements {
                do {
                    try connection.execute(statement.sql)
                } catch {
                    throw HarnessError("statement failed: \(error)\n\(statement.sql)")
                }
            }
        } else {
            let script = "BEGIN;\n" + SchemaChangePlan.render(statements) + "COMMIT;\n"
            do {
                try connection.execute(script)
            } catch {
                throw HarnessError("plan failed: \(error)\n\(SchemaChangePlan.render(statements))")
            }
        }
    }

    /// Plans between two databases, with the target database canonicalising definitions.
    static func plan(
        from current: CatalogSnapshot,
        to desired: CatalogSnapshot,
        in target: TestDatabase,
        options: SchemaDiffOptions = SchemaDiffOptions()
    ) throws -> SchemaChangePlan {
        let connection = try target.connect()
        defer { connection.close() }
        let canonicalizer = DefinitionCanonicalizer(connection: connection)
        defer { canonicalizer.finish() }
        return try SchemaDiff.plan(from: current, to: desired, options: options, canonicalizer: canonicalizer)
    }

    /// `pg_dump --schema-only`; without `privileges`, also without owners and privileges.
    static func dump(_ database: TestDatabase, privileges: Bool = false) throws -> String {
        let options = privileges ? [] : ["--no-owner", "--no-privileges"]
        let output = try ChildProcess.run(
            try PostgresPrograms.path(of: "pg_dump"),
            ["--schema-only"] + options + ["-d", database.connectionString]
        )
        guard output.status.isSuccess else { throw HarnessError("pg_dump failed: \(output.combinedOutput)") }
        return output.standardOutput
    }

    /// The `pg_dump` of a database after one dump and restore: PostgreSQL's own normalisation of
    /// definitions whose printed form does not parse back to the same tree (IN lists over `varchar`...).
    static func roundTrippedDump(_ database: TestDatabase, privileges: Bool = false) throws -> [String] {
        let text = try dump(database, privileges: privileges)
        return try TestDatabase.with { copy in
            let output = try ChildProcess.run(
                try PostgresPrograms.path(of: "psql"),
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", copy.connectionString],
                input: text
            )
            guard output.status.isSuccess else {
                throw HarnessError("restoring the dump failed: \(output.combinedOutput)")
            }
            return try normalisedDump(copy, privileges: privileges)
        }
    }

    /// `pg_dump --schema-only` of a database, lines sorted and stripped of trailing commas and `--` lines,
    /// so that column order and dump order do not matter.
    static func normalisedDump(_ database: TestDatabase, privileges: Bool = false) throws -> [String] {
        try dump(database, privileges: privileges).split(separator: "\n").compactMap { line -> String? in
            var text = String(line)
            // Comments, and pg_dump's random per-dump \restrict key, say nothing about the schema.
            if text.hasPrefix("--") || text.isEmpty || text.hasPrefix("\\restrict") || text.hasPrefix("\\unrestrict") {
                return nil
            }
            while text.hasSuffix(",") { text.removeLast() }
            return text
        }.sorted()
    }

    /// How two databases' dumps differ, or `nil` when they agree directly or after a dump/restore round
    /// trip of each.
    static func schemaDifference(_ migrated: TestDatabase, _ expected: TestDatabase, privileges: Bool = false) throws
        -> String?
    {
        guard
            let direct = dumpDifference(
                try normalisedDump(migrated, privileges: privileges),
                try normalisedDump(expected, privileges: privileges)
            )
        else {
            return nil
        }
        guard
            let normalised = dumpDifference(
                try roundTrippedDump(migrated, privileges: privileges),
                try roundTrippedDump(expected, privileges: privileges)
            )
        else {
            return nil
        }
        return "directly:\n\(direct)\nafter a dump/restore round trip:\n\(normalised)"
    }

    /// The lines only one of two dumps has, or `nil` when they are the same.
    static func dumpDifference(_ left: [String], _ right: [String]) -> String? {
        guard left != right else { return nil }
        var remaining = right
        var onlyLeft: [String] = []
        for line in left {
            if let index = remaining.firstIndex(of: line) { remaining.remove(at: index) } else { onlyLeft.append(line) }
        }
        return "only in migrated:\n" + onlyLeft.joined(separator: "\n") + "\nonly in expected:\n"
            + remaining.joined(separator: "\n")
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
