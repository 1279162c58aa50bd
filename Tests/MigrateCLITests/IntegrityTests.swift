import MigrateTestSupport
import Testing

/// Applied revisions whose files were edited or deleted.
@Suite struct IntegrityTests {
    @Test func editedAppliedFileStopsValidateAndUpgradeUnlessAllowed() throws {
        try MigrateProject.with { project in
            var revisions = GeneratedRevision.chain(3, prefix: "i")
            try project.write(revisions)
            #expect(try project.migrate("upgrade").status == .exited(0))

            // The down section is not part of the checksum: editing it is no change.
            revisions[1].down += "-- dropped on purpose\n"
            try project.write([revisions[1]])
            #expect(try project.migrate("validate").status == .exited(0))

            revisions[1].up = "CREATE TABLE t_i002 (id bigint PRIMARY KEY);\n"
            try project.write([revisions[1], GeneratedRevision("i004", parents: ["i003"])])
            let path = project.directory.absolute(revisions[1].relativePath)

            let validate = try project.migrate("validate")
            #expect(validate.status == .exited(4), "\(validate.combinedOutput)")
            #expect(validate.outputLines.count == 1)
            #expect(
                validate.outputLines.first?.hasPrefix(
                    "changed: \(path): revision i002 was edited after it was applied on "
                ) == true
            )
            #expect(validate.standardError.contains("1 problem(s) between the version table and the revision files"))

            let upgrade = try project.migrate("upgrade")
            #expect(upgrade.status == .exited(4), "\(upgrade.combinedOutput)")
            #expect(
                upgrade.standardError.contains(
                    "the applied revisions do not match the files, so upgrade did not run:\n  changed: \(path): "
                        + "revision i002"
                )
            )
            #expect(upgrade.standardError.contains("pass --allow-changed"))
            #expect(upgrade.standardError.contains("`migrate validate --accept REV -m WHY`"))
            #expect(try project.tables() == project.expectedTables(["i001", "i002", "i003"]))
            let status = try project.migrate("status", "--exit-code")
            #expect(status.status == .exited(4))
            #expect(status.standardOutput.contains("problems (1):\n  changed: \(path): revision i002"))
            #expect(
                status.standardError.contains(
                    "error: 1 problem(s) between the version table and the revision files (listed above)"
                )
            )

            let allowed = try project.migrate("upgrade", "--allow-changed")
            #expect(allowed.status == .exited(0), "\(allowed.combinedOutput)")
            #expect(try project.tables() == project.expectedTables(["i001", "i002", "i003", "i004"]))
            // Allowing the change once does not bless it.
            #expect(try project.migrate("validate").status == .exited(4))
        }
    }

    @Test func acceptRecordsTheEditedChecksumWithWhoAndWhy() throws {
        try MigrateProject.with { project in
            var revisions = GeneratedRevision.chain(2, prefix: "k")
            try project.write(revisions)
            #expect(try project.migrate("upgrade").status == .exited(0))
            revisions[0].up += "-- a comment added on purpose\n"
            try project.write([revisions[0], GeneratedRevision("k003", parents: ["k002"])])
            #expect(try project.migrate("validate").status == .exited(4))

            // The reason is required.
            let withoutReason = try project.migrate("validate", "--accept", "k001")
            #expect(withoutReason.status == .exited(64), "\(withoutReason.combinedOutput)")
            #expect(withoutReason.standardError.contains("--accept needs -m MESSAGE"))
            let notApplied = try project.migrate("validate", "--accept", "k003", "-m", "why")
            #expect(notApplied.status == .exited(2), "\(notApplied.combinedOutput)")
            #expect(notApplied.standardError.contains("revision k003 is not applied"))

            let accept = try project.migrate("validate", "--accept", "k001", "-m", "comment only, nothing to re-run")
            #expect(accept.status == .exited(0), "\(accept.combinedOutput)")
            #expect(accept.standardError.contains("accepted k001 as edited in "))
            #expect(accept.standardError.contains("ok: 2 applied revision(s) match their files"))
            let entry = try project.rows(
                "SELECT event, revision, detail, performed_by = current_user, client_host IS NOT NULL "
                    + "FROM schema_migrations_log ORDER BY id DESC LIMIT 1"
            )
            #expect(entry.first?[0] == "stamp")
            #expect(entry.first?[1] == "k001")
            #expect(entry.first?[2]?.hasPrefix("accepted the edited file \(revisions[0].fileName): checksum ") == true)
            #expect(entry.first?[2]?.hasSuffix("; reason: comment only, nothing to re-run") == true)
            #expect(entry.first?[3] == "t")
            #expect(entry.first?[4] == "t")

            // Accepted for good: no --allow-changed needed, now or on the next run.
            #expect(try project.migrate("validate").status == .exited(0))
            let upgrade = try project.migrate("upgrade")
            #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
            #expect(try project.migrate("validate").status == .exited(0))
            let again = try project.migrate("validate", "--accept", "k001", "-m", "twice")
            #expect(again.standardError.contains("revision k001 already matches its file: nothing to accept"))
        }
    }

    @Test func downgradeWithoutTheFileUsesTheStoredDownSQL() throws {
        try MigrateProject.with { project in
            let revisions = GeneratedRevision.chain(3, prefix: "d")
            try project.write(revisions)
            #expect(try project.migrate("upgrade").status == .exited(0))
            project.directory.delete(revisions[2].relativePath)

            let current = try project.migrate("current")
            #expect(current.outputLines == ["d003 (no file here) Revision d003"])
            let upgrade = try project.migrate("upgrade")
            #expect(upgrade.status == .exited(4))
            #expect(
                upgrade.standardError.contains(
                    "missing: revision d003 (Revision d003) is applied but no file declares it (it was "
                        + "\(revisions[2].fileName))"
                )
            )
            let validate = try project.migrate("validate")
            #expect(validate.status == .exited(4))

            let down = try project.migrate("downgrade", "d001")
            #expect(down.status == .exited(0), "\(down.combinedOutput)")
            #expect(
                down.standardError.contains(
                    "revision d003 has no file here: using the down SQL stored when it was applied"
                )
            )
            #expect(down.standardError.contains("reverted d003"))
            #expect(down.standardError.contains("reverted d002"))
            #expect(!down.standardError.contains("revision d002 has no file here"))
            #expect(try project.tables() == ["t_d001"])
            #expect(try project.current() == ["d001"])
            #expect(try project.migrate("validate").status == .exited(0))
        }
    }

    @Test func downgradeThroughAMergeWhoseFileIsGone() throws {
        try MigrateProject.with { project in
            let merge = GeneratedRevision.merge("m001", parents: ["a001", "b001"])
            let tip = GeneratedRevision("c001", parents: ["m001"])
            try project.write([GeneratedRevision("a001"), GeneratedRevision("b001"), merge, tip])
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            project.directory.delete(merge.relativePath)
            project.directory.delete(tip.relativePath)

            // With the merge and its child gone, the database is at c001 alone, not also at a001 and b001.
            #expect(try project.current() == ["c001"])
            let down = try project.migrate("downgrade", "base")
            #expect(down.status == .exited(0), "\(down.combinedOutput)")
            #expect(
                down.standardError.contains(
                    "revision m001 has no file here: using the down SQL stored when it was applied"
                )
            )
            #expect(try project.tables().isEmpty)
            #expect(try project.versionRows().isEmpty)
        }
    }
}
