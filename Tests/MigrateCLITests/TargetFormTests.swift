import MigrateTestSupport
import Testing

/// Every upgrade and downgrade target form, through the built binary, on a linear history.
@Suite struct TargetFormTests {
    /// c001 (labelled `core`) → c002 → … → c005 → f6a7b8c9d0e1.
    static let history: [GeneratedRevision] = {
        var revisions = GeneratedRevision.chain(5, prefix: "c")
        revisions[0].branchLabels = ["core"]
        revisions.append(GeneratedRevision("f6a7b8c9d0e1", parents: ["c005"]))
        return revisions
    }()

    static let ids = history.map(\.id)

    /// The ids up to and including `id`.
    static func through(_ id: String) -> [String] {
        Array(ids[...ids.firstIndex(of: id)!])
    }

    @Test func everyUpgradeAndDowngradeForm() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)

            func step(_ arguments: String..., expect revision: String?, line: String) throws {
                let output = try project.migrate(arguments: arguments)
                #expect(output.status == .exited(0), "\(arguments.joined(separator: " ")): \(output.combinedOutput)")
                #expect(
                    output.standardError.contains(line),
                    "\(arguments.joined(separator: " ")): \(output.standardError)"
                )
                #expect(try project.current() == (revision.map { [$0] } ?? []), "after \(arguments)")
                let applied = revision.map(Self.through) ?? []
                #expect(try project.tables() == project.expectedTables(applied), "after \(arguments)")
            }

            try step("upgrade", "c002", expect: "c002", line: "upgraded to c002 (Revision c002): 2 revision(s)")
            try step("upgrade", "+1", expect: "c003", line: "applied c003")
            try step("upgrade", "c003+2", expect: "c005", line: "upgraded to c005 (Revision c005): 2 revision(s)")
            try step("upgrade", "f6a7", expect: "f6a7b8c9d0e1", line: "applied f6a7b8c9d0e1")
            try step("downgrade", "-1", expect: "c005", line: "reverted f6a7b8c9d0e1")
            try step("downgrade", "c003", expect: "c003", line: "downgraded to c003 (Revision c003): 2 revision(s)")
            try step("downgrade", "c003-1", expect: "c002", line: "reverted c003")
            try step(
                "upgrade",
                "core@head",
                expect: "f6a7b8c9d0e1",
                line: "upgraded to f6a7b8c9d0e1 (Revision f6a7b8c9d0e1): 4 revision(s)"
            )
            try step("downgrade", "core@-2", expect: "c004", line: "downgraded to c004 (Revision c004): 2 revision(s)")
            try step(
                "upgrade",
                "head",
                expect: "f6a7b8c9d0e1",
                line: "upgraded to f6a7b8c9d0e1 (Revision f6a7b8c9d0e1): 2 revision(s)"
            )
            try step("upgrade", "heads", expect: "f6a7b8c9d0e1", line: "nothing to do: the database is already there")
            try step("downgrade", "base", expect: nil, line: "downgraded to base: 6 revision(s)")
            try step(
                "upgrade",
                expect: "f6a7b8c9d0e1",
                line: "upgraded to f6a7b8c9d0e1 (Revision f6a7b8c9d0e1): 6 revision(s)"
            )
        }
    }

    @Test(arguments: [
        (["upgrade", "base"], "is a downgrade target"),
        (["upgrade", "-1"], "`-1` is a downgrade target"),
        (["downgrade", "+1"], "is an upgrade target"),
        (["upgrade", "nosuchrev"], "nosuchrev"),
        (["upgrade", "c00"], "ambiguous"),
        (["upgrade", "c005+3"], "goes past the last revision"),
        (["downgrade", "-9"], "goes below the first applied revision"),
    ])
    func targetsThatNameNothingExit2(arguments: [String], message: String) throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            #expect(try project.migrate("upgrade", "c002").status == .exited(0))
            let output = try project.migrate(arguments: arguments)
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains(message), "\(output.standardError)")
            // Refused before anything is announced or run.
            #expect(!output.standardError.contains("applying"), "\(output.standardError)")
            #expect(try project.current() == ["c002"])
        }
    }
}
