import LibC
import MigrateTestSupport
import Testing

/// `migrate db ...` and zero-configuration use of the embedded cluster, through the binary.
@Suite("Embedded default database through the CLI", .serialized)
struct EmbeddedDatabaseTests {
    @Test func lifecycleAndStatus() throws {
        try TemporaryDirectory.with { project in
            defer { _ = try? MigrateExecutable.run(["db", "destroy", "--yes"], in: project.path) }
            let before = try MigrateExecutable.run(["db", "status"], in: project.path)
            #expect(before.status == .exited(0))
            #expect(before.standardOutput.contains("not created"))

            let start = try MigrateExecutable.run(["db", "start"], in: project.path)
            #expect(start.status == .exited(0), "\(start.standardError)")
            #expect(start.standardError.contains("created and started"))
            #expect(start.standardOutput.contains(project.path + "/.migrate/run"))

            let status = try MigrateExecutable.run(["db", "status"], in: project.path)
            #expect(status.status == .exited(0))
            #expect(status.standardOutput.contains("PostgreSQL 15"))
            #expect(status.standardOutput.contains("running (pid"))
            #expect(status.standardOutput.contains(project.path + "/.migrate/data"))

            let url = try MigrateExecutable.run(["db", "url"], in: project.path)
            #expect(url.standardOutput.contains("host='\(project.path)/.migrate/run'"))

            #expect(try MigrateExecutable.run(["db", "stop"], in: project.path).status == .exited(0))
            #expect(try MigrateExecutable.run(["db", "status"], in: project.path).standardOutput.contains("stopped"))

            // Any command that needs the database starts it again, and says which database it uses.
            let current = try MigrateExecutable.run(["current"], in: project.path)
            #expect(current.status == .exited(0), "\(current.standardError)")
            #expect(current.standardError.contains("started the embedded PostgreSQL server"))
            #expect(current.standardError.contains("using database \"postgres\""))
            #expect(current.standardOutput.contains("base"))

            let refused = try MigrateExecutable.run(["db", "destroy"], in: project.path)
            #expect(refused.status == .exited(2))
            #expect(refused.standardError.contains("--yes"))
            #expect(try MigrateExecutable.run(["db", "destroy", "--yes"], in: project.path).status == .exited(0))
            #expect(access(project.path + "/.migrate", F_OK) != 0, "db destroy leaves nothing of .migrate")
            #expect(
                try MigrateExecutable.run(["db", "status"], in: project.path).standardOutput.contains("not created")
            )
        }
    }

    @Test func dbCommandsRefuseAConfiguredDatabase() throws {
        let admin = try TestServer.adminConnectionString()
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(
                ["db", "stop"],
                in: project.path,
                environment: ["DATABASE_URL": admin]
            )
            #expect(output.status == .exited(2))
            #expect(output.standardError.contains("embedded"))
        }
    }

    @Test func verboseSaysWhenNoConfigFileWasFound() throws {
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(["-v", "heads"], in: project.path)
            #expect(output.status == .exited(0))
            #expect(output.standardError.contains("migrate.toml"), "\(output.standardError)")
        }
    }
}
