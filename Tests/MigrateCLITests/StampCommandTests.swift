import MigrateTestSupport
import Testing

/// `migrate stamp`: records revisions without running their SQL.
@Suite struct StampCommandTests {
    @Test func stampRecordsAndForgetsWithoutRunningSQL() throws {
        try MigrateProject.with { project in
            try project.write(GeneratedRevision.chain(4, prefix: "s"))

            let head = try project.migrate("stamp", "head")
            #expect(head.status == .exited(0), "\(head.combinedOutput)")
            #expect(head.standardError.contains("  stamped s001 as applied\n"))
            #expect(head.standardError.contains("  stamped s004 as applied\n"))
            #expect(try project.current() == ["s004"])
            #expect(try project.tables().isEmpty)

            // Un-recording needs --yes: without it, the list and exit 2, and nothing changes.
            let refused = try project.migrate("stamp", "s002")
            #expect(refused.status == .exited(2), "\(refused.combinedOutput)")
            #expect(
                refused.standardError.contains(
                    "stamping to s002 would un-record 2 applied revision(s), whose objects stay in the database; "
                        + "nothing was changed:\n  s004  Revision s004\n  s003  Revision s003"
                )
            )
            #expect(refused.standardError.contains("pass --yes"))
            #expect(try project.current() == ["s004"])
            #expect(try project.logEvents().count == 4)

            let down = try project.migrate("stamp", "s002", "--yes")
            #expect(down.status == .exited(0), "\(down.combinedOutput)")
            #expect(down.standardError.contains("  unstamped s004\n"))
            #expect(down.standardError.contains("  unstamped s003\n"))
            #expect(try project.current() == ["s002"])

            // From s002, upgrading runs only s003 and s004.
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            #expect(try project.tables() == project.expectedTables(["s003", "s004"]))

            let again = try project.migrate("stamp", "head")
            #expect(again.standardError.contains("nothing to stamp"))

            #expect(try project.migrate("stamp", "base").status == .exited(2))
            let base = try project.migrate("stamp", "--yes", "base")
            #expect(base.status == .exited(0))
            #expect(try project.current().isEmpty)
            #expect(try project.tables() == project.expectedTables(["s003", "s004"]))

            let events = try project.logEvents()
            #expect(
                events.prefix(4) == [
                    "stamp s001 succeeded", "stamp s002 succeeded", "stamp s003 succeeded", "stamp s004 succeeded",
                ]
            )
            #expect(events.filter { $0.hasPrefix("unstamp ") }.count == 2 + 4)
        }
    }

    @Test func purgeForgetsRowsNoFileDeclares() throws {
        try MigrateProject.with { project in
            let revisions = GeneratedRevision.chain(3, prefix: "p")
            try project.write(revisions + [GeneratedRevision("gone1", parents: ["p003"])])
            #expect(try project.migrate("stamp", "head").status == .exited(0))
            project.directory.delete(GeneratedRevision("gone1", parents: ["p003"]).relativePath)
            #expect(try project.versionRows().keys.sorted() == ["gone1", "p001", "p002", "p003"])

            // Without --purge, a stamp keeps the row of the unknown revision.
            #expect(try project.migrate("stamp", "p002", "--yes").status == .exited(0))
            #expect(try project.versionRows().keys.sorted() == ["gone1", "p001", "p002"])

            // A purge that does not record a row again un-records it: --yes too.
            let refused = try project.migrate("stamp", "--purge", "p002")
            #expect(refused.status == .exited(2), "\(refused.combinedOutput)")
            #expect(refused.standardError.contains("would un-record 1 applied revision(s)"))
            #expect(refused.standardError.contains("\n  gone1  "))
            #expect(try project.versionRows().keys.sorted() == ["gone1", "p001", "p002"])
            let purge = try project.migrate("stamp", "--purge", "--yes", "p002")
            #expect(purge.status == .exited(0), "\(purge.combinedOutput)")
            #expect(try project.versionRows().keys.sorted() == ["p001", "p002"])
            let purged = try project.rows(
                "SELECT revision FROM schema_migrations_log WHERE event = 'unstamp' AND detail = 'purged' ORDER BY "
                    + "revision"
            )
            #expect(purged.map { $0[0] } == ["gone1", "p001", "p002"])
            #expect(try project.current() == ["p002"])
        }
    }
}
