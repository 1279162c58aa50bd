import MigrateKit
import Testing

@Suite("MigrationPlan: upgrade")
struct UpgradePlanTests {
    private func upgrade(_ graph: RevisionGraph, _ target: String, from applied: Set<String>) throws -> [String] {
        let plan = try graph.upgradePlan(to: target, applied: applied)
        #expect(plan.direction == .upgrade)
        #expect(plan.appliedAfter == applied.union(plan.revisionIDs))
        #expect(plan.steps.allSatisfy { $0.revision?.id == $0.revisionID })
        return plan.revisionIDs
    }

    private func upgradeError(
        _ graph: RevisionGraph,
        _ target: String,
        from applied: Set<String>,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> MigrateError? {
        let error = #expect(throws: MigrateError.self, sourceLocation: sourceLocation) {
            try graph.upgradePlan(to: target, applied: applied)
        }
        #expect(error?.code == .target, sourceLocation: sourceLocation)
        return error
    }

    @Test func headAppliesEverythingMissingInOrder() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(try upgrade(graph, "head", from: []) == ["r1", "r2", "r3", "r4", "r5", "m6"])
        #expect(try upgrade(graph, "head", from: ["r1", "r2", "r3"]) == ["r4", "r5", "m6"])
        #expect(try upgrade(graph, "head", from: ["r1", "r2", "r3", "r4", "r5", "m6"]) == [])
    }

    @Test func headWithSeveralHeadsListsThemAndSuggestsWhatToDo() throws {
        let error = upgradeError(try SampleGraphs.twoLinesWithDependencies(), "head", from: [])
        #expect(error?.message == "`head` is ambiguous: there are 2 heads: `a2`, `b2`")
        #expect(error?.hint?.contains("`heads`") == true)
        #expect(error?.hint?.contains("`migrate merge`") == true)
    }

    @Test func headOfAnEmptyGraph() throws {
        let error = upgradeError(try RevisionGraph([]), "head", from: [])
        #expect(error?.message == "`head` names nothing: there are no revisions")
    }

    @Test func headsAppliesEveryLineWithItsDependencies() throws {
        let graph = try SampleGraphs.twoLinesWithDependencies()
        #expect(try upgrade(graph, "heads", from: []) == ["a1", "a2", "b1", "b2"])
        #expect(try upgrade(graph, "heads", from: ["a1", "b1"]) == ["a2", "b2"])
    }

    @Test func revisionTargetBringsItsAncestorsAndDependencies() throws {
        let graph = try SampleGraphs.twoLinesWithDependencies()
        #expect(try upgrade(graph, "b1", from: []) == ["a1", "b1"])
        #expect(try upgrade(graph, "b2", from: []) == ["a1", "a2", "b1", "b2"])
        #expect(try upgrade(graph, "b2", from: ["a1", "a2"]) == ["b1", "b2"])
        // A target already applied, or below what is applied: nothing to do.
        #expect(try upgrade(graph, "a1", from: ["a1", "a2"]) == [])
    }

    @Test func revisionByUniquePrefix() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("abc123"), RevisionFixtures.revision("abd456", "abc123"),
            RevisionFixtures.revision("abd789", "abc123"),
        ])
        #expect(try upgrade(graph, "abd4", from: []) == ["abc123", "abd456"])
        #expect(try upgrade(graph, "abc", from: []) == ["abc123"])
        let ambiguous = upgradeError(graph, "abd", from: [])
        #expect(ambiguous?.message == "`abd` is ambiguous: it begins 2 revision ids (abd456, abd789)")
        let unknown = upgradeError(graph, "fff000", from: [])
        #expect(unknown?.message == "no revision has the id, label or id prefix `fff000`")
        let short = upgradeError(graph, "ab", from: [])
        #expect(short?.message.contains("id prefixes need at least 3 characters") == true)
    }

    @Test func plusNFollowsTheOnlyPath() throws {
        let linear = try SampleGraphs.linear()
        #expect(try upgrade(linear, "+1", from: []) == ["r1"])
        #expect(try upgrade(linear, "+2", from: ["r1"]) == ["r2", "r3"])
        let graph = try SampleGraphs.branchAndMerge()
        #expect(try upgrade(graph, "+1", from: ["r1"]) == ["r2"])
    }

    @Test func plusNPastTheHead() throws {
        let error = upgradeError(try SampleGraphs.linear(), "+2", from: ["r1", "r2"])
        #expect(error?.message == "`+2` goes past the last revision: `r3` is a head, reached after 1 step(s)")
    }

    @Test func plusNAtABranchPointIsAmbiguous() throws {
        let error = upgradeError(try SampleGraphs.branchAndMerge(), "+2", from: ["r1"])
        #expect(error?.message == "`+2` is ambiguous: history splits after `r2` into `r3`, `r4`")
        #expect(error?.hint?.contains("`label@+N`") == true)
    }

    @Test func plusNFromSeveralCurrentHeadsIsAmbiguous() throws {
        let error = upgradeError(try SampleGraphs.branchAndMerge(), "+1", from: ["r1", "r2", "r3", "r4"])
        #expect(error?.message == "`+1` is ambiguous: the database is at 2 heads: `r3`, `r4`")
    }

    @Test func plusNFromNothingWithSeveralBases() throws {
        let error = upgradeError(try SampleGraphs.twoLinesWithDependencies(), "+1", from: [])
        #expect(error?.message == "`+1` is ambiguous: nothing is applied and there are 2 base revisions: `a1`, `b1`")
    }

    @Test func revisionPlusAndMinusN() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(try upgrade(graph, "r4+1", from: ["r1", "r2"]) == ["r4", "r5"])
        #expect(try upgrade(graph, "r5+1", from: ["r1", "r2", "r4", "r5"]) == ["r3", "m6"])
        #expect(try upgrade(graph, "r3-1", from: []) == ["r1", "r2"])
        #expect(try upgrade(graph, "feat+1", from: ["r1", "r2"]) == ["r4", "r5"])
        let merge = upgradeError(graph, "m6-1", from: [])
        #expect(merge?.message == "`m6-1` is ambiguous: `m6` is a merge of `r3`, `r5`")
        let split = upgradeError(graph, "r2+1", from: [])
        #expect(split?.message == "`r2+1` is ambiguous: history splits after `r2` into `r3`, `r4`")
    }

    @Test func labelAtHeadIsTheHeadOfTheLabelledBranch() throws {
        let graph = try SampleGraphs.twoLinesWithDependencies()
        #expect(try upgrade(graph, "core@head", from: []) == ["a1", "a2"])
        #expect(try upgrade(graph, "auth@head", from: ["a1"]) == ["a2", "b1", "b2"])
        let merged = try SampleGraphs.branchAndMerge()
        #expect(try upgrade(merged, "feat@head", from: ["r1", "r2", "r3"]) == ["r4", "r5", "m6"])
    }

    @Test func labelAtHeadWhenTheBranchSplits() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("r1"), RevisionFixtures.revision("r2", "r1", labels: ["x"]),
            RevisionFixtures.revision("r3", "r2"), RevisionFixtures.revision("r4", "r2"),
        ])
        let error = upgradeError(graph, "x@head", from: [])
        #expect(error?.message == "`x@head` is ambiguous: history splits after `r2` into 2 heads: `r3`, `r4`")
    }

    @Test func labelAtPlusNStepsAlongThatBranch() throws {
        let graph = try SampleGraphs.branchAndMerge()
        // The database is on the other branch (r3); `feat` starts above the shared r2.
        #expect(try upgrade(graph, "feat@+1", from: ["r1", "r2", "r3"]) == ["r4"])
        #expect(try upgrade(graph, "feat@+3", from: ["r1", "r2", "r3"]) == ["r4", "r5", "m6"])
        #expect(try upgrade(graph, "feat@+2", from: []) == ["r1", "r2"])
        let error = upgradeError(graph, "feat@+4", from: ["r1", "r2", "r3"])
        #expect(error?.message == "`feat@+4` goes past the last revision: `m6` is a head, reached after 3 step(s)")
    }

    @Test(arguments: ["base", "-1", "feat@base", "feat@-1"])
    func downgradeTargetsAreRefused(target: String) throws {
        let error = upgradeError(try SampleGraphs.branchAndMerge(), target, from: ["r1"])
        #expect(error?.message.hasPrefix("`\(target)` is a downgrade target; expected an upgrade target") == true)
        #expect(error?.hint == "to go down, use `migrate downgrade \(target)`")
    }

    @Test func appliedRevisionsWithoutFilesAreLeftAlone() throws {
        let plan = try SampleGraphs.linear().upgradePlan(to: "head", applied: ["r1", "gone"])
        #expect(plan.revisionIDs == ["r2", "r3"])
        #expect(plan.unknownApplied == ["gone"])
        #expect(plan.appliedAfter == ["r1", "r2", "r3", "gone"])
    }

    @Test func gapsInTheAppliedSetAreFilled() throws {
        // r2 applied without r1 (e.g. after a careless stamp): upgrading still applies r1, and not r2 again.
        #expect(try upgrade(try SampleGraphs.linear(), "head", from: ["r2"]) == ["r1", "r3"])
    }
}

@Suite("MigrationPlan: downgrade")
struct DowngradePlanTests {
    private let all: Set<String> = ["r1", "r2", "r3", "r4", "r5", "m6"]

    private func downgrade(
        _ graph: RevisionGraph,
        _ target: String,
        from applied: Set<String>,
        recordedParents: [String: [String]] = [:]
    ) throws -> [String] {
        let plan = try graph.downgradePlan(to: target, applied: applied, recordedParents: recordedParents)
        #expect(plan.direction == .downgrade)
        #expect(plan.appliedAfter == applied.subtracting(plan.revisionIDs))
        // Never leave applied a revision that needs a removed one.
        for id in plan.appliedAfter where graph.contains(id) {
            let needs = try graph.ancestors(of: id).map(\.id)
            #expect(Set(needs).isDisjoint(with: plan.revisionIDs), "\(id) stays but needs a removed revision")
        }
        return plan.revisionIDs
    }

    private func downgradeError(
        _ graph: RevisionGraph,
        _ target: String,
        from applied: Set<String>,
        recordedParents: [String: [String]] = [:],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> MigrateError? {
        let error = #expect(throws: MigrateError.self, sourceLocation: sourceLocation) {
            try graph.downgradePlan(to: target, applied: applied, recordedParents: recordedParents)
        }
        #expect(error?.code == .target, sourceLocation: sourceLocation)
        return error
    }

    @Test func baseUnappliesEverythingChildrenFirst() throws {
        #expect(
            try downgrade(try SampleGraphs.branchAndMerge(), "base", from: all) == ["m6", "r5", "r4", "r3", "r2", "r1"]
        )
        #expect(try downgrade(try SampleGraphs.linear(), "base", from: []) == [])
    }

    @Test func revisionTargetStaysAndEverythingNeedingItGoes() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(try downgrade(graph, "r2", from: all) == ["m6", "r5", "r4", "r3"])
        #expect(try downgrade(graph, "r4", from: all) == ["m6", "r5"])
        #expect(try downgrade(graph, "r3", from: all) == ["m6"])
        #expect(try downgrade(graph, "feat", from: all) == ["m6", "r5"])
        #expect(try downgrade(graph, "r3", from: ["r1", "r2", "r3"]) == [])
    }

    @Test func dependentsOnOtherBranchesGoToo() throws {
        let graph = try SampleGraphs.twoLinesWithDependencies()
        let all: Set<String> = ["a1", "a2", "b1", "b2"]
        #expect(try downgrade(graph, "a1", from: all) == ["b2", "b1", "a2"])
        #expect(try downgrade(graph, "a2-1", from: all) == ["b2", "b1", "a2"])
        #expect(try downgrade(graph, "core@base", from: all) == ["b2", "b1", "a2", "a1"])
        #expect(try downgrade(graph, "auth@-1", from: all) == ["b2"])
        #expect(try downgrade(graph, "auth@base", from: all) == ["b2", "b1"])
    }

    @Test func targetThatIsNotApplied() throws {
        let error = downgradeError(try SampleGraphs.branchAndMerge(), "r4", from: ["r1", "r2", "r3"])
        #expect(error?.message == "revision `r4` is not applied, so there is nothing above it to downgrade")
    }

    @Test func minusNStepsDownFromTheCurrentHead() throws {
        let linear = try SampleGraphs.linear()
        let all: Set<String> = ["r1", "r2", "r3"]
        #expect(try downgrade(linear, "-1", from: all) == ["r3"])
        #expect(try downgrade(linear, "-2", from: all) == ["r3", "r2"])
        #expect(try downgrade(linear, "-3", from: all) == ["r3", "r2", "r1"])
        #expect(try downgrade(linear, "-1", from: ["r1", "r2"]) == ["r2"])
        let error = downgradeError(linear, "-4", from: all)
        #expect(
            error?.message
                == "`-4` goes below the first applied revision: only 3 applied revision(s) lead down from `r3`"
        )
    }

    @Test func minusOneAtAMergeUnappliesTheMergeOnly() throws {
        let graph = try SampleGraphs.branchAndMerge()
        #expect(try downgrade(graph, "-1", from: all) == ["m6"])
        let error = downgradeError(graph, "-2", from: all)
        #expect(error?.message == "`-2` is ambiguous: `m6` is a merge of `r3`, `r5`")
    }

    @Test func minusNWithSeveralCurrentHeadsAsksForABranch() throws {
        let error = downgradeError(try SampleGraphs.branchAndMerge(), "-1", from: ["r1", "r2", "r3", "r4"])
        #expect(error?.message == "`-1` is ambiguous: the database is at 2 heads: `r3`, `r4`")
        #expect(error?.hint?.contains("`label@-N`") == true)
        #expect(error?.hint?.contains("name the revision") == true)
    }

    @Test func minusNWithNothingApplied() throws {
        let error = downgradeError(try SampleGraphs.linear(), "-1", from: [])
        #expect(error?.message == "`-1` has nothing to downgrade: no revision is applied there")
    }

    @Test func revisionMinusN() throws {
        let linear = try SampleGraphs.linear()
        #expect(try downgrade(linear, "r3-1", from: ["r1", "r2", "r3"]) == ["r3"])
        #expect(try downgrade(linear, "r3-2", from: ["r1", "r2", "r3"]) == ["r3", "r2"])
        let error = downgradeError(linear, "r3-3", from: ["r1", "r2", "r3"])
        #expect(error?.message == "`r3-3` goes below the first revision: `r1` is a base, reached after 2 step(s)")
    }

    @Test func labelMinusNStaysOnItsBranch() throws {
        let graph = try SampleGraphs.branchAndMerge()
        let applied: Set<String> = ["r1", "r2", "r3", "r4", "r5"]
        #expect(try downgrade(graph, "feat@-1", from: applied) == ["r5"])
        #expect(try downgrade(graph, "feat@-2", from: applied) == ["r5", "r4"])
        // Going below the branch's first revision removes what needs the revision reached, other branch included.
        #expect(try downgrade(graph, "feat@-3", from: applied) == ["r5", "r4", "r3", "r2"])
        #expect(try downgrade(graph, "feat@base", from: applied) == ["r5", "r4"])
        let error = downgradeError(graph, "feat@-1", from: ["r1", "r2", "r3"])
        #expect(error?.message == "`feat@-1` has nothing to downgrade: no revision is applied there")
    }

    @Test func irreversibleRevisionStopsTheDowngrade() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("r1"), RevisionFixtures.revision("r2", "r1", down: ""),
            RevisionFixtures.revision("r3", "r2"),
        ])
        let applied: Set<String> = ["r1", "r2", "r3"]
        #expect(try downgrade(graph, "r2", from: applied) == ["r3"])
        let error = downgradeError(graph, "r1", from: applied)
        #expect(
            error?.message == "cannot downgrade to `r1`: revision `r2` is irreversible (its `-- migrate:down` "
                + "section is empty)"
        )
        #expect(error?.location == MigrateKit.SourceLocation(file: "versions/r2_revision_r2.sql", line: 7))
    }

    @Test(arguments: ["head", "heads", "+1", "feat@head", "feat@+1"])
    func upgradeTargetsAreRefused(target: String) throws {
        let error = downgradeError(try SampleGraphs.branchAndMerge(), target, from: all)
        #expect(error?.message.hasPrefix("`\(target)` is an upgrade target; expected a downgrade target") == true)
    }

    @Test func revisionPlusNNamesARevisionToKeep() throws {
        #expect(try downgrade(try SampleGraphs.branchAndMerge(), "r1+1", from: all) == ["m6", "r5", "r4", "r3"])
    }

    // MARK: - Applied revisions whose files are gone

    @Test func orphanWithRecordedParentIsPlacedInHistory() throws {
        let linear = try SampleGraphs.linear()
        let applied: Set<String> = ["r1", "r2", "r3", "gone"]
        let parents = ["gone": ["r3"]]
        let plan = try linear.downgradePlan(to: "-1", applied: applied, recordedParents: parents)
        #expect(plan.steps == [MigrationPlan.Step(revisionID: "gone", revision: nil)])
        #expect(plan.unknownApplied == ["gone"])
        #expect(try downgrade(linear, "r2", from: applied, recordedParents: parents) == ["gone", "r3"])
        #expect(try downgrade(linear, "-2", from: applied, recordedParents: parents) == ["gone", "r3"])
        #expect(try downgrade(linear, "base", from: applied, recordedParents: parents) == ["gone", "r3", "r2", "r1"])
    }

    @Test func orphanWithoutRecordedParentsGoesOnlyWithBase() throws {
        let linear = try SampleGraphs.linear()
        let applied: Set<String> = ["r1", "r2", "r3", "gone"]
        #expect(try downgrade(linear, "r1", from: applied) == ["r3", "r2"])
        #expect(try downgrade(linear, "base", from: applied) == ["gone", "r3", "r2", "r1"])
        let error = downgradeError(linear, "-1", from: applied)
        #expect(error?.message == "`-1` is ambiguous: the database is at 2 heads: `r3`, `gone` (no file)")
    }

    @Test func chainOfOrphans() throws {
        let linear = try SampleGraphs.linear()
        let applied: Set<String> = ["r1", "r2", "r3", "gone1", "gone2"]
        let parents = ["gone1": ["r3"], "gone2": ["gone1"]]
        #expect(try downgrade(linear, "-1", from: applied, recordedParents: parents) == ["gone2"])
        #expect(try downgrade(linear, "-3", from: applied, recordedParents: parents) == ["gone2", "gone1", "r3"])
        #expect(try downgrade(linear, "gone1", from: applied, recordedParents: parents) == ["gone2"])
        #expect(try downgrade(linear, "r1", from: applied, recordedParents: parents) == ["gone2", "gone1", "r3", "r2"])
    }
}
