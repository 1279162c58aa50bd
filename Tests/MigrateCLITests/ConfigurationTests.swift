import LibC
import MigrateTestSupport
import PostgresClient
import Testing

/// `migrate.toml` through the CLI: environments, version-table names, timeouts.
@Suite struct ConfigurationTests {
    static let configuration = """
        [migrations]
        version_table = "app_versions"
        version_table_schema = "meta"

        [environments.staging.database]
        url = "${STAGING_DATABASE_URL}"

        [environments.staging.migrations]
        version_table = "staging_versions"
        """

    @Test func environmentsAndVersionTableNames() throws {
        try MigrateProject.with { project in
            try project.write(GeneratedRevision.chain(2, prefix: "c"))
            try project.directory.write("migrate.toml", Self.configuration)

            let plain = try project.migrate("upgrade")
            #expect(plain.status == .exited(0), "\(plain.combinedOutput)")
            #expect(
                plain.standardError.contains("created the version tables meta.app_versions and meta.app_versions_log")
            )
            #expect(try project.versionRows(table: "meta.app_versions") == ["c001": "applied", "c002": "applied"])
            #expect(try project.scalar("SELECT to_regclass('public.schema_migrations')") == nil)
            #expect(try project.migrate("downgrade", "base").status == .exited(0))
            #expect(try project.logEvents(table: "meta.app_versions_log").count == 4)

            let staging = try project.migrate("upgrade", "--env", "staging")
            #expect(staging.status == .exited(0), "\(staging.combinedOutput)")
            #expect(
                staging.standardError.contains(
                    "created the version tables meta.staging_versions and meta.staging_versions_log"
                )
            )
            #expect(try project.versionRows(table: "meta.staging_versions") == ["c001": "applied", "c002": "applied"])
            #expect(try project.versionRows(table: "meta.app_versions").isEmpty)

            // MIGRATE_ENV chooses the environment too, and with it the database URL.
            let fromVariable = try project.migrateWithoutURL(
                "current",
                "--json",
                environment: ["MIGRATE_ENV": "staging", "STAGING_DATABASE_URL": project.database.connectionString]
            )
            #expect(fromVariable.status == .exited(0), "\(fromVariable.combinedOutput)")
            #expect(try JSONValue.parse(fromVariable.standardOutput)["current"].strings == ["c002"])
            #expect(fromVariable.standardError.contains("using database \"\(project.database.name)\""))
            // Without it, the default table says nothing is applied.
            #expect(try project.current() == [])

            let undefined = try project.migrate("current", "--env", "nope")
            #expect(undefined.status == .exited(2))
            #expect(undefined.standardError.contains("environment `nope` (from --env) is not defined"))
        }
    }

    @Test func lockTimeoutFromTheConfigurationIsApplied() throws {
        try MigrateProject.with { project in
            try project.write([
                GeneratedRevision("l001"),
                GeneratedRevision(
                    "l002",
                    parents: ["l001"],
                    up: "ALTER TABLE t_l001 ADD COLUMN extra integer;",
                    down: "ALTER TABLE t_l001 DROP COLUMN extra;"
                ),
            ])
            try project.directory.write("migrate.toml", "[migrations]\nlock_timeout = \"300ms\"\n")
            #expect(try project.migrate("upgrade", "l001").status == .exited(0))

            let holder = try project.database.connect()
            defer { holder.close() }
            // The revision runs with 300 ms, not the 5 s default.
            let script = try project.migrate("upgrade", "--sql", "l001:head")
            #expect(script.standardOutput.contains("SET LOCAL lock_timeout = '300ms'"), "\(script.standardOutput)")
            #expect(!script.standardOutput.contains("lock_timeout = '5s'"), "\(script.standardOutput)")
            try holder.execute("BEGIN; LOCK TABLE t_l001 IN ACCESS SHARE MODE")
            let blocked = try project.migrate("upgrade")
            #expect(blocked.status == .exited(1), "\(blocked.combinedOutput)")
            #expect(blocked.standardError.contains("ERROR 55P03: canceling statement due to lock timeout"))
            #expect(try project.current() == ["l001"])

            try holder.execute("ROLLBACK")
            #expect(try project.migrate("upgrade").status == .exited(0))
            #expect(try project.current() == ["l002"])
        }
    }
}
