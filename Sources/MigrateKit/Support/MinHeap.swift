/// A binary min-heap of integers: the priority queue of Kahn's algorithm where the graph of revisions and
/// the diff's steps pick the smallest ready position (see `RevisionGraph` and `StepOrdering`).
struct MinHeap {
    private var items: [Int] = []

    init(_ items: [Int] = []) {
        for item in items { insert(item) }
    }

    mutating func insert(_ item: Int) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] <= items[child] { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes and returns the smallest item; `nil` when the heap is empty.
    mutating func popMin() -> Int? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let minimum = items[0]
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return minimum
    }
}
