/// The revisions of a project and how they relate: each revision follows its `down_revision` parents, and
/// must also come after its resolved `depends_on` prerequisites.
///
/// Building a graph validates it: one file per id, known parents and prerequisites, unique branch labels, no
/// cycles, and SQL in every up section except merges'.
///
/// ## Order
/// `revisions` is a topological order over both kinds of edges. Among revisions that are ready at the same
/// time, the one created first comes first (a revision without `created` counts as older than any with one),
/// then the smaller id (comparing UTF-8 bytes). The same files always give the same order.
package struct RevisionGraph: Sendable {
    /// Every revision, parents and prerequisites before their children and dependents.
    package let revisions: [Revision]

    let indexByID: [String: Int]
    /// `down_revision` edges by index: parents, and the inverse.
    let parentIndices: [[Int]]
    let childIndices: [[Int]]
    /// Resolved `depends_on` edges by index: prerequisites, and the inverse.
    let dependencyIndices: [[Int]]
    let dependentIndices: [[Int]]
    /// Branch label → index of the revision that declares it.
    let labelIndex: [String: Int]

    /// The shortest id prefix accepted as a reference to a revision; shorter ones too easily match by accident
    /// (`downgrade 1` meant as `-1` must not quietly pick a revision whose id starts with `1`).
    package static let minimumPrefixLength = 3

    /// Builds and validates the graph of `revisions` (any order).
    /// - Throws: `MigrateError` `.revisionGraph` naming the files involved: two files with one id, an unknown
    ///   parent or prerequisite, a branch label used twice or equal to an id, a cycle, an empty up section in a
    ///   revision that is not a merge.
    package init(_ revisions: [Revision]) throws {
        // Loops go by index and read single fields: copying a whole `Revision` retains a dozen references, which
        // adds up over 10,000 revisions.
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(revisions.count)
        for index in revisions.indices {
            if let other = indexByID.updateValue(index, forKey: revisions[index].id) {
                let paths = [revisions[other].path, revisions[index].path].sorted()
                throw MigrateError(
                    .revisionGraph,
                    "two files claim revision `\(revisions[index].id)`: \(paths[0]) and \(paths[1])",
                    location: SourceLocation(file: paths[1]),
                    hint: "every revision needs its own id; give one of them a new id (and rename its file), and "
                        + "update any `down_revision` that meant it"
                )
            }
        }

        var labelIndex: [String: Int] = [:]
        for index in revisions.indices where !revisions[index].branchLabels.isEmpty {
            let revision = revisions[index]
            for label in revision.branchLabels {
                let location = SourceLocation(file: revision.path, line: revision.lines.branchLabels)
                if let other = labelIndex.updateValue(index, forKey: label) {
                    throw MigrateError(
                        .revisionGraph,
                        "branch label `\(label)` is declared by both `\(revisions[other].id)` "
                            + "(\(revisions[other].path)) and `\(revision.id)`; expected each label on one revision",
                        location: location
                    )
                }
                if indexByID[label] != nil {
                    throw MigrateError(
                        .revisionGraph,
                        "branch label `\(label)` of revision `\(revision.id)` is also a revision id; expected a "
                            + "label that differs from every id",
                        location: location
                    )
                }
            }
        }

        var parentIndices: [[Int]] = []
        var dependencyIndices: [[Int]] = []
        parentIndices.reserveCapacity(revisions.count)
        dependencyIndices.reserveCapacity(revisions.count)
        var prefixIndex: PrefixIndex?
        for index in revisions.indices {
            if !revisions[index].up.containsSQL && revisions[index].parents.count < 2 {
                throw MigrateError(
                    .revisionGraph,
                    "revision `\(revisions[index].id)` has no SQL in its up section; expected statements (only a "
                        + "merge revision may have an empty up section)",
                    location: SourceLocation(file: revisions[index].path, line: revisions[index].up.markerLine)
                )
            }
            parentIndices.append(
                try revisions[index].parents.map { parent in
                    guard let parentIndex = indexByID[parent] else {
                        throw MigrateError(
                            .revisionGraph,
                            "revision `\(revisions[index].id)` has `down_revision` `\(parent)`, but no file declares "
                                + "revision `\(parent)`",
                            location: SourceLocation(
                                file: revisions[index].path,
                                line: revisions[index].lines.downRevision
                            ),
                            hint: "restore the missing revision file, or correct `-- migrate:down_revision`"
                        )
                    }
                    return parentIndex
                }
            )
            dependencyIndices.append(
                try revisions[index].dependsOn.map { reference in
                    if let found = indexByID[reference] ?? labelIndex[reference] { return found }
                    do {
                        if prefixIndex == nil { prefixIndex = PrefixIndex(revisions) }
                        return try prefixIndex!.resolve(reference)
                    } catch var error as MigrateError {
                        error.code = .revisionGraph
                        error.message =
                            "revision `\(revisions[index].id)` has `depends_on` `\(reference)`: " + error.message
                        error.location = SourceLocation(
                            file: revisions[index].path,
                            line: revisions[index].lines.dependsOn
                        )
                        throw error
                    }
                }
            )
        }

        let order = try Self.topologicalOrder(revisions, parents: parentIndices, dependencies: dependencyIndices)
        var newIndex = [Int](repeating: 0, count: revisions.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }

        self.revisions = order.map { revisions[$0] }
        self.indexByID = indexByID.mapValues { newIndex[$0] }
        self.labelIndex = labelIndex.mapValues { newIndex[$0] }
        self.parentIndices = order.map { parentIndices[$0].map { newIndex[$0] } }
        self.dependencyIndices = order.map { dependencyIndices[$0].map { newIndex[$0] } }
        var childIndices = [[Int]](repeating: [], count: revisions.count)
        var dependentIndices = [[Int]](repeating: [], count: revisions.count)
        // Visiting children in order keeps every adjacency list sorted by position.
        for child in 0..<order.count {
            for parent in self.parentIndices[child] { childIndices[parent].append(child) }
            for dependency in self.dependencyIndices[child] { dependentIndices[dependency].append(child) }
        }
        self.childIndices = childIndices
        self.dependentIndices = dependentIndices
    }

    // MARK: - Resolving references

    /// Revision ids sorted, to find the ids that begin with a prefix by binary search.
    private struct PrefixIndex {
        private let sorted: [(id: String, index: Int)]

        init(_ revisions: [Revision]) {
            sorted = revisions.indices.map { (id: revisions[$0].id, index: $0) }.sorted { $0.id < $1.id }
        }

        /// The index of the only revision whose id begins with `prefix`.
        /// - Throws: `MigrateError` `.target` when none or several do, or the prefix is too short.
        func resolve(_ prefix: String) throws -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].id < prefix { low = middle + 1 } else { high = middle }
            }
            var matches: [(id: String, index: Int)] = []
            if prefix.utf8.count >= minimumPrefixLength {
                while low + matches.count < sorted.count, sorted[low + matches.count].id.hasPrefix(prefix) {
                    matches.append(sorted[low + matches.count])
                }
            }
            if matches.count == 1 { return matches[0].index }
            if matches.isEmpty {
                var message = "no revision has the id, label or id prefix `\(prefix)`"
                if prefix.utf8.count < minimumPrefixLength {
                    message += " (id prefixes need at least \(minimumPrefixLength) characters)"
                }
                throw MigrateError(.target, message)
            }
            let shown = matches.prefix(10).map(\.id).joined(separator: ", ") + (matches.count > 10 ? ", ..." : "")
            throw MigrateError(
                .target,
                "`\(prefix)` is ambiguous: it begins \(matches.count) revision ids (\(shown))",
                hint: "give more characters of the id"
            )
        }
    }

    /// The index of the revision `reference` names (see `resolve(_:)`).
    func resolveIndex(_ reference: String) throws -> Int {
        if let index = indexByID[reference] ?? labelIndex[reference] { return index }
        return try PrefixIndex(revisions).resolve(reference)
    }

    /// The revision `reference` names: an exact id, else a branch label (the revision that declares it), else a
    /// unique id prefix of at least `minimumPrefixLength` characters.
    /// - Throws: `MigrateError` `.target` when nothing matches or the prefix is ambiguous (listing candidates).
    package func resolve(_ reference: String) throws -> Revision {
        revisions[try resolveIndex(reference)]
    }

    // MARK: - Topological order

    /// Kahn's algorithm over parent and dependency edges, always taking the ready revision with the smallest
    /// (created, id) key; a cycle leaves revisions unvisited and is reported.
    private static func topologicalOrder(
        _ revisions: [Revision],
        parents: [[Int]],
        dependencies: [[Int]]
    ) throws -> [Int] {
        let count = revisions.count
        // rank[i]: position of revision i when sorted by the tie-break key alone. Ids are ASCII, so `<` on them
        // is byte order.
        let created = revisions.indices.map { revisions[$0].created?.secondsSince1970 ?? .min }
        let ids = revisions.indices.map { revisions[$0].id }
        let byKey = revisions.indices.sorted {
            created[$0] != created[$1] ? created[$0] < created[$1] : ids[$0] < ids[$1]
        }
        var rank = [Int](repeating: 0, count: count)
        for (position, index) in byKey.enumerated() { rank[index] = position }

        var successors = [[Int]](repeating: [], count: count)
        var waitingFor = [Int](repeating: 0, count: count)
        for index in 0..<count {
            // A revision that lists one revision as both parent and prerequisite waits for it once.
            let predecessors = parents[index] + dependencies[index]
            for (position, predecessor) in predecessors.enumerated()
            where !predecessors[..<position].contains(predecessor) {
                waitingFor[index] += 1
                successors[predecessor].append(index)
            }
        }

        var ready = MinHeap()
        for index in 0..<count where waitingFor[index] == 0 { ready.insert(rank[index]) }
        var order: [Int] = []
        order.reserveCapacity(count)
        while let nextRank = ready.popMin() {
            let index = byKey[nextRank]
            order.append(index)
            for successor in successors[index] {
                waitingFor[successor] -= 1
                if waitingFor[successor] == 0 { ready.insert(rank[successor]) }
            }
        }
        if order.count < count {
            throw cycleError(
                revisions,
                parents: parents,
                dependencies: dependencies,
                waitingFor: waitingFor,
                rank: rank
            )
        }
        return order
    }

    /// Every revision left waiting after Kahn's algorithm has a predecessor that is also waiting, so walking
    /// predecessors from any of them must revisit one: that loop is a cycle.
    private static func cycleError(
        _ revisions: [Revision],
        parents: [[Int]],
        dependencies: [[Int]],
        waitingFor: [Int],
        rank: [Int]
    ) -> MigrateError {
        let stuck = revisions.indices.filter { waitingFor[$0] > 0 }
        var current = stuck.min { rank[$0] < rank[$1] }!
        var path: [Int] = []
        var positionInPath: [Int: Int] = [:]
        while positionInPath[current] == nil {
            positionInPath[current] = path.count
            path.append(current)
            current = (parents[current] + dependencies[current]).filter { waitingFor[$0] > 0 }
                .min { rank[$0] < rank[$1] }!
        }
        // The walk went child → parent; print the loop parent → child, starting at its smallest id.
        var cycle = Array(path[positionInPath[current]!...].reversed())
        let start = cycle.indices.min { revisions[cycle[$0]].id < revisions[cycle[$1]].id }!
        cycle = Array(cycle[start...] + cycle[..<start])
        let usesDependency = zip(cycle, cycle.dropFirst() + [cycle[0]]).contains { from, to in
            !parents[to].contains(from)
        }
        let names = (cycle + [cycle[0]]).map { "`\(revisions[$0].id)`" }.joined(separator: " → ")
        let files = cycle.map { revisions[$0].path }.joined(separator: ", ")
        let first = revisions[cycle[0]]
        return MigrateError(
            .revisionGraph,
            "revisions form a cycle: \(names) (each must come before the next through "
                + (usesDependency ? "`down_revision` or `depends_on`)" : "`down_revision`)") + "; files: \(files)",
            location: SourceLocation(file: first.path, line: first.lines.downRevision),
            hint: "a revision cannot come before itself; fix the `down_revision` or `depends_on` of one of them"
        )
    }
}
