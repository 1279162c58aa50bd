import Dispatch

/// Work started on a thread of its own, whose result is collected later: reading the current database's
/// catalog while the desired schema is built in a shadow database, or the revision files while connecting.
package final class BackgroundRead<Value: Sendable>: @unchecked Sendable {
    // `result` is written once by the worker before `done` is signalled, and read only after waiting.
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () throws -> Value) {
        startDetachedThread { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// Waits for the work to finish and returns its value or rethrows its error.
    package func wait() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
