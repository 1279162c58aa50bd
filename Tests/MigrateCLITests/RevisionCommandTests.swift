import Foundation
import MigrateTestSupport
import Testing

/// `migrate revision` and `migrate merge`: the files they write, and that those files run.
@Suite struct RevisionCommandTests {
    @Test func revisionOptionsAndMergeWriteAHistoryThatRuns() throws {
        try MigrateProject.with { project in
            // The first revision of a project is a root.
            let first = try project.migrateWithoutURL("revision", "-m", "Create users")
            #expect(first.status == .exited(0), "\(first.combinedOutput)")
            let firstPath = first.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(firstPath.hasPrefix(project.directory.absolute("migrations/versions/")))
            #expect(firstPath.hasSuffix("_create_users.sql"))
            let firstText = try String(contentsOfFile: firstPath, encoding: .utf8)
            #expect(firstText.contains("-- migrate:down_revision none\n"))
            #expect(firstText.contains("-- migrate:message Create users\n"))
            let firstID = String(firstPath.split(separator: "/").last!.prefix(12))
            #expect(firstID.count == 12 && firstID.allSatisfy(\.isHexDigit))
            // Until its up section has SQL, the new file does not load: the next command says so.
            let unfilled = try project.migrateWithoutURL("revision", "-m", "Too early")
            #expect(unfilled.status == .exited(2))
            #expect(unfilled.standardError.contains("has no SQL"))
            try fillRevision(atPath: firstPath, table: "users")

            // The parent is the head; --rev-id names the file.
            let second = try project.migrateWithoutURL("revision", "-m", "Add posts", "--rev-id", "b0b0b0b0b0b0")
            #expect(second.status == .exited(0), "\(second.combinedOutput)")
            let secondPath = project.directory.absolute("migrations/versions/b0b0b0b0b0b0_add_posts.sql")
            #expect(second.standardOutput == secondPath + "\n")
            #expect(
                try String(contentsOfFile: secondPath, encoding: .utf8).contains(
                    "-- migrate:down_revision \(firstID)\n"
                )
            )
            try fillRevision(atPath: secondPath, table: "posts")

            // --head must name a head unless --splice starts a branch.
            let notHead = try project.migrateWithoutURL("revision", "-m", "Branch", "--rev-id", "f1", "--head", firstID)
            #expect(notHead.status == .exited(2))
            #expect(notHead.standardError.contains("revision \(firstID) is not a head"))
            #expect(notHead.standardError.contains("--splice"))
            let branch = try project.migrateWithoutURL(
                "revision",
                "-m",
                "Branch",
                "--rev-id",
                "f1",
                "--head",
                firstID,
                "--splice",
                "--branch-label",
                "feature"
            )
            #expect(branch.status == .exited(0), "\(branch.combinedOutput)")
            let branchText = try String(
                contentsOfFile: project.directory.absolute("migrations/versions/f1_branch.sql"),
                encoding: .utf8
            )
            #expect(branchText.contains("-- migrate:down_revision \(firstID)\n"))
            #expect(branchText.contains("-- migrate:branch_labels feature\n"))
            try fillRevision(
                atPath: project.directory.absolute("migrations/versions/f1_branch.sql"),
                table: "feature_one"
            )

            // --head label@head follows the branch; --depends-on adds a prerequisite.
            let dependent = try project.migrateWithoutURL(
                "revision",
                "-m",
                "Needs posts",
                "--rev-id",
                "f2",
                "--head",
                "feature@head",
                "--depends-on",
                "b0b0b0b0b0b0"
            )
            #expect(dependent.status == .exited(0), "\(dependent.combinedOutput)")
            let dependentPath = project.directory.absolute("migrations/versions/f2_needs_posts.sql")
            let dependentText = try String(contentsOfFile: dependentPath, encoding: .utf8)
            #expect(dependentText.contains("-- migrate:down_revision f1\n"))
            #expect(dependentText.contains("-- migrate:depends_on b0b0b0b0b0b0\n"))
            try fillRevision(atPath: dependentPath, table: "feature_two")

            // Two heads now: a plain `revision` cannot pick a parent.
            let ambiguous = try project.migrateWithoutURL("revision", "-m", "Where")
            #expect(ambiguous.status == .exited(2))
            #expect(ambiguous.standardError.contains("there are 2 heads (b0b0b0b0b0b0, f2)"))
            #expect(ambiguous.standardError.contains("migrate merge"))

            let merge = try project.migrateWithoutURL("merge", "-m", "Join feature", "--rev-id", "e0", "heads")
            #expect(merge.status == .exited(0), "\(merge.combinedOutput)")
            let mergeText = try String(
                contentsOfFile: project.directory.absolute("migrations/versions/e0_join_feature.sql"),
                encoding: .utf8
            )
            #expect(mergeText.contains("-- migrate:down_revision b0b0b0b0b0b0, f2\n"))
            let heads = try project.migrateWithoutURL("heads")
            #expect(heads.outputLines == ["e0 (head) Join feature"])

            // The written history runs: f2 needs b0b0… through depends_on.
            let feature = try project.migrate("upgrade", "f2")
            #expect(feature.status == .exited(0), "\(feature.combinedOutput)")
            #expect(try project.tables() == ["users", "posts", "feature_one", "feature_two"])
            let afterFeature = try project.current()
            #expect(afterFeature == ["b0b0b0b0b0b0", "f2"])
            let head = try project.migrate("upgrade", "head")
            #expect(head.status == .exited(0), "\(head.combinedOutput)")
            #expect(try project.current() == ["e0"])
            let base = try project.migrate("downgrade", "base")
            #expect(base.status == .exited(0), "\(base.combinedOutput)")
            #expect(try project.tables().isEmpty)
        }
    }
}
