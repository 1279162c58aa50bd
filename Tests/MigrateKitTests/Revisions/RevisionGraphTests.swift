import MigrateKit
import Testing

/// Shared graphs for the graph and plan tests.
enum SampleGraphs {
    /// ```
    /// r1 ─ r2 ─ r3 ────────── m6
    ///        └─ r4 (feat) ─ r5 ┘
    /// ```
    static func branchAndMerge() throws -> RevisionGraph {
        try RevisionGraph([
            RevisionFixtures.revision("m6", "r3", "r5"),
            RevisionFixtures.revision("r5", "r4"),
            RevisionFixtures.revision("r4", "r2", labels: ["feat"]),
            RevisionFixtures.revision("r3", "r2"),
            RevisionFixtures.revision("r2", "r1"),
            RevisionFixtures.revision("r1"),
        ])
    }

    /// Two independent lines; `b1` depends on `a1`, `b2` on `a2`:
    /// ```
    /// a1 (core) ─ a2
    /// b1 (auth) ─ b2
    /// ```
    static func twoLinesWithDependencies() throws -> RevisionGraph {
        try RevisionGraph([
            RevisionFixtures.revision("b2", "b1", dependsOn: ["a2"]),
            RevisionFixtures.revision("b1", labels: ["auth"], dependsOn: ["core"]),
            RevisionFixtures.revision("a2", "a1"),
            RevisionFixtures.revision("a1", labels: ["core"]),
        ])
    }

    /// `r1 ─ r2 ─ r3`
    static func linear() throws -> RevisionGraph {
        try RevisionGraph([
            RevisionFixtures.revision("r3", "r2"),
            RevisionFixtures.revision("r2", "r1"),
            RevisionFixtures.revision("r1"),
        ])
    }
}

@Suite("RevisionGraph")
struct RevisionGraphTests {
    private func ids(_ revisions: [Revision]) -> [String] { revisions.map(\.id) }

    // MARK: - Shape

    @Test func topologicalOrderPutsParentsFirst() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(ids(graph.revisions) == ["r1", "r2", "r3", "r4", "r5", "m6"])
    }

    @Test func headsBasesBranchAndMergePoints() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(ids(graph.heads) == ["m6"])
        #expect(ids(graph.bases) == ["r1"])
        #expect(ids(graph.branchPoints) == ["r2"])
        #expect(ids(graph.mergePoints) == ["m6"])
        #expect(try ids(graph.children(of: "r2")) == ["r3", "r4"])
    }

    @Test func dependsOnDoesNotMakeAChild() throws {
        let graph = try SampleGraphs.twoLinesWithDependencies()
        #expect(ids(graph.heads) == ["a2", "b2"])
        #expect(ids(graph.bases) == ["a1", "b1"])
        #expect(graph.branchPoints.isEmpty)
        #expect(try ids(graph.dependencies(of: "b1")) == ["a1"])  // through the label `core`
        #expect(ids(graph.revisions) == ["a1", "a2", "b1", "b2"])
    }

    @Test func tieBreakIsCreatedThenID() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("zz1", created: "2026-01-01T00:00:00Z"),
            RevisionFixtures.revision("aa1", created: "2026-01-02T00:00:00Z"),
            RevisionFixtures.revision("mm1"),  // no `created`: counts as oldest
            RevisionFixtures.revision("bb1", created: "2026-01-01T00:00:00Z"),
            RevisionFixtures.revision("cc1", "aa1", created: "2025-01-01T00:00:00Z"),
        ])
        #expect(ids(graph.revisions) == ["mm1", "bb1", "zz1", "aa1", "cc1"])
    }

    @Test func orderIsIndependentOfInputOrder() throws {
        let revisions = try [
            RevisionFixtures.revision("r1"), RevisionFixtures.revision("r2", "r1"),
            RevisionFixtures.revision("x9", "r1"), RevisionFixtures.revision("k3", "r2", "x9"),
            RevisionFixtures.revision("d4", dependsOn: ["x9"]),
        ]
        let expected = ids(try RevisionGraph(revisions).revisions)
        #expect(expected == ["r1", "r2", "x9", "d4", "k3"])
        #expect(ids(try RevisionGraph(revisions.reversed()).revisions) == expected)
        #expect(
            ids(try RevisionGraph([revisions[3], revisions[0], revisions[4], revisions[2], revisions[1]]).revisions)
                == expected
        )
    }

    // MARK: - Labels and references

    @Test func labelsResolveToTheirRevision() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(graph.revision(labelled: "feat")?.id == "r4")
        #expect(graph.branchLabels == ["feat": "r4"])
        #expect(try graph.resolve("feat").id == "r4")
    }

    @Test func referencesResolveByIDThenLabelThenPrefix() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("abc123"),
            RevisionFixtures.revision("abd456", "abc123", labels: ["abc"]),
            RevisionFixtures.revision("ffe789", "abd456"),
        ])
        #expect(try graph.resolve("abc123").id == "abc123")
        #expect(try graph.resolve("abc").id == "abd456")  // the label wins over the prefix
        #expect(try graph.resolve("ffe").id == "ffe789")
        let ambiguous = #expect(throws: MigrateError.self) { try graph.resolve("ab") }
        #expect(ambiguous?.message.contains("id prefixes need at least 3 characters") == true)
        let unknown = #expect(throws: MigrateError.self) { try graph.resolve("0000") }
        #expect(unknown?.code == .target)
        #expect(unknown?.message == "no revision has the id, label or id prefix `0000`")
    }

    @Test func ambiguousPrefixListsCandidates() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("abc123"),
            RevisionFixtures.revision("abc456", "abc123"),
        ])
        let error = #expect(throws: MigrateError.self) { try graph.resolve("abc") }
        #expect(error?.code == .target)
        #expect(error?.message == "`abc` is ambiguous: it begins 2 revision ids (abc123, abc456)")
    }

    // MARK: - Ancestry

    @Test func ancestorsAndDescendants() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(try ids(graph.ancestors(of: "m6")) == ["r1", "r2", "r3", "r4", "r5"])
        #expect(try ids(graph.ancestors(of: "r5")) == ["r1", "r2", "r4"])
        #expect(try ids(graph.descendants(of: "r2")) == ["r3", "r4", "r5", "m6"])
        #expect(try ids(graph.descendants(of: "r4")) == ["r5", "m6"])
        #expect(try graph.descendants(of: "m6").isEmpty)
        #expect(throws: MigrateError.self) { try graph.ancestors(of: "nope") }
    }

    @Test func ancestryFollowsDependenciesUnlessAskedNotTo() throws {
        let graph = try SampleGraphs.twoLinesWithDependencies()
        #expect(try ids(graph.ancestors(of: "b2")) == ["a1", "a2", "b1"])
        #expect(try ids(graph.ancestors(of: "b2", followingDependencies: false)) == ["b1"])
        #expect(try ids(graph.descendants(of: "a1")) == ["a2", "b1", "b2"])
        #expect(try ids(graph.descendants(of: "a1", followingDependencies: false)) == ["a2"])
    }

    @Test func currentHeadsAndUnknownRevisions() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(ids(graph.currentHeads(applied: ["r1", "r2", "r3", "r4"])) == ["r3", "r4"])
        #expect(ids(graph.currentHeads(applied: ["r1", "r2", "gone"])) == ["r2"])
        #expect(graph.currentHeads(applied: []).isEmpty)
        #expect(graph.unknownRevisions(in: ["r1", "zz", "gone"]) == ["gone", "zz"])
    }

    // MARK: - History

    @Test func historyIsNewestFirstLikeAlembic() throws {
        let graph = try SampleGraphs.branchAndMerge()
        let lines = graph.history(applied: ["r1", "r2", "r3"]).map(\.description)
        #expect(
            lines == [
                "r3, r5 -> m6 (head) (mergepoint), Revision m6",
                "r4 -> r5, Revision r5",
                "r2 -> r4 (feat), Revision r4",
                "r2 -> r3 (current), Revision r3",
                "r1 -> r2 (branchpoint), Revision r2",
                "<base> -> r1, Revision r1",
            ]
        )
    }

    // MARK: - Validation

    @Test func duplicateIDsNameBothFiles() throws {
        let first = try RevisionFile.parse(
            RevisionFixtures.text("abc"),
            path: "versions/abc_first.sql"
        )
        let second = try RevisionFile.parse(RevisionFixtures.text("abc"), path: "versions/abc_second.sql")
        let error = #expect(throws: MigrateError.self) { try RevisionGraph([second, first]) }
        #expect(error?.code == .revisionGraph)
        #expect(
            error?.message == "two files claim revision `abc`: versions/abc_first.sql and versions/abc_second.sql"
        )
    }

    @Test func unknownParentNamesTheFileAndLine() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([RevisionFixtures.revision("r1"), RevisionFixtures.revision("r2", "r0")])
        }
        #expect(error?.code == .revisionGraph)
        #expect(error?.location == MigrateKit.SourceLocation(file: "versions/r2_revision_r2.sql", line: 2))
        #expect(error?.message == "revision `r2` has `down_revision` `r0`, but no file declares revision `r0`")
    }

    @Test func unknownDependencyNamesTheFileAndLine() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([
                RevisionFixtures.revision("r1"), RevisionFixtures.revision("r2", "r1", dependsOn: ["zzz"]),
            ])
        }
        #expect(error?.code == .revisionGraph)
        #expect(error?.location == MigrateKit.SourceLocation(file: "versions/r2_revision_r2.sql", line: 4))
        #expect(error?.message.hasPrefix("revision `r2` has `depends_on` `zzz`: no revision has the id") == true)
    }

    @Test func ambiguousDependencyPrefix() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([
                RevisionFixtures.revision("abc1"), RevisionFixtures.revision("abc2"),
                RevisionFixtures.revision("zzz", dependsOn: ["abc"]),
            ])
        }
        #expect(error?.code == .revisionGraph)
        #expect(error?.message.contains("`abc` is ambiguous: it begins 2 revision ids (abc1, abc2)") == true)
    }

    @Test func cycleThroughParentsNamesItsRevisions() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([
                RevisionFixtures.revision("r1"), RevisionFixtures.revision("c2", "c4"),
                RevisionFixtures.revision("c3", "c2"), RevisionFixtures.revision("c4", "c3"),
                RevisionFixtures.revision("r5", "c4"),
            ])
        }
        #expect(error?.code == .revisionGraph)
        #expect(
            error?.message == "revisions form a cycle: `c2` → `c3` → `c4` → `c2` (each must come before the next "
                + "through `down_revision`); files: versions/c2_revision_c2.sql, versions/c3_revision_c3.sql, "
                + "versions/c4_revision_c4.sql"
        )
        #expect(error?.location?.file == "versions/c2_revision_c2.sql")
    }

    @Test func cycleThroughDependsOn() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([
                RevisionFixtures.revision("a1", dependsOn: ["b2"]), RevisionFixtures.revision("a2", "a1"),
                RevisionFixtures.revision("b1", dependsOn: ["a2"]), RevisionFixtures.revision("b2", "b1"),
            ])
        }
        #expect(
            error?.message == "revisions form a cycle: `a1` → `a2` → `b1` → `b2` → `a1` (each must come "
                + "before the next through `down_revision` or `depends_on`); files: versions/a1_revision_a1.sql, "
                + "versions/a2_revision_a2.sql, versions/b1_revision_b1.sql, versions/b2_revision_b2.sql"
        )
    }

    @Test func labelDeclaredTwice() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([
                RevisionFixtures.revision("r1", labels: ["x"]), RevisionFixtures.revision("r2", "r1", labels: ["x"]),
            ])
        }
        #expect(error?.code == .revisionGraph)
        #expect(error?.message.hasPrefix("branch label `x` is declared by both `r1`") == true)
        #expect(error?.location?.line == 4)
    }

    @Test func labelEqualToAnID() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionGraph([RevisionFixtures.revision("r1", labels: ["r2"]), RevisionFixtures.revision("r2", "r1")])
        }
        #expect(error?.message.contains("is also a revision id") == true)
    }

    @Test func emptyUpSectionOutsideAMergeIsRejected() throws {
        var revision = try RevisionFixtures.revision("r1")
        revision.up = RevisionSection(text: "-- nothing\n", firstLine: 6, containsSQL: false)
        let error = #expect(throws: MigrateError.self) { try RevisionGraph([revision]) }
        #expect(error?.code == .revisionGraph)
        #expect(error?.location?.line == 5)
        #expect(error?.message.contains("has no SQL in its up section") == true)
    }

    @Test func emptyGraph() throws {
        let graph = try RevisionGraph([])
        #expect(graph.revisions.isEmpty)
        #expect(graph.heads.isEmpty)
        #expect(graph.history().isEmpty)
    }
}
