import MigrateTestSupport
import Testing

/// Upgrading and downgrading a history that branches and merges.
@Suite struct BranchedHistoryTests {
    /// b001 → l001 (`left`) → l002, and b001 → r001 (`right`) → r002.
    static let branches: [GeneratedRevision] = {
        var left = GeneratedRevision.chain(2, prefix: "l", after: "b001")
        left[0].branchLabels = ["left"]
        var right = GeneratedRevision.chain(2, prefix: "r", after: "b001")
        right[0].branchLabels = ["right"]
        return [GeneratedRevision("b001")] + left + right
    }()

    @Test func upgradeHeadsDowngradeOneBranchThenMerge() throws {
        try MigrateProject.with { project in
            try project.write(Self.branches)

            func expectApplied(_ ids: [String], current: [String], _ comment: Comment) throws {
                #expect(try project.tables() == project.expectedTables(ids), comment)
                #expect(try project.current() == current, comment)
            }

            let ambiguous = try project.migrate("upgrade", "head")
            #expect(ambiguous.status == .exited(2), "\(ambiguous.combinedOutput)")
            #expect(ambiguous.standardError.contains("error: `head` is ambiguous: there are 2 heads: `l002`, `r002`"))
            #expect(
                ambiguous.standardError.contains(
                    "hint: use `heads` to apply all of them, or join them with `migrate merge`"
                )
            )
            try expectApplied([], current: [], "an ambiguous target applies nothing")

            #expect(try project.migrate("upgrade", "heads").status == .exited(0))
            try expectApplied(
                ["b001", "l001", "l002", "r001", "r002"],
                current: ["l002", "r002"],
                "after upgrade heads"
            )

            let leftBase = try project.migrate("downgrade", "left@base")
            #expect(leftBase.status == .exited(0), "\(leftBase.combinedOutput)")
            #expect(leftBase.standardError.contains("reverting 2 revisions"))
            try expectApplied(["b001", "r001", "r002"], current: ["r002"], "the right branch stays")

            #expect(try project.migrate("upgrade", "left@+1").status == .exited(0))
            try expectApplied(["b001", "l001", "r001", "r002"], current: ["l001", "r002"], "one step on the left")
            #expect(try project.migrate("downgrade", "right@-1").status == .exited(0))
            try expectApplied(["b001", "l001", "r001"], current: ["l001", "r001"], "one step back on the right")

            let relative = try project.migrate("downgrade", "-1")
            #expect(relative.status == .exited(2))
            #expect(relative.standardError.contains("is ambiguous: the database is at 2 heads"))

            let merge = try project.migrateWithoutURL("merge", "-m", "Join left and right", "--rev-id", "m001", "heads")
            #expect(merge.status == .exited(0), "\(merge.combinedOutput)")
            let up = try project.migrate("upgrade", "head")
            #expect(up.status == .exited(0), "\(up.combinedOutput)")
            #expect(up.standardError.contains("applying 3 revisions"))
            try expectApplied(["b001", "l001", "l002", "r001", "r002"], current: ["m001"], "merged")

            // Down to r001: what needs r002 (r002 and the merge) goes; the left branch stays.
            let toR001 = try project.migrate("downgrade", "r001")
            #expect(toR001.status == .exited(0), "\(toR001.combinedOutput)")
            #expect(toR001.standardError.contains("reverted m001"))
            #expect(toR001.standardError.contains("reverted r002"))
            try expectApplied(["b001", "l001", "l002", "r001"], current: ["l002", "r001"], "down to r001")

            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            #expect(try project.migrate("downgrade", "b001").status == .exited(0))
            try expectApplied(["b001"], current: ["b001"], "down to the root")
        }
    }
}
