/// Which revisions `migrate check` lints, in the order they would run.
package enum LintScope {
    /// Every revision, base to heads.
    case all
    /// After FROM (exclusive; `nil` or `base` for the start) up to TO, as `upgrade --sql FROM:TO` would apply them.
    case range(from: String?, to: String)

    /// The revisions of the scope in apply order.
    /// - Throws: ``MigrateError`` (`.target`) for a revision the graph does not know.
    package func revisions(in graph: RevisionGraph) throws -> [Revision] {
        let applied: Set<String>
        let target: String
        switch self {
        case .all:
            applied = []
            target = "heads"
        case .range(let from, let to):
            if let from, from.lowercased() != "base" {
                applied = try graph.stampPlan(to: try RevisionTarget(parsing: from), applied: []).appliedAfter
            } else {
                applied = []
            }
            target = to
        }
        guard !graph.revisions.isEmpty else { return [] }
        return try graph.upgradePlan(to: try RevisionTarget(parsing: target), applied: applied).steps.compactMap(
            \.revision
        )
    }
}
