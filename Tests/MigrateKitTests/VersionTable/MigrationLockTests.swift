import LibC
import MigrateKit
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

/// The migration lock as a deployer meets it: the built `migrate` against a session holding the engine's key.
@Suite struct MigrationLockTests {
    static let revisions = GeneratedRevision.chain(2, prefix: "m")

    @Test func busyLockTimesOutWithExit5NamingTheHolder() throws {
        try MigrateProject.with { project in
            try project.write(Self.revisions)
            let holder = try Self.holdLock(in: project, as: "lock-holder-test")
            defer { holder.close() }

            let output = try project.migrate("upgrade", "--lock-wait", "1s")
            #expect(output.status == .exited(5), "\(output.combinedOutput)")
            #expect(
                output.standardError.contains(
                    "waiting for the migration lock, held by pid \(holder.backendPID) (lock-holder-test)"
                )
            )
            #expect(
                output.standardError.contains(
                    "error: another migration held the lock for more than 1 s; holder: pid \(holder.backendPID) "
                        + "(lock-holder-test)"
                )
            )
            #expect(output.standardError.contains("pg_terminate_backend"))
            #expect(try project.tables().isEmpty)
        }
    }

    @Test func runWaitsForTheHolderAndThenApplies() throws {
        try MigrateProject.with { project in
            try project.write(Self.revisions)
            let holder = try Self.holdLock(in: project)
            defer { holder.close() }

            let process = try MigrateExecutable.start(
                ["upgrade", "--lock-wait", "10s"],
                in: project.directory,
                database: project.database
            )
            usleep(1_000_000)
            #expect(try project.tables().isEmpty)
            try holder.execute("SELECT pg_advisory_unlock(\(VersionTable().lockKey))")
            let output = process.waitForExit()
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(output.standardError.contains("waiting for the migration lock, held by pid \(holder.backendPID)"))
            #expect(output.standardError.contains("upgraded to m002 (Revision m002): 2 revision(s)"))
            #expect(try project.tables() == ["t_m001", "t_m002"])
        }
    }

    @Test func anotherVersionTableHasItsOwnLock() throws {
        try MigrateProject.with { project in
            try project.write(Self.revisions)
            try project.directory.write("migrate.toml", "[migrations]\nversion_table = \"other_versions\"\n")
            #expect(VersionTable(name: "other_versions").lockKey != VersionTable().lockKey)
            let holder = try Self.holdLock(in: project)
            defer { holder.close() }
            let output = try project.migrate("upgrade", "--lock-wait", "1s")
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(!output.standardError.contains("waiting for the migration lock"))
        }
    }

    /// A session of the test's own that takes the default version table's migration lock, as another deployer
    /// would; the caller closes it.
    static func holdLock(in project: MigrateProject, as applicationName: String? = nil) throws -> PostgresConnection {
        let holder = try project.database.connect()
        if let applicationName { try holder.execute("SET application_name = '\(applicationName)'") }
        try holder.execute("SELECT pg_advisory_lock(\(VersionTable().lockKey))")
        return holder
    }
}
