import MigrateTestSupport
import SystemProcess
import Testing

/// Replicas deploying at once: every revision applied exactly once.
@Suite struct ConcurrentUpgradeTests {
    @Test func eightProcessesApplyEveryRevisionExactlyOnce() throws {
        try MigrateProject.with { project in
            var revisions = GeneratedRevision.chain(30, prefix: "p")
            // CREATE INDEX CONCURRENTLY waits for older transactions: the waiting processes must not hold one
            // open (a blocked pg_advisory_lock would), or the holder and the waiters deadlock.
            revisions[14].isTransactional = false
            revisions[14].up = "CREATE INDEX CONCURRENTLY IF NOT EXISTS p015_index ON t_p014 (id);\n" + revisions[14].up
            try project.write(revisions)

            let processes = try (0..<8).map { _ in
                try MigrateExecutable.start(
                    ["upgrade", "head", "--lock-wait", "60s"],
                    in: project.directory,
                    database: project.database
                )
            }
            let outputs = processes.map { $0.waitForExit() }
            for output in outputs {
                #expect(output.status == .exited(0), "\(output.combinedOutput)")
            }

            // Exactly one succeeded upgrade event per revision, and no failed one.
            let counts = try project.rows(
                "SELECT revision, count(*) FROM schema_migrations_log WHERE event = 'upgrade' GROUP BY revision "
                    + "ORDER BY revision"
            )
            #expect(counts.map { $0[0] ?? "" } == revisions.map(\.id))
            #expect(counts.allSatisfy { $0[1] == "1" })
            #expect(
                try project.scalar("SELECT count(*) FROM schema_migrations_log WHERE outcome <> 'succeeded'") == "0"
            )
            #expect(try project.tables() == project.expectedTables(revisions.map(\.id)))
            #expect(try project.versionRows().count == 30)
            #expect(
                try project.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'p015_index'::regclass") == "t"
            )

            // The run that got the lock first did all the work; the others found nothing to do.
            let appliedLines = outputs.flatMap { $0.standardError.split(separator: "\n") }.filter {
                $0.hasPrefix("  applied ")
            }
            #expect(appliedLines.count == 30)
            let idle = outputs.filter { $0.standardError.contains("nothing to do: the database is already there") }
            #expect(idle.count == 7)
        }
    }
}
