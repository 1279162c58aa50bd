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
            let holder = try project.database.connect()
            defer { holder.close() }
            try holder.execute("SET application_name = 'lock-holder-test'")
            try holder.execute("SELECT pg_advisory_lock(\(VersionTable().lockKey))")

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
            let holder = try project.database.connect()
            defer { holder.close() }
            try holder.execute("SELECT pg_advisory_lock(\(VersionTable().lockKey))")

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
            let holder = try project.database.connect()
            defer { holder.close() }
            try holder.execute("SELECT pg_advisory_lock(\(VersionTable().lockKey))")
            let output = try project.migrate("upgrade", "--lock-wait", "1s")
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(!output.standardError.contains("waiting for the migration lock"))
        }
    }
}
