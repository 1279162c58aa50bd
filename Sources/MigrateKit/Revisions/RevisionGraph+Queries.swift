extension RevisionGraph {
    // MARK: - Lookup

    /// The revision with exactly this id.
    package subscript(id: String) -> Revision? {
        indexByID[id].map { revisions[$0] }
    }

    /// Whether a revision has exactly this id.
    package func contains(_ id: String) -> Bool {
        indexByID[id] != nil
    }

    /// The revision that declares `label` in its `branch_labels`.
    package func revision(labelled label: String) -> Revision? {
        labelIndex[label].map { revisions[$0] }
    }

    /// Every branch label and the id of the revision that declares it.
    package var branchLabels: [String: String] {
        labelIndex.mapValues { revisions[$0].id }
    }

    // MARK: - Shape

    /// Revisions that no revision names as `down_revision`: the tips of history, in graph order.
    ///
    /// `depends_on` does not count: a revision another branch depends on is still the head of its own branch.
    package var heads: [Revision] {
        revisions.indices.filter { childIndices[$0].isEmpty }.map { revisions[$0] }
    }

    /// Revisions with `down_revision none`, in graph order.
    package var bases: [Revision] {
        revisions.indices.filter { parentIndices[$0].isEmpty }.map { revisions[$0] }
    }

    /// Revisions that two or more revisions name as `down_revision`, where history splits, in graph order.
    package var branchPoints: [Revision] {
        revisions.indices.filter { childIndices[$0].count > 1 }.map { revisions[$0] }
    }

    /// Revisions with two or more parents, where history joins, in graph order.
    package var mergePoints: [Revision] {
        revisions.filter(\.isMerge)
    }

    /// The revisions that name `id` as `down_revision`, in graph order.
    /// - Throws: `MigrateError` `.target` when no revision has this id.
    package func children(of id: String) throws -> [Revision] {
        childIndices[try index(of: id)].map { revisions[$0] }
    }

    /// The revisions `id`'s `depends_on` resolves to, in graph order.
    /// - Throws: `MigrateError` `.target` when no revision has this id.
    package func dependencies(of id: String) throws -> [Revision] {
        dependencyIndices[try index(of: id)].map { revisions[$0] }
    }

    // MARK: - Ancestry

    /// Everything that must be applied before `id`, in graph order, without `id` itself: its parents and their
    /// ancestors, and when `followingDependencies` is true its `depends_on` prerequisites and theirs too.
    /// - Throws: `MigrateError` `.target` when no revision has this id.
    package func ancestors(of id: String, followingDependencies: Bool = true) throws -> [Revision] {
        let start = try index(of: id)
        var found = reachable(from: [start], followingDependencies: followingDependencies, towardDescendants: false)
        found[start] = false
        return revisions.indices.filter { found[$0] }.map { revisions[$0] }
    }

    /// Everything that needs `id`, in graph order, without `id` itself: its children and their descendants, and
    /// when `followingDependencies` is true the revisions that depend on it and their descendants too.
    /// - Throws: `MigrateError` `.target` when no revision has this id.
    package func descendants(of id: String, followingDependencies: Bool = true) throws -> [Revision] {
        let start = try index(of: id)
        var found = reachable(from: [start], followingDependencies: followingDependencies, towardDescendants: true)
        found[start] = false
        return revisions.indices.filter { found[$0] }.map { revisions[$0] }
    }

    /// The applied revisions that no other applied revision follows through `down_revision`: where the database
    /// is (`migrate current`), in graph order. Ids without a file are left out.
    package func currentHeads(applied: Set<String>) -> [Revision] {
        let isApplied = appliedMask(applied)
        return revisions.indices.filter { index in
            isApplied[index] && !childIndices[index].contains { isApplied[$0] }
        }.map { revisions[$0] }
    }

    /// Ids in `applied` that no revision file declares (deleted files, or another branch's revisions), sorted.
    package func unknownRevisions(in applied: Set<String>) -> [String] {
        applied.filter { indexByID[$0] == nil }.sorted()
    }

    // MARK: - Internals on indices

    func index(of id: String) throws -> Int {
        guard let index = indexByID[id] else { throw MigrateError(.target, "no revision has the id `\(id)`") }
        return index
    }

    func appliedMask(_ applied: Set<String>) -> [Bool] {
        var mask = [Bool](repeating: false, count: revisions.count)
        for id in applied { if let index = indexByID[id] { mask[index] = true } }
        return mask
    }

    /// Marks `starts` and everything reachable from them: toward ancestors (parents, prerequisites) when
    /// `towardDescendants` is false, toward descendants (children, dependents) when it is true.
    func reachable(from starts: [Int], followingDependencies: Bool, towardDescendants: Bool) -> [Bool] {
        var found = [Bool](repeating: false, count: revisions.count)
        var stack = starts
        for start in starts { found[start] = true }
        while let index = stack.popLast() {
            let next = towardDescendants ? childIndices[index] : parentIndices[index]
            let extra =
                followingDependencies ? (towardDescendants ? dependentIndices[index] : dependencyIndices[index]) : []
            for other in next + extra where !found[other] {
                found[other] = true
                stack.append(other)
            }
        }
        return found
    }
}
