/// Plans for `upgrade`, `downgrade` and `stamp`.
///
/// The database's state is the *set* of applied revision ids (the version table), not only its heads, so any
/// subset, even one with gaps, has a well-defined plan:
/// - upgrade to T applies T and everything T needs (parents and `depends_on`, transitively) that is not applied
///   yet, in graph order;
/// - downgrade to X unapplies every applied revision that needs X (children and dependents, transitively) and
///   keeps X; so no revision that stays applied ever loses something it needs;
/// - stamp to X records what upgrading or downgrading to X would leave applied, without running anything.
///
/// Applied ids without a file (the file was deleted, or belongs to another branch of the code) never make a plan
/// fail. An upgrade leaves them alone. A downgrade unapplies them only when they need something it removes (known
/// through `recordedParents`, the parents the version table stored for them) or when the target is `base`, as
/// steps whose `revision` is `nil`: the runner then uses the down SQL stored when they were applied. Without
/// recorded parents such a revision counts as unrelated to every file, which is the safe reading: it goes only
/// with `base`.
extension RevisionGraph {
    // MARK: - Upgrade

    /// What to apply to reach `target` from `applied`.
    /// - Parameters:
    ///   - target: `head`, `heads`, an id, prefix or label, `+N`, `REV+N`, `REV-N`, `label@head` or `label@+N`.
    ///   - applied: the ids in the version table.
    /// - Throws: `MigrateError` `.target` when the target is malformed, names nothing, or is ambiguous (several
    ///   heads for `head`, several ways up for `+N`...), or is a downgrade target.
    package func upgradePlan(to target: String, applied: Set<String>) throws -> MigrationPlan {
        try upgradePlan(to: RevisionTarget(parsing: target), applied: applied)
    }

    /// What to apply to reach `target` from `applied`; see `upgradePlan(to:applied:)`.
    package func upgradePlan(to target: RevisionTarget, applied: Set<String>) throws -> MigrationPlan {
        let planning = PlanningGraph(graph: self, applied: applied, recordedParents: [:], includeOrphans: false)
        let targets = try upgradeTargets(target, planning)
        let needed = planning.closure(of: targets, towardDescendants: false)
        let toApply = (0..<planning.count).filter { needed[$0] && !planning.isApplied[$0] }
        return MigrationPlan(
            direction: .upgrade,
            target: target,
            steps: toApply.map { MigrationPlan.Step(revisionID: revisions[$0].id, revision: revisions[$0]) },
            appliedAfter: applied.union(toApply.map { revisions[$0].id }),
            unknownApplied: unknownRevisions(in: applied)
        )
    }

    /// The revisions an upgrade-style target names.
    private func upgradeTargets(_ target: RevisionTarget, _ planning: PlanningGraph) throws -> [Int] {
        switch target {
        case .head:
            let heads = planning.nodes(childIndices.map(\.isEmpty))
            guard heads.count == 1 else {
                throw MigrateError(
                    .target,
                    heads.isEmpty
                        ? "`head` names nothing: there are no revisions"
                        : "`head` is ambiguous: there are \(heads.count) heads: \(planning.names(heads))",
                    hint: heads.isEmpty
                        ? "there are no revisions yet; create one with `migrate revision`"
                        : "use `heads` to apply all of them, or join them with `migrate merge`"
                )
            }
            return heads
        case .heads:
            return planning.nodes(childIndices.map(\.isEmpty))
        case .relative(let steps):
            guard steps > 0 else { throw wrongDirection(target, expected: .upgrade) }
            return [try stepUpFromCurrent(steps, scope: nil, target: target, planning)]
        case .revision(let reference, let offset):
            return [try step(from: resolveIndex(reference), by: offset, target: target, planning)]
        case .branchHead(let reference):
            return [try branchHead(reference, target: target, planning)]
        case .branchRelative(let reference, let steps):
            guard steps > 0 else { throw wrongDirection(target, expected: .upgrade) }
            let scope = planning.lineage(of: try resolveIndex(reference))
            return [try stepUpFromCurrent(steps, scope: scope, target: target, planning)]
        case .base, .branchBase:
            throw wrongDirection(target, expected: .upgrade)
        }
    }

    /// The single head among the revision `reference` names and its descendants.
    private func branchHead(_ reference: String, target: RevisionTarget, _ planning: PlanningGraph) throws -> Int {
        let start = try resolveIndex(reference)
        let branch = planning.branch(of: start)
        let heads = planning.nodes(branch).filter { childIndices[$0].isEmpty }
        guard heads.count == 1 else {
            throw MigrateError(
                .target,
                "`\(target)` is ambiguous: history splits after `\(revisions[start].id)` into \(heads.count) heads: "
                    + planning.names(heads),
                hint: "name one of those heads, or join them with `migrate merge`"
            )
        }
        return heads[0]
    }

    /// `steps` revisions up from where the database is within `scope` (the whole graph when `nil`), following
    /// the only child at each step; from nothing applied, the first step is the only root.
    private func stepUpFromCurrent(
        _ steps: Int,
        scope: [Bool]?,
        target: RevisionTarget,
        _ planning: PlanningGraph
    ) throws -> Int {
        let scope = scope ?? [Bool](repeating: true, count: planning.count)
        let tips = planning.tips(in: scope)
        guard tips.count <= 1 else {
            throw MigrateError(
                .target,
                "`\(target)` is ambiguous: the database is at \(tips.count) heads: \(planning.names(tips))",
                hint: "say which line to follow: `label@+N`, or `REV+N` from one of those revisions"
            )
        }
        if let tip = tips.first { return try step(from: tip, by: steps, scope: scope, target: target, planning) }
        let roots = planning.nodes(scope).filter { parentIndices[$0].isEmpty }
        guard roots.count == 1 else {
            throw MigrateError(
                .target,
                roots.isEmpty
                    ? "`\(target)` goes past the last revision: there are no revisions"
                    : "`\(target)` is ambiguous: nothing is applied and there are \(roots.count) base revisions: "
                        + planning.names(roots),
                hint: "name the revision to upgrade to, or use `label@+N`"
            )
        }
        return try step(from: roots[0], by: steps - 1, scope: scope, target: target, planning)
    }

    /// The revision `offset` steps from `start`: up through the only child in `scope`, or down through the only
    /// parent.
    private func step(
        from start: Int,
        by offset: Int,
        scope: [Bool]? = nil,
        target: RevisionTarget,
        _ planning: PlanningGraph
    ) throws -> Int {
        var node = start
        for taken in 0..<abs(offset) {
            let next =
                offset > 0
                ? planning.children(node).filter { scope?[$0] ?? true } : planning.parents(node)
            guard next.count == 1 else {
                throw stepError(from: node, next: next, up: offset > 0, taken: taken, target: target, planning)
            }
            node = next[0]
        }
        return node
    }

    private func stepError(
        from node: Int,
        next: [Int],
        up: Bool,
        taken: Int,
        target: RevisionTarget,
        _ planning: PlanningGraph
    ) -> MigrateError {
        let id = "`\(planning.id(node))`"
        if next.isEmpty {
            return MigrateError(
                .target,
                up
                    ? "`\(target)` goes past the last revision: \(id) is a head, reached after \(taken) step(s)"
                    : "`\(target)` goes below the first revision: \(id) is a base, reached after \(taken) step(s)",
                hint: up ? "use `head` or `heads` to upgrade all the way" : "use `base` to downgrade all the way"
            )
        }
        return MigrateError(
            .target,
            up
                ? "`\(target)` is ambiguous: history splits after \(id) into \(planning.names(next))"
                : "`\(target)` is ambiguous: \(id) is a merge of \(planning.names(next))",
            hint: up
                ? "name the revision to go to, or follow a branch with `label@+N`"
                : "name the revision to go to, or follow a branch with `label@-N`"
        )
    }

    // MARK: - Downgrade

    /// What to unapply to go down to `target` from `applied`.
    /// - Parameters:
    ///   - target: `base`, an id, prefix or label (it stays applied), `-N`, `REV-N`, `REV+N`, `label@-N` or
    ///     `label@base` (the labelled revision goes too).
    ///   - applied: the ids in the version table.
    ///   - recordedParents: for applied ids without a file, the parents the version table recorded, so they
    ///     are placed in history; ids missing here count as unrelated to every file.
    /// - Throws: `MigrateError` `.target` when the target is malformed, names nothing, is ambiguous (several
    ///   current heads for `-N`...), is not applied, is an upgrade target, or when a revision to unapply is
    ///   irreversible (empty down section).
    package func downgradePlan(
        to target: String,
        applied: Set<String>,
        recordedParents: [String: [String]] = [:]
    ) throws -> MigrationPlan {
        try downgradePlan(to: RevisionTarget(parsing: target), applied: applied, recordedParents: recordedParents)
    }

    /// What to unapply to go down to `target`; see `downgradePlan(to:applied:recordedParents:)`.
    package func downgradePlan(
        to target: RevisionTarget,
        applied: Set<String>,
        recordedParents: [String: [String]] = [:]
    ) throws -> MigrationPlan {
        let planning = PlanningGraph(
            graph: self,
            applied: applied,
            recordedParents: recordedParents,
            includeOrphans: true
        )
        let removal = try downgradeRemoval(target, planning)
        let order = planning.ordered(removal, childrenFirst: true)
        for node in order {
            guard let revision = planning.revision(node), !revision.isReversible else { continue }
            throw MigrateError(
                .target,
                "cannot downgrade to `\(target)`: revision `\(revision.id)` is irreversible (its `-- migrate:down` "
                    + "section is empty)",
                location: SourceLocation(file: revision.path, line: revision.down.markerLine),
                hint: "write the SQL that undoes it after `-- migrate:down`, or, if the database was already "
                    + "reverted by hand, `migrate stamp` it away"
            )
        }
        return MigrationPlan(
            direction: .downgrade,
            target: target,
            steps: order.map { MigrationPlan.Step(revisionID: planning.id($0), revision: planning.revision($0)) },
            appliedAfter: applied.subtracting(order.map { planning.id($0) }),
            unknownApplied: planning.orphanIDs
        )
    }

    /// The applied nodes a downgrade-style target removes: closed under "needs", so nothing left applied needs a
    /// removed revision.
    private func downgradeRemoval(_ target: RevisionTarget, _ planning: PlanningGraph) throws -> [Bool] {
        let everything = [Bool](repeating: true, count: planning.count)
        switch target {
        case .base:
            return planning.isApplied
        case .relative(let steps):
            guard steps < 0 else { throw wrongDirection(target, expected: .downgrade) }
            return try removal(stepsDown: -steps, tipsScope: everything, target: target, planning)
        case .branchRelative(let reference, let steps):
            guard steps < 0 else { throw wrongDirection(target, expected: .downgrade) }
            let scope = planning.branch(of: try resolveIndex(reference))
            return try removal(stepsDown: -steps, tipsScope: scope, target: target, planning)
        case .branchBase(let reference):
            return removal(from: [try resolveIndex(reference)], planning)
        case .revision(let reference, let offset):
            let start: Int
            do {
                start = try resolveIndex(reference)
            } catch {
                // An applied revision without a file can still be named, by its full id.
                guard let orphan = planning.orphanIDs.firstIndex(of: reference) else { throw error }
                start = planning.knownCount + orphan
            }
            let node = try step(from: start, by: offset, target: target, planning)
            let result = removal(from: planning.children(node) + planning.dependents(node), planning)
            if !planning.isApplied[node] && !result.contains(true) {
                throw MigrateError(
                    .target,
                    "revision `\(planning.id(node))` is not applied, so there is nothing above it to downgrade",
                    hint: "to apply it, upgrade to it; `migrate current` shows where the database is"
                )
            }
            return result
        case .head, .heads, .branchHead:
            throw wrongDirection(target, expected: .downgrade)
        }
    }

    /// Applied nodes among `starts` and everything that needs them.
    private func removal(from starts: [Int], _ planning: PlanningGraph) -> [Bool] {
        let needing = planning.closure(of: starts, towardDescendants: true)
        return (0..<planning.count).map { needing[$0] && planning.isApplied[$0] }
    }

    /// `-N`: the current head in `tipsScope`, and the applied revisions below it one parent at a time, `N` in
    /// all, with everything that needs them.
    private func removal(
        stepsDown steps: Int,
        tipsScope: [Bool],
        target: RevisionTarget,
        _ planning: PlanningGraph
    ) throws -> [Bool] {
        let tips = planning.tips(in: tipsScope)
        guard tips.count == 1 else {
            throw MigrateError(
                .target,
                tips.isEmpty
                    ? "`\(target)` has nothing to downgrade: no revision is applied there"
                    : "`\(target)` is ambiguous: the database is at \(tips.count) heads: \(planning.names(tips))",
                hint: tips.isEmpty ? nil : "name the revision to downgrade to, or follow a branch with `label@-N`"
            )
        }
        var node = tips[0]
        for taken in 1..<steps {
            let parents = planning.parents(node)
            guard parents.count == 1, planning.isApplied[parents[0]] else {
                if parents.count > 1 {
                    throw stepError(from: node, next: parents, up: false, taken: taken, target: target, planning)
                }
                throw MigrateError(
                    .target,
                    "`\(target)` goes below the first applied revision: only \(taken) applied revision(s) lead down "
                        + "from `\(planning.id(tips[0]))`",
                    hint: "use `base` to unapply everything"
                )
            }
            node = parents[0]
        }
        return removal(from: [node], planning)
    }

    private func wrongDirection(_ target: RevisionTarget, expected: MigrationPlan.Direction) -> MigrateError {
        switch expected {
        case .upgrade:
            MigrateError(
                .target,
                "`\(target)` is a downgrade target; expected an upgrade target: `head`, `heads`, a revision, `+N`, "
                    + "`REV+N`, `label@head` or `label@+N`",
                hint: "to go down, use `migrate downgrade \(target)`"
            )
        case .downgrade:
            MigrateError(
                .target,
                "`\(target)` is an upgrade target; expected a downgrade target: `base`, a revision, `-N`, `REV-N`, "
                    + "`label@-N` or `label@base`",
                hint: "to go up, use `migrate upgrade \(target)`"
            )
        }
    }

    // MARK: - Stamp

    /// How the version table changes when stamped to `target`: what upgrading or downgrading there would leave
    /// applied, without running any SQL.
    ///
    /// Stamping to a revision X records X and everything it needs as applied, and forgets every applied
    /// revision that needs X; revisions on unrelated branches stay. `base` forgets everything, ids without a file
    /// included. Upgrade-style targets (`head`, `heads`, `+N`, `label@head`, `label@+N`) and downgrade-style ones
    /// (`-N`, `label@-N`, `label@base`) resolve as for `upgrade` and `downgrade`; irreversible revisions do not
    /// stop a stamp. (`--purge`, emptying the table first, is the caller's: pass an empty `applied`.)
    /// - Throws: `MigrateError` `.target` when the target is malformed, names nothing or is ambiguous.
    package func stampPlan(
        to target: String,
        applied: Set<String>,
        recordedParents: [String: [String]] = [:]
    ) throws -> StampPlan {
        try stampPlan(to: RevisionTarget(parsing: target), applied: applied, recordedParents: recordedParents)
    }

    /// How the version table changes when stamped to `target`; see `stampPlan(to:applied:recordedParents:)`.
    package func stampPlan(
        to target: RevisionTarget,
        applied: Set<String>,
        recordedParents: [String: [String]] = [:]
    ) throws -> StampPlan {
        let planning = PlanningGraph(
            graph: self,
            applied: applied,
            recordedParents: recordedParents,
            includeOrphans: true
        )
        var removed: [Bool]
        var added = [Bool](repeating: false, count: planning.count)
        switch target {
        case .base, .relative(..<0), .branchRelative(_, ..<0), .branchBase:
            removed = try downgradeRemoval(target, planning)
        default:
            let known = PlanningGraph(graph: self, applied: applied, recordedParents: [:], includeOrphans: false)
            let targets = try upgradeTargets(target, known)
            let needed = planning.closure(of: targets, towardDescendants: false)
            removed = removal(from: targets.flatMap { planning.children($0) + planning.dependents($0) }, planning)
            for node in 0..<planning.count where needed[node] && !planning.isApplied[node] { added[node] = true }
        }
        let removedIDs = planning.ordered(removed, childrenFirst: true).map { planning.id($0) }
        let addedIDs = planning.ordered(added, childrenFirst: false).map { planning.id($0) }
        return StampPlan(
            target: target,
            appliedAfter: applied.subtracting(removedIDs).union(addedIDs),
            added: addedIDs,
            removed: removedIDs
        )
    }
}
