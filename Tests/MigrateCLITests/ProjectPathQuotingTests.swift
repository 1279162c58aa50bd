import MigrateTestSupport
import PostgresClient
import Testing

/// A project directory named `my app's dir` (or with `"`, `$`, backslashes, non-ASCII) gets a
/// working embedded cluster, and `db url` prints a connection string that reaches it.
@Suite("Awkward project paths through the CLI")
struct ProjectPathQuotingTests {
    @Test(arguments: ["my app's dir", #"q"uo$te`s \and é日本"#])
    func embeddedClusterAndDatabaseURLWork(name: String) throws {
        try TemporaryDirectory.with { parent in
            try parent.write(name + "/migrate.toml", "")
            try parent.write(name + "/" + GeneratedRevision("p001").relativePath, GeneratedRevision("p001").text)
            let project = parent.path + "/" + name
            defer { _ = try? MigrateExecutable.run(["db", "destroy", "--yes"], in: project) }

            let upgrade = try MigrateExecutable.run(["upgrade"], in: project)
            #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")

            let url = try MigrateExecutable.run(["db", "url"], in: project)
            #expect(url.status == .exited(0), "\(url.combinedOutput)")
            let connectionString = String(url.standardOutput.dropLast())
            let connection = try PostgresConnection(connectionString)
            #expect(connection.endpoint.host.hasPrefix(project))
            #expect(try connection.execute("SELECT count(*) FROM schema_migrations").scalar == "1")
            connection.close()

            let current = try MigrateExecutable.run(["current"], in: project)
            #expect(current.standardOutput.contains("p001"), "\(current.combinedOutput)")
        }
    }
}
