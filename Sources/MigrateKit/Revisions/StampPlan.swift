/// How `stamp` changes the version table: which revision ids to record as applied and which to forget,
/// without running any SQL.
package struct StampPlan: Sendable, Hashable {
    /// The target the plan was made for.
    package var target: RevisionTarget
    /// The applied revision ids after stamping.
    package var appliedAfter: Set<String>
    /// Ids to record as applied, parents and prerequisites first.
    package var added: [String]
    /// Ids to forget, children and dependents first; ids without a file come before the others.
    package var removed: [String]

    /// A stamp plan; `RevisionGraph.stampPlan(to:applied:recordedParents:)` makes them.
    package init(target: RevisionTarget, appliedAfter: Set<String>, added: [String], removed: [String]) {
        self.target = target
        self.appliedAfter = appliedAfter
        self.added = added
        self.removed = removed
    }

    /// Whether the version table already says what the stamp would.
    package var isEmpty: Bool { added.isEmpty && removed.isEmpty }
}
