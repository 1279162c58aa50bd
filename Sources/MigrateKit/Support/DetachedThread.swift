import LibC

/// Runs `body` on a new detached thread of its own (not a dispatch worker, which may be busy or, on Darwin, have
/// too small a stack for the recursion of deep parse trees).
///
/// A pthread rather than Foundation's `Thread`, which would link all of Foundation into the executable.
/// Stops the process if the system cannot create a thread, as `Thread.start()` would.
package func startDetachedThread(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    // Allocated rather than `pthread_attr_t()`, which needs no zeroing: `pthread_attr_init` sets it up.
    let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
    pthread_attr_init(attributes)
    defer {
        pthread_attr_destroy(attributes)
        attributes.deallocate()
    }
    pthread_attr_setdetachstate(attributes, Int32(PTHREAD_CREATE_DETACHED))
    // Darwin's default for secondary threads is 512 KB; give every platform the main thread's usual 8 MB.
    pthread_attr_setstacksize(attributes, 8 << 20)
    #if canImport(Darwin)
        var thread: pthread_t?
    #else
        var thread = pthread_t()
    #endif
    let status = pthread_create(&thread, attributes, runThreadBody, context)
    precondition(status == 0, "cannot start a thread: error \(status)")
}

/// The closure a new thread runs, boxed to pass through pthread's `void *` argument.
private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

#if canImport(Darwin)
    private func runThreadBody(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }
#else
    private func runThreadBody(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }
#endif
