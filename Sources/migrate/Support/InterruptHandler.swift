import LibC
import MigrateKit
import PostgresClient

/// Ctrl-C and SIGTERM: cancel the statement in flight (the server then rolls the revision back), drop
/// autogenerate's scratch databases, and exit with 130/143.
///
/// Signals are blocked in every thread and received by one thread with `sigwait`, so the cleanup can use
/// libpq safely (no async-signal-safety limits).
enum InterruptHandler {
    private static let cancelHandles = Locked<[CancelHandle]>([])
    /// Set as the handler starts: from then on the handler decides the exit status (130/143), not the command.
    private static let interrupted = Locked(false)

    /// Blocks SIGINT and SIGTERM and starts the thread that handles them. Call first thing in `main`.
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let blocked = signals
        startDetachedThread {
            var set = blocked
            var received: Int32 = 0
            sigwait(&set, &received)
            handle(received)
        }
    }

    /// Cancels this connection's running statement on interrupt.
    static func watch(_ connection: PostgresConnection) {
        guard let handle = connection.cancelHandle() else { return }
        cancelHandles.withLock { $0.append(handle) }
    }

    /// When an interrupt is being handled, waits for the handler to exit the process, so that the error the
    /// cancelled work fails with (a cancelled statement, a dropped scratch database) does not set the exit status.
    static func yieldToInterrupt() {
        guard interrupted.withLock({ $0 }) else { return }
        while true { pause() }
    }

    private static func handle(_ signal: Int32) {
        interrupted.withLock { $0 = true }
        let cancelled = cancelHandles.withLock { handles in
            handles.forEach { $0.cancel() }
            return !handles.isEmpty
        }
        Terminal.warning(
            cancelled
                ? "interrupted: cancelled the running statement; the revision or table in progress is rolled back"
                : "interrupted"
        )
        let dropped = ShadowDatabase.dropAllLive()
        if !dropped.isEmpty { Terminal.info("dropped scratch database(s) \(dropped.joined(separator: ", "))") }
        let removed = TemporaryExportFiles.removeAll()
        if !removed.isEmpty { Terminal.info("removed the unfinished export \(removed.joined(separator: ", "))") }
        exit(128 + signal)
    }
}
