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

            // Each step: the arguments, the revision current after it (nil: none) and a line it prints.
            let steps: [(arguments: [String], revision: String?, line: String)] = [
                (["upgrade", "c002"], "c002", "upgraded to c002 (Revision c002): 2 revision(s)"),
                (["upgrade", "+1"], "c003", "applied c003"),
                (["upgrade", "c003+2"], "c005", "upgraded to c005 (Revision c005): 2 revision(s)"),
                (["upgrade", "f6a7"], "f6a7b8c9d0e1", "applied f6a7b8c9d0e1"),
                (["downgrade", "-1"], "c005", "reverted f6a7b8c9d0e1"),
                (["downgrade", "c003"], "c003", "downgraded to c003 (Revision c003): 2 revision(s)"),
                (["downgrade", "c003-1"], "c002", "reverted c003"),
                (
                    ["upgrade", "core@head"], "f6a7b8c9d0e1",
                    "upgraded to f6a7b8c9d0e1 (Revision f6a7b8c9d0e1): 4 revision(s)"
                ),
                (["downgrade", "core@-2"], "c004", "downgraded to c004 (Revision c004): 2 revision(s)"),
                (
                    ["upgrade", "head"], "f6a7b8c9d0e1",
                    "upgraded to f6a7b8c9d0e1 (Revision f6a7b8c9d0e1): 2 revision(s)"
                ),
                (["upgrade", "heads"], "f6a7b8c9d0e1", "nothing to do: the database is already there"),
                (["downgrade", "base"], nil, "downgraded to base: 6 revision(s)"),
                (["upgrade"], "f6a7b8c9d0e1", "upgraded to f6a7b8c9d0e1 (Revision f6a7b8c9d0e1): 6 revision(s)"),
            ]
            for (arguments, revision, line) in steps {
                let command = arguments.joined(separator: " ")
                let output = try project.migrate(arguments: arguments)
                #expect(output.status == .exited(0), "\(command): \(output.combinedOutput)")
                #expect(output.standardError.contains(line), "\(command): \(output.standardError)")
                #expect(try project.current() == (revision.map { [$0] } ?? []), "after \(command)")
                let applied = revision.map(Self.through) ?? []
                #expect(try project.tables() == project.expectedTables(applied), "after \(command)")
            }
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
