import LibC

/// A value shared between threads, guarded by a pthread mutex.
///
/// A plain mutex rather than Foundation's `NSLock`: linking `NSLock` alone pulls all of Foundation (and ICU) into
/// the executable, which costs every command milliseconds at start-up.
package final class Locked<Value>: @unchecked Sendable {
    // Guarded by `mutex`. The mutex lives in its own allocation so that its address never moves.
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// A lock around `value`.
    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
