import Testing

@testable import MigrateKit

@Suite struct StepOrderingTests {
    let table = PlanStep.ID(key: .table(ObjectName("public", "t")), phase: .create)
    let view = PlanStep.ID(key: .view(ObjectName("public", "a_view")), phase: .create)
    let dropIndex = PlanStep.ID(key: .index(ObjectName("public", "z_idx")), phase: .drop)
    let schema = PlanStep.ID(key: .schema("app"), phase: .create)

    @Test func edgesWinOverKindOrder() {
        var ordering = StepOrdering()
        // The view sorts after the table by kind; an edge puts it first anyway.
        let sorted = ordering.sort([table, view], edges: [(view, table)])
        #expect(sorted == [view, table])
        #expect(ordering.cycles.isEmpty)
    }

    @Test func withoutEdgesDropsComeFirstThenKindOrder() {
        var ordering = StepOrdering()
        let sorted = ordering.sort([view, table, dropIndex, schema], edges: [])
        #expect(sorted == [dropIndex, schema, table, view])
    }

    @Test func inputOrderDoesNotMatter() {
        var first = StepOrdering()
        var second = StepOrdering()
        let edges = [(schema, view)]
        #expect(first.sort([view, table, schema], edges: edges) == second.sort([schema, table, view], edges: edges))
    }

    @Test func aCycleIsReportedAndEveryStepStillComesOut() {
        var ordering = StepOrdering()
        let sorted = ordering.sort([table, view, schema], edges: [(table, view), (view, table)])
        #expect(Set(sorted) == Set([table, view, schema]))
        #expect(sorted.count == 3)
        #expect(ordering.cycles.count == 1)
        #expect(ordering.cycles[0].contains(table) && ordering.cycles[0].contains(view))
    }
}
