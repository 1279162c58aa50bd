/// Sorts plan steps so that every step comes after the steps it must follow, breaking ties by phase, kind
/// and name so that the same inputs always give the same order.
///
/// Kahn's algorithm with a priority queue. If the constraints form a cycle (which `pg_depend` can express,
/// e.g. a function whose body reads a table whose default calls it), the smallest remaining step is taken
/// anyway and the cycle is reported.
struct StepOrdering {
    private(set) var cycles: [[PlanStep.ID]] = []

    /// - Parameters:
    ///   - steps: The steps to sort.
    ///   - edges: `(before, after)` pairs; pairs naming unknown steps and self-pairs are ignored.
    mutating func sort(_ steps: [PlanStep.ID], edges: [(PlanStep.ID, PlanStep.ID)]) -> [PlanStep.ID] {
        let sorted = steps.sorted()
        var index: [PlanStep.ID: Int] = [:]
        for (position, id) in sorted.enumerated() { index[id] = position }
        var successors = [[Int]](repeating: [], count: sorted.count)
        var waiting = [Int](repeating: 0, count: sorted.count)
        var seen: Set<[Int]> = []
        for (before, after) in edges {
            guard let from = index[before], let to = index[after], from != to, seen.insert([from, to]).inserted
            else { continue }
            successors[from].append(to)
            waiting[to] += 1
        }
        // Positions in `sorted` order by priority, so a min-heap of positions is a priority queue.
        var ready = MinHeap(sorted.indices.filter { waiting[$0] == 0 })
        var done = [Bool](repeating: false, count: sorted.count)
        var result: [PlanStep.ID] = []
        result.reserveCapacity(sorted.count)
        while result.count < sorted.count {
            let next: Int
            if let position = ready.popMin() {
                guard !done[position] else { continue }
                next = position
            } else {
                // A cycle: take the first step still waiting and say so.
                let stuck = sorted.indices.filter { !done[$0] }
                cycles.append(stuck.map { sorted[$0] })
                next = stuck[0]
            }
            done[next] = true
            result.append(sorted[next])
            for successor in successors[next] where !done[successor] {
                waiting[successor] -= 1
                if waiting[successor] == 0 { ready.insert(successor) }
            }
        }
        return result
    }
}
