import MigrateKit
import Testing

@Suite("StampPlan")
struct StampPlanTests {
    private func stamp(
        _ graph: RevisionGraph,
        _ target: String,
        from applied: Set<String>,
        recordedParents: [String: [String]] = [:]
    ) throws -> StampPlan {
        let plan = try graph.stampPlan(to: target, applied: applied, recordedParents: recordedParents)
        #expect(plan.appliedAfter == applied.subtracting(plan.removed).union(plan.added))
        #expect(Set(plan.added).isDisjoint(with: applied))
        #expect(Set(plan.removed).isSubset(of: applied))
        return plan
    }

    @Test func stampingARevisionMarksItAndItsAncestorsApplied() throws {
        let plan = try stamp(try SampleGraphs.branchAndMerge(), "r4", from: [])
        #expect(plan.added == ["r1", "r2", "r4"])
        #expect(plan.removed == [])
        #expect(plan.appliedAfter == ["r1", "r2", "r4"])
    }

    @Test func stampingIncludesDependencies() throws {
        let plan = try stamp(try SampleGraphs.twoLinesWithDependencies(), "b2", from: [])
        #expect(plan.added == ["a1", "a2", "b1", "b2"])
    }

    @Test func stampingDownForgetsWhatNeedsTheTarget() throws {
        let all: Set<String> = ["r1", "r2", "r3", "r4", "r5", "m6"]
        let plan = try stamp(try SampleGraphs.branchAndMerge(), "r2", from: all)
        #expect(plan.added == [])
        #expect(plan.removed == ["m6", "r5", "r4", "r3"])
        #expect(plan.appliedAfter == ["r1", "r2"])
    }

    @Test func stampingKeepsUnrelatedBranches() throws {
        let plan = try stamp(try SampleGraphs.branchAndMerge(), "r3", from: ["r1", "r2", "r4", "r5"])
        #expect(plan.added == ["r3"])
        #expect(plan.removed == [])
    }

    @Test func stampBaseClearsEverythingIncludingUnknownIDs() throws {
        let plan = try stamp(try SampleGraphs.linear(), "base", from: ["r1", "r2", "gone"])
        #expect(plan.removed == ["gone", "r2", "r1"])
        #expect(plan.appliedAfter.isEmpty)
    }

    @Test func stampHeadsAndHead() throws {
        #expect(
            try stamp(try SampleGraphs.twoLinesWithDependencies(), "heads", from: ["a1"]).added == ["a2", "b1", "b2"]
        )
        #expect(try stamp(try SampleGraphs.linear(), "head", from: ["r1"]).added == ["r2", "r3"])
        let error = #expect(throws: MigrateError.self) {
            try SampleGraphs.twoLinesWithDependencies().stampPlan(to: "head", applied: [])
        }
        #expect(error?.message == "`head` is ambiguous: there are 2 heads: `a2`, `b2`")
    }

    @Test func stampRelativeTargets() throws {
        let linear = try SampleGraphs.linear()
        #expect(try stamp(linear, "-1", from: ["r1", "r2", "r3"]).removed == ["r3"])
        #expect(try stamp(linear, "+2", from: ["r1"]).added == ["r2", "r3"])
        #expect(
            try stamp(try SampleGraphs.branchAndMerge(), "feat@base", from: ["r1", "r2", "r4", "r5"]).removed
                == ["r5", "r4"]
        )
    }

    @Test func stampIgnoresIrreversibility() throws {
        let graph = try RevisionGraph([
            RevisionFixtures.revision("r1"), RevisionFixtures.revision("r2", "r1", down: ""),
        ])
        let plan = try stamp(graph, "base", from: ["r1", "r2"])
        #expect(plan.removed == ["r2", "r1"])
    }

    @Test func stampThatChangesNothing() throws {
        let plan = try stamp(try SampleGraphs.linear(), "r3", from: ["r1", "r2", "r3"])
        #expect(plan.isEmpty)
    }

    @Test func stampingBelowAnOrphanWithRecordedParents() throws {
        let plan = try stamp(
            try SampleGraphs.linear(),
            "r2",
            from: ["r1", "r2", "r3", "gone"],
            recordedParents: ["gone": ["r3"]]
        )
        #expect(plan.removed == ["gone", "r3"])
    }
}
