import Foundation
import MigrateTestSupport
import Testing

/// Expand and contract: `-- migrate:phase post` revisions wait for `upgrade --phase post`; `--phase pre` stops at
/// the first of them even when pre-deploy revisions follow it; status, current and check say which phase waits.
@Suite struct DeployPhaseTests {
    static func revisions() -> [GeneratedRevision] {
        var drop = GeneratedRevision(
            "p002",
            parents: ["p001"],
            message: "drop the old column",
            up: "ALTER TABLE t_p001 DROP COLUMN legacy;\n",
            down: "ALTER TABLE t_p001 ADD COLUMN legacy text;\n"
        )
        drop.isPostDeploy = true
        return [
            GeneratedRevision(
                "p001",
                up: "CREATE TABLE t_p001 (id integer PRIMARY KEY, legacy text);\n",
                down: "DROP TABLE t_p001;\n"
            ),
            drop,
            GeneratedRevision("p003", parents: ["p002"]),
        ]
    }

    @Test func preStopsAtTheFirstPostDeployRevisionAndPostAppliesTheRest() throws {
        try MigrateProject.with { project in
            try project.write(Self.revisions())

            let script = try project.migrate("upgrade", "--sql", "head", "--phase", "pre")
            #expect(script.status == .exited(0), "\(script.combinedOutput)")
            #expect(script.standardOutput.contains("CREATE TABLE t_p001"))
            #expect(!script.standardOutput.contains("DROP COLUMN legacy"))

            let pre = try project.migrate("upgrade", "head", "--phase", "pre")
            #expect(pre.status == .exited(0), "\(pre.combinedOutput)")
            #expect(pre.standardError.contains("stopping before the post-deploy revision p002 (2 revision(s) left)"))
            #expect(try project.versionRows().keys.sorted() == ["p001"])
            // A second pre-deploy run has nothing to do.
            #expect(try project.migrate("upgrade", "--phase", "pre").status == .exited(0))
            #expect(try project.versionRows().keys.sorted() == ["p001"])

            let status = try project.migrate("status")
            #expect(status.standardOutput.contains("p002  drop the old column"))
            #expect(status.standardOutput.contains("[post-deploy]"))
            let current = try project.migrate("current", "--check-heads")
            #expect(current.status == .exited(3))
            #expect(current.standardError.contains("2 revision(s) pending: p003 (pre-deploy); p002 (post-deploy)"))

            // In a post-deploy revision, dropping a column is what it is for: a note, not an error.
            let check = try project.migrate("check")
            #expect(check.status == .exited(0), "\(check.combinedOutput)")
            #expect(check.standardOutput.contains("[post-deploy]"))

            let post = try project.migrate("upgrade", "--phase", "post")
            #expect(post.status == .exited(0), "\(post.combinedOutput)")
            #expect(try project.versionRows().keys.sorted() == ["p001", "p002", "p003"])
        }
    }

    @Test func theSameDropInAPreDeployRevisionFailsTheCheck() throws {
        try MigrateProject.with { project in
            var revisions = Self.revisions()
            revisions[1].isPostDeploy = false
            try project.write(revisions)
            #expect(try project.migrate("upgrade", "p001").status == .exited(0))
            let check = try project.migrate("check")
            #expect(check.status == .exited(6), "\(check.combinedOutput)")
            #expect(check.standardOutput.contains("drop-column"))
        }
    }

    @Test func aRevisionWrittenForThePostDeployPhase() throws {
        try MigrateProject.with { project in
            let written = try project.migrate("revision", "-m", "contract", "--phase", "post")
            #expect(written.status == .exited(0), "\(written.combinedOutput)")
            let path = written.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\n-- migrate:phase post\n"))
            try text.replacingOccurrences(of: "-- Write the SQL that makes the change here.", with: "SELECT 1;")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let status = try project.migrate("status", "--json")
            #expect(status.standardOutput.contains("\"phase\""))
            #expect(status.standardOutput.contains("\"post\""))
            let bad = try project.migrate("upgrade", "--phase", "during")
            #expect(bad.status == .exited(64))
            #expect(bad.standardError.contains("error:"))
        }
    }
}
