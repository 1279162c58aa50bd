import LibC
import LocalPostgres
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

/// Bad input gets a one-paragraph error that says what was wrong and what to do, a non-zero
/// exit code, no stack trace, and never a password.
@Suite("Bad input through the CLI")
struct BadInputTests {
    /// Checks the shape every error must have, and returns stderr for specific assertions.
    @discardableResult
    static func expectCleanFailure(_ output: ProcessOutput, exitCode: Int32, secret: String? = nil) -> String {
        let text = output.standardError
        #expect(output.status == .exited(exitCode), "stderr: \(text)")
        #expect(text.contains("error: "), "stderr: \(text)")
        #expect(!text.contains("Fatal error"), "stack trace in: \(text)")
        #expect(!text.contains("Stack dump"), "stack trace in: \(text)")
        if let secret {
            #expect(!output.standardOutput.contains(secret) && !text.contains(secret), "password printed: \(text)")
        }
        return text
    }

    @Test func unreachableHostFailsAndMasksThePassword() throws {
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(
                ["--url", "postgresql://nobody:pa55word@127.0.0.1:1/x", "db", "status"],
                in: project.path
            )
            let text = Self.expectCleanFailure(output, exitCode: 1, secret: "pa55word")
            #expect(text.contains("cannot connect"))
            #expect(text.contains("127.0.0.1"))
            #expect(text.contains("****"))
        }
    }

    @Test func aSilentServerFailsAtTheConnectTimeout() throws {
        let server = try SilentServer()
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(
                ["--url", "postgresql://app@127.0.0.1:\(server.port)/x?connect_timeout=2", "current"],
                in: project.path
            )
            let text = Self.expectCleanFailure(output, exitCode: 1)
            #expect(text.contains("timeout expired"), "\(text)")
            #expect(text.contains("the server did not answer within the connect timeout"), "\(text)")
            withExtendedLifetime(server) {}
        }
    }

    @Test func missingDatabaseSaysHowToCreateIt() throws {
        let admin = try TestServer.adminConnectionString()
        let url = try ConnectionString.replacing(["dbname": "there_is_no_such_db"], in: admin)
        try TemporaryDirectory.with { project in
            let text = Self.expectCleanFailure(
                try MigrateExecutable.run(["--url", url, "current"], in: project.path),
                exitCode: 1
            )
            #expect(text.contains("there_is_no_such_db"))
            #expect(text.contains("create the database"))
        }
    }

    @Test func malformedURLNamesTheProblem() throws {
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(
                ["--url", "postgresql://user:topsecret@host:port/db", "current"],
                in: project.path
            )
            let text = Self.expectCleanFailure(output, exitCode: 1, secret: "topsecret")
            #expect(text.contains("invalid") || text.contains("port"), "\(text)")
        }
    }

    @Test func malformedTOMLGivesFileLineAndColumn() throws {
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[migrations]\ndirectory = \"migrations\"\nversion_table = = 3\n")
            let text = Self.expectCleanFailure(try MigrateExecutable.run(["current"], in: project.path), exitCode: 2)
            #expect(text.contains("migrate.toml:3:"), "\(text)")
        }
    }

    @Test func unknownKeyIsNamedWithTheAllowedKeys() throws {
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[migrations]\nlock_timout = \"5s\"\n")
            let text = Self.expectCleanFailure(try MigrateExecutable.run(["current"], in: project.path), exitCode: 2)
            #expect(text.contains("migrations.lock_timout"))
            #expect(text.contains("lock_timeout"))
            #expect(text.contains("migrate.toml:2:"))
        }
    }

    @Test func unknownEnvironmentListsTheDefinedOnes() throws {
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[environments.staging.database]\nurl = \"postgresql://x@y/z\"\n")
            let output = try MigrateExecutable.run(["current"], in: project.path, environment: ["MIGRATE_ENV": "prod"])
            let text = Self.expectCleanFailure(output, exitCode: 2)
            #expect(text.contains("prod"))
            #expect(text.contains("staging"))
        }
    }

    @Test func unsetVariableInTheURLIsNamed() throws {
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[database]\nurl = \"${APP_DATABASE_URL}\"\n")
            let text = Self.expectCleanFailure(try MigrateExecutable.run(["current"], in: project.path), exitCode: 2)
            #expect(text.contains("APP_DATABASE_URL"))
        }
    }

    @Test func wrongPasswordIsAClearErrorWithoutThePassword() throws {
        // A cluster of its own, because the shared test server trusts every local connection.
        try TemporaryDirectory.with { project in
            let cluster = try LocalCluster(root: project.path + "/cluster", settings: .throwaway)
            defer { try? cluster.destroy() }
            try cluster.start()
            let admin = try PostgresConnection(cluster.connectionString)
            try admin.execute("CREATE ROLE app LOGIN PASSWORD 'right-password'")
            let hba = cluster.dataDirectory + "/pg_hba.conf"
            _ = try ChildProcess.run(
                "sh",
                ["-c", "printf 'local all app scram-sha-256\\nlocal all all trust\\n' > '\(hba)'"]
            )
            try admin.execute("SELECT pg_reload_conf()")
            admin.close()
            usleep(300_000)
            let url = try ConnectionString.replacing(
                ["user": "app", "password": "wrong-password"],
                in: cluster.connectionString
            )
            let output = try MigrateExecutable.run(["--url", url, "current"], in: project.path)
            let text = Self.expectCleanFailure(output, exitCode: 1, secret: "wrong-password")
            #expect(text.contains("password authentication failed"), "\(text)")
            #expect(text.contains("pgpass"))
        }
    }

    @Test func aMigrateDirectoryOwnedBySomeoneElseIsExplained() throws {
        // Giving files away needs root (CI runs as root); as an ordinary user, use a directory we cannot write.
        try TemporaryDirectory.with { project in
            _ = try ChildProcess.run("mkdir", ["-p", project.path + "/.migrate/data"])
            _ = try ChildProcess.run("sh", ["-c", "echo 15 > '\(project.path)/.migrate/data/PG_VERSION'"])
            if geteuid() == 0 {
                let nobody = getpwnam("nobody")!.pointee
                chown(project.path + "/.migrate/data", nobody.pw_uid, nobody.pw_gid)
            } else {
                chmod(project.path + "/.migrate", 0o500)
            }
            defer { chmod(project.path + "/.migrate", 0o755) }
            let text = Self.expectCleanFailure(
                try MigrateExecutable.run(["db", "start"], in: project.path),
                exitCode: 1
            )
            #expect(text.contains(".migrate"))
            #expect(text.contains("hint:"))
        }
    }
}
