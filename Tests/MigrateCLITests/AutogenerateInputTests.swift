import LibC
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

/// `diff` and `revision --autogenerate` given bad desired-state SQL (exit 2), or interrupted (exit 130).
@Suite struct AutogenerateInputTests {
    @Test func aMissingDesiredSchemaIsBadInput() throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { project in
                try project.write("migrate.toml", "[autogenerate]\nschema = \"nowhere/\"\n")
                let autogenerate = try MigrateExecutable.run(
                    ["--url", database.connectionString, "revision", "--autogenerate", "-m", "x"],
                    in: project.path
                )
                #expect(autogenerate.status == .exited(2), "\(autogenerate.combinedOutput)")
                #expect(autogenerate.standardError.contains("nowhere does not exist"), "\(autogenerate.standardError)")

                let diff = try MigrateExecutable.run(
                    ["--url", database.connectionString, "diff", database.connectionString, "nowhere.sql"],
                    in: project.path
                )
                #expect(diff.status == .exited(2), "\(diff.combinedOutput)")
            }
        }
    }

    @Test func desiredSQLThatDoesNotApplyIsBadInput() throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { project in
                try project.write("migrate.toml", "[autogenerate]\nschema = \"schema.sql\"\n")
                try project.write("schema.sql", "CREATE TABLE t (id int);\nCREATE TABLE u (id nosuchtype);\n")
                let diff = try MigrateExecutable.run(
                    ["--url", database.connectionString, "diff", database.connectionString, "schema.sql"],
                    in: project.path
                )
                #expect(diff.status == .exited(2), "\(diff.combinedOutput)")
                #expect(
                    diff.standardError.contains(
                        "the desired schema does not apply: type \"nosuchtype\" does not exist"
                    )
                )
                #expect(diff.standardError.contains("schema.sql:2:"), "\(diff.standardError)")

                let autogenerate = try MigrateExecutable.run(
                    ["--url", database.connectionString, "revision", "--autogenerate", "-m", "x"],
                    in: project.path
                )
                #expect(autogenerate.status == .exited(2), "\(autogenerate.combinedOutput)")
                #expect(autogenerate.standardError.contains("the desired schema does not apply"))
            }
        }
    }

    @Test(arguments: [["diff", "from.sql", "schema.sql"], ["revision", "--autogenerate", "-m", "slow"]])
    func interruptedWhileTheScratchDatabaseIsBuiltExits130(arguments: [String]) throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { project in
                // A sleep of its own length, so that this test finds its own among parallel tests' sessions.
                let sleep = arguments[0] == "diff" ? "pg_sleep(30.25)" : "pg_sleep(30.5)"
                try project.write("migrate.toml", "[autogenerate]\nschema = \"schema.sql\"\n")
                try project.write("from.sql", "CREATE TABLE t (id int);\n")
                try project.write("schema.sql", "CREATE TABLE t (id int);\nSELECT \(sleep);\n")
                let watcher = try database.connect()
                defer { watcher.close() }
                let process = try MigrateExecutable.start(
                    ["--url", database.connectionString] + arguments,
                    in: project.path
                )
                var scratch: String?
                for _ in 0..<300 where scratch == nil {
                    scratch = try watcher.query(
                        "SELECT datname FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()",
                        ["%\(sleep)%"]
                    ).scalar
                    if scratch == nil { usleep(50_000) }
                }
                #expect(scratch?.hasPrefix("migrate_shadow_") == true)
                process.signal(SIGINT)
                let output = process.waitForExit()
                #expect(output.status == .exited(130), "\(output.combinedOutput)")
                #expect(output.standardError.contains("interrupted\n"), "\(output.standardError)")
                let dropped = output.standardError.split(separator: "\n").first {
                    $0.contains("dropped scratch database(s) ")
                }
                #expect(dropped?.contains(scratch ?? "?") == true, "\(output.standardError)")
                #expect(!output.standardError.contains("error:"), "\(output.standardError)")
                let left = try watcher.query(
                    "SELECT count(*) FROM pg_database WHERE datname = $1",
                    [scratch ?? ""]
                ).scalar
                #expect(left == "0")
            }
        }
    }
}
