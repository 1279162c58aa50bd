extension RevisionGraph {
    /// One line of `migrate history`: a revision and what it is in the graph.
    package struct HistoryEntry: Sendable, Hashable, CustomStringConvertible {
        /// The revision listed.
        package var revision: Revision
        /// No revision follows it.
        package var isHead: Bool
        /// Several revisions follow it.
        package var isBranchPoint: Bool
        /// It is applied and no applied revision follows it (`migrate current` would list it).
        package var isCurrent: Bool

        /// `parent -> id (label) (head) (current) (branchpoint) (mergepoint), message`, with `<base>` for a root's
        /// parent and parents separated by `, `, in the manner of `alembic history`.
        package var description: String {
            var text = revision.parents.isEmpty ? "<base>" : revision.parents.joined(separator: ", ")
            text += " -> " + revision.id
            for label in revision.branchLabels { text += " (\(label))" }
            if isHead { text += " (head)" }
            if isCurrent { text += " (current)" }
            if isBranchPoint { text += " (branchpoint)" }
            if revision.isMerge { text += " (mergepoint)" }
            if !revision.message.isEmpty { text += ", " + revision.message }
            return text
        }
    }

    /// Every revision, newest first: the graph order reversed, so each revision is listed before its parents
    /// and prerequisites.
    /// - Parameter applied: the applied revision ids, to mark the current ones.
    package func history(applied: Set<String> = []) -> [HistoryEntry] {
        let current = Set(currentHeads(applied: applied).map(\.id))
        return revisions.indices.reversed().map { index in
            HistoryEntry(
                revision: revisions[index],
                isHead: childIndices[index].isEmpty,
                isBranchPoint: childIndices[index].count > 1,
                isCurrent: current.contains(revisions[index].id)
            )
        }
    }
}
