import Foundation
import MigrateTestSupport
import Testing

/// `migrate init`: the project it writes, what it refuses to overwrite, and that the workflow runs in it.
@Suite struct InitCommandTests {
    @Test func initWritesAProjectWhereRevisionsRun() throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.withEmpty { directory in
                let initialized = try MigrateExecutable.run(["init"], in: directory.path)
                #expect(initialized.status == .exited(0), "\(initialized.combinedOutput)")
                #expect(initialized.standardOutput.isEmpty)
                #expect(initialized.standardError.contains("created .gitignore with .migrate/"))

                let configuration = try #require(directory.read("migrate.toml"))
                #expect(configuration.contains("\n# url = \"postgresql://app@db.internal/app\"\n"))
                #expect(configuration.contains("\nschema = \"schema\"\n"))
                #expect(directory.read("schema/schema.sql")?.hasPrefix("-- The desired state") == true)
                #expect(directory.read(".gitignore") == "# migrate's embedded PostgreSQL cluster\n.migrate/\n")
                var isDirectory: ObjCBool = false
                #expect(
                    FileManager.default.fileExists(
                        atPath: directory.absolute("migrations/versions"),
                        isDirectory: &isDirectory
                    )
                )
                #expect(isDirectory.boolValue)

                // The generated file loads: a first revision, written from a subdirectory, and an upgrade.
                let revision = try MigrateExecutable.run(
                    ["revision", "-m", "Create users"],
                    in: directory.absolute("schema")
                )
                #expect(revision.status == .exited(0), "\(revision.combinedOutput)")
                let path = revision.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(path.hasPrefix(directory.absolute("migrations/versions/")))
                try fillRevision(atPath: path, table: "users")
                let upgrade = try MigrateExecutable.run(["upgrade", "head"], in: directory, database: database)
                #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
                let connection = try database.connect()
                defer { connection.close() }
                #expect(try connection.execute("SELECT to_regclass('public.users')::text").scalar == "users")

                // A second init finds everything in place and writes nothing.
                let again = try MigrateExecutable.run(["init"], in: directory.path)
                #expect(again.status == .exited(2))
                #expect(
                    again.standardError.contains("`migrate.toml`, `migrations/` and `schema/` already exist in"),
                    "\(again.standardError)"
                )
            }
        }
    }

    @Test func initWithURLConfiguresTheDatabase() throws {
        try TemporaryDirectory.withEmpty { directory in
            let output = try MigrateExecutable.run(
                ["init", "--url", "postgresql://app@db.internal/app"],
                in: directory.path
            )
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            let configuration = try #require(directory.read("migrate.toml"))
            #expect(configuration.contains("\nurl = \"postgresql://app@db.internal/app\"\n"))
            let url = try MigrateExecutable.run(["db", "url"], in: directory.path)
            #expect(url.standardOutput == "postgresql://app@db.internal/app\n", "\(url.combinedOutput)")

            // A ${VAR} reference stays one, resolved when the database is used.
            try TemporaryDirectory.withEmpty { other in
                let variable = try MigrateExecutable.run(["init", "--url", "${APP_URL}"], in: other.path)
                #expect(variable.status == .exited(0), "\(variable.combinedOutput)")
                let resolved = try MigrateExecutable.run(
                    ["db", "url"],
                    in: other.path,
                    environment: ["APP_URL": "postgresql://app@elsewhere/app"]
                )
                #expect(resolved.standardOutput == "postgresql://app@elsewhere/app\n", "\(resolved.combinedOutput)")
            }
        }
    }

    @Test func initWarnsOfAPasswordWithoutPrintingIt() throws {
        try TemporaryDirectory.withEmpty { directory in
            let output = try MigrateExecutable.run(
                ["init", "--url", "postgresql://app:s3cr3t-pw@db.internal/app"],
                in: directory.path
            )
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(output.standardError.contains("warning: migrate.toml now holds a password"))
            #expect(!output.combinedOutput.contains("s3cr3t-pw"))
        }
    }

    @Test(arguments: [
        ("migrate.toml", "`migrate.toml` already exists"),
        ("migrations/versions/README", "`migrations/` already exists"),
        ("schema", "`schema` already exists"),
        ("schema/schema.sql", "`schema/` already exists"),
    ])
    func initRefusesToOverwrite(existing: String, message: String) throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write(existing, "keep me\n")
            let before = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
            let output = try MigrateExecutable.run(["init"], in: directory.path)
            #expect(output.status == .exited(2))
            #expect(output.standardError.contains(message), "\(output.standardError)")
            #expect(output.standardError.contains("writes nothing over existing files"))
            #expect(try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted() == before)
            #expect(directory.read(existing) == "keep me\n")
        }
    }

    @Test func initRefusesAURLThatWouldNotLoad() throws {
        try TemporaryDirectory.withEmpty { directory in
            let output = try MigrateExecutable.run(
                ["init", "--url", "postgresql://app@host/db$name"],
                in: directory.path
            )
            #expect(output.status == .exited(2))
            #expect(output.standardError.hasPrefix("error: --url: "), "\(output.standardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    @Test(arguments: [
        ("node_modules/", "node_modules/\n\n# migrate's embedded PostgreSQL cluster\n.migrate/\n"),
        ("node_modules/\n", "node_modules/\n\n# migrate's embedded PostgreSQL cluster\n.migrate/\n"),
        ("build/\n/.migrate\n", "build/\n/.migrate\n"),
        (".migrate/\n", ".migrate/\n"),
    ])
    func initAddsTheEmbeddedClusterToGitignoreOnce(before: String, after: String) throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write(".gitignore", before)
            let output = try MigrateExecutable.run(["init"], in: directory.path)
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(directory.read(".gitignore") == after)
        }
    }
}
