import Dispatch
import LibC

extension Array where Element: Sendable {
    /// Maps the elements on all cores, in order, and returns every element's result (value or error).
    ///
    /// Worth it only for work that dwarfs starting threads: below `minimumCount` elements it runs on the calling
    /// thread, as it does on Darwin, where dispatch's worker threads have 512 KB stacks (too little for the
    /// recursion of deep parse trees). Each worker takes every n-th element, so neighbours (often alike in
    /// cost) spread evenly.
    func concurrentResults<Value: Sendable>(
        minimumCount: Int,
        _ transform: @Sendable (Element) throws -> Value
    ) -> [Result<Value, any Error>] {
        #if canImport(Darwin)
            let threshold = Int.max
        #else
            let threshold = minimumCount
        #endif
        guard count >= threshold else { return map { element in Result { try transform(element) } } }
        let workers = Swift.min(concurrentWorkerCount(), count)
        let slots = ResultSlots<Value>(count: count)
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { elements in
                let elements = UncheckedSendable(elements)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for index in stride(from: worker, to: elements.value.count, by: workers) {
                        slots[index] = Result { try transform(elements.value[index]) }
                    }
                }
            }
        }
        return (0..<count).map { slots.take($0) }
    }
}

/// How many threads concurrent work uses: one per online core, at most 8. sysconf rather than ProcessInfo,
/// which reads cgroup files through Foundation on every start.
func concurrentWorkerCount() -> Int {
    max(1, min(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 8))
}

/// A value handed to concurrent workers that only read it while its owner waits for them.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One result per element, filled in by concurrent workers, each writing only its own slots.
final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<Value, any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> Result<Value, any Error>? {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    /// Moves the result out of a filled slot, leaving it empty.
    func take(_ index: Int) -> Result<Value, any Error> {
        let result = (slots.baseAddress! + index).move()
        (slots.baseAddress! + index).initialize(to: nil)
        return result!
    }
}
