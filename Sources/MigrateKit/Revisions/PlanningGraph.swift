/// The revision graph together with the applied state, as nodes that planning walks.
///
/// Nodes `0..<knownCount` are the graph's revisions, in graph order. When orphans are included, the applied ids
/// that no file declares follow as extra nodes, in sorted id order. An orphan's parents are the ids the version
/// table recorded for it (`recordedParents`), when known; without them it is a root with no children, which only
/// `base` (or a stamp that clears everything) removes.
struct PlanningGraph {
    let graph: RevisionGraph
    let knownCount: Int
    let orphanIDs: [String]
    let isApplied: [Bool]
    private let orphanParents: [[Int]]
    /// Orphan nodes by the node they name as a parent.
    private let orphanChildren: [Int: [Int]]

    init(graph: RevisionGraph, applied: Set<String>, recordedParents: [String: [String]], includeOrphans: Bool) {
        self.graph = graph
        knownCount = graph.revisions.count
        orphanIDs = includeOrphans ? graph.unknownRevisions(in: applied) : []
        var nodeByOrphanID: [String: Int] = [:]
        for (offset, id) in orphanIDs.enumerated() { nodeByOrphanID[id] = graph.revisions.count + offset }
        var orphanChildren: [Int: [Int]] = [:]
        orphanParents = orphanIDs.enumerated().map { offset, id in
            let parents = (recordedParents[id] ?? []).compactMap { graph.indexByID[$0] ?? nodeByOrphanID[$0] }
            for parent in parents { orphanChildren[parent, default: []].append(graph.revisions.count + offset) }
            return parents
        }
        self.orphanChildren = orphanChildren
        isApplied = graph.appliedMask(applied) + [Bool](repeating: true, count: orphanIDs.count)
    }

    var count: Int { knownCount + orphanIDs.count }

    func id(_ node: Int) -> String {
        node < knownCount ? graph.revisions[node].id : orphanIDs[node - knownCount]
    }

    func revision(_ node: Int) -> Revision? {
        node < knownCount ? graph.revisions[node] : nil
    }

    /// `down_revision` parents (recorded parents for an orphan).
    func parents(_ node: Int) -> [Int] {
        node < knownCount ? graph.parentIndices[node] : orphanParents[node - knownCount]
    }

    /// Revisions that name `node` as a parent, files first.
    func children(_ node: Int) -> [Int] {
        let orphans = orphanChildren[node] ?? []
        return node < knownCount ? graph.childIndices[node] + orphans : orphans
    }

    func dependencies(_ node: Int) -> [Int] {
        node < knownCount ? graph.dependencyIndices[node] : []
    }

    func dependents(_ node: Int) -> [Int] {
        node < knownCount ? graph.dependentIndices[node] : []
    }

    /// `starts` and everything that needs them (toward descendants) or that they need (toward ancestors),
    /// through both `down_revision` and `depends_on` edges.
    func closure(of starts: [Int], towardDescendants: Bool) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        var stack = starts
        for start in starts { found[start] = true }
        while let node = stack.popLast() {
            let next =
                towardDescendants
                ? children(node) + dependents(node) : parents(node) + dependencies(node)
            for other in next where !found[other] {
                found[other] = true
                stack.append(other)
            }
        }
        return found
    }

    /// The revision labelled (or named) `node` with its `down_revision` descendants.
    func branch(of node: Int) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        var stack = [node]
        found[node] = true
        while let current = stack.popLast() {
            for child in children(current) where !found[child] {
                found[child] = true
                stack.append(child)
            }
        }
        return found
    }

    /// `branch(of:)` plus the `down_revision` ancestors of `node`: the lines of history through it.
    func lineage(of node: Int) -> [Bool] {
        var found = branch(of: node)
        var stack = [node]
        while let current = stack.popLast() {
            for parent in parents(current) where !found[parent] {
                found[parent] = true
                stack.append(parent)
            }
        }
        return found
    }

    /// Applied nodes in `scope` that no applied node in `scope` names as a parent: where the database is.
    func tips(in scope: [Bool]) -> [Int] {
        (0..<count).filter { node in
            scope[node] && isApplied[node] && !children(node).contains { scope[$0] && isApplied[$0] }
        }
    }

    /// The nodes of `mask`, in node order.
    func nodes(_ mask: [Bool]) -> [Int] {
        (0..<count).filter { mask[$0] }
    }

    /// "`a`, `b` (no file)" for messages.
    func names(_ nodes: [Int]) -> String {
        nodes.map { "`\(id($0))`" + ($0 < knownCount ? "" : " (no file)") }.joined(separator: ", ")
    }

    /// The nodes of `mask` in an order where each comes after everything it needs (`childrenFirst` false) or
    /// before it (`childrenFirst` true).
    ///
    /// Graph order is topological and no file's revision needs an orphan, so known nodes simply go in graph
    /// order (reversed for children first); orphans, which may need each other through recorded parents, come
    /// after them (before them for children first), ordered among themselves by a depth-first walk.
    func ordered(_ mask: [Bool], childrenFirst: Bool) -> [Int] {
        let known = (0..<knownCount).filter { mask[$0] }
        var visited = Set<Int>()
        var orphans: [Int] = []
        func visit(_ node: Int) {
            guard visited.insert(node).inserted else { return }
            for other in childrenFirst ? children(node) : parents(node) where other >= knownCount && mask[other] {
                visit(other)
            }
            orphans.append(node)
        }
        for node in knownCount..<count where mask[node] { visit(node) }
        return childrenFirst ? orphans + known.reversed() : known + orphans
    }
}
