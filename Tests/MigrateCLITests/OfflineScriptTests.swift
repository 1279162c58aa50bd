import MigrateTestSupport
import SystemProcess
import Testing

/// `upgrade --sql` and `downgrade --sql`: scripts that psql runs, leaving the database where `migrate`
/// would have.
@Suite struct OfflineScriptTests {
    static let history: [GeneratedRevision] = [
        GeneratedRevision("o001"),
        GeneratedRevision(
            "o002",
            parents: ["o001"],
            message: "Index concurrently",
            isTransactional: false,
            up: "CREATE INDEX CONCURRENTLY IF NOT EXISTS o002_index ON t_o001 (id);\nANALYZE t_o001;",
            down: "DROP INDEX CONCURRENTLY IF EXISTS o002_index;"
        ),
        GeneratedRevision("o003", parents: ["o002"]),
    ]

    /// Runs a script the way the header of every script says to.
    static func runScript(_ script: String, named name: String, in project: MigrateProject) throws -> ProcessOutput {
        try project.directory.write(name, script)
        return try ChildProcess.run(
            try PostgresPrograms.path(of: "psql"),
            [
                "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", project.database.connectionString, "-f",
                project.directory.absolute(name),
            ]
        )
    }

    @Test func scriptsRunByPsqlLeaveTheDatabaseWhereMigrateSaysItIs() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)

            let up = try project.migrateWithoutURL("upgrade", "--sql", "head")
            #expect(up.status == .exited(0), "\(up.combinedOutput)")
            let script = up.standardOutput
            #expect(script.hasPrefix("-- migrate "))
            #expect(script.contains("upgrade from base to head, 3 revision(s)"))
            #expect(script.contains("pg_try_advisory_lock("))
            #expect(script.contains("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\""))
            #expect(script.contains("-- runs outside a transaction, statement by statement"))
            #expect(script.contains("\nSELECT pg_advisory_unlock("))
            let applied = try Self.runScript(script, named: "up.sql", in: project)
            #expect(applied.status == .exited(0), "\(applied.combinedOutput)")
            #expect(try project.current() == ["o003"])
            #expect(try project.tables() == project.expectedTables(["o001", "o003"]))
            #expect(
                try project.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'o002_index'::regclass") == "t"
            )
            let validate = try project.migrate("validate")
            #expect(validate.status == .exited(0), "\(validate.combinedOutput)")
            #expect(try project.migrate("current", "--check-heads").status == .exited(0))

            let down = try project.migrateWithoutURL("downgrade", "--sql", "head:o001")
            #expect(down.status == .exited(0), "\(down.combinedOutput)")
            #expect(down.standardOutput.contains("downgrade from head to o001, 2 revision(s)"))
            #expect(!down.standardOutput.contains("-- Downgrade o001"))
            let reverted = try Self.runScript(down.standardOutput, named: "down.sql", in: project)
            #expect(reverted.status == .exited(0), "\(reverted.combinedOutput)")
            #expect(try project.current() == ["o001"])
            #expect(try project.tables() == project.expectedTables(["o001"]))
            #expect(try project.scalar("SELECT to_regclass('o002_index')") == nil)

            // FROM:TO for an upgrade starts from FROM: o001 is not in it.
            let partial = try project.migrateWithoutURL("upgrade", "--sql", "o001:head")
            #expect(partial.status == .exited(0))
            #expect(!partial.standardOutput.contains("-- Upgrade o001"))
            #expect(partial.standardOutput.contains("-- Upgrade o002: Index concurrently"))
            let reapplied = try Self.runScript(partial.standardOutput, named: "up2.sql", in: project)
            #expect(reapplied.status == .exited(0), "\(reapplied.combinedOutput)")
            #expect(try project.current() == ["o003"])
            #expect(try project.migrate("validate").status == .exited(0))
        }
    }

    @Test func downgradeScriptNeedsItsStartingPoint() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            let output = try project.migrateWithoutURL("downgrade", "--sql", "o001")
            #expect(output.status == .exited(2))
            #expect(output.standardError.contains("expected FROM:TO"))
        }
    }
}
