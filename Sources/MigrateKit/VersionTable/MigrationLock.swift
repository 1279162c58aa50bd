import LibC
import PostgresClient

/// The session advisory lock that makes one migrating process at a time per database and version table.
///
/// Taken by polling `pg_try_advisory_lock`: a session blocked in `pg_advisory_lock` counts as a lock waiter,
/// and `CREATE INDEX CONCURRENTLY` run by the lock holder waits for every such waiter, which deadlocks.
package struct MigrationLock {
    package let key: Int64

    package init(key: Int64) { self.key = key }

    /// Another session holding the lock, as `pg_stat_activity` describes it.
    package struct Holder: Sendable, Equatable, CustomStringConvertible {
        package var pid: Int
        package var applicationName: String
        package var clientAddress: String?
        package var user: String
        /// When the holder's session started (ISO-8601 UTC): the lock is at most this old.
        package var sessionStart: String
        package var state: String?

        package var description: String {
            var text = "pid \(pid)"
            if !applicationName.isEmpty { text += " (\(applicationName))" }
            text += " user \(user) from \(clientAddress ?? "a local socket"), connected since \(sessionStart)"
            if let state { text += ", \(state)" }
            return text
        }
    }

    /// Polls for the lock until it is taken or `timeoutSeconds` pass.
    /// - Parameters:
    ///   - onWait: Called when the lock is busy at the first attempt, and about every 10 s after, with the
    ///     sessions holding it.
    /// - Throws: ``MigrateError`` `.lockTimeout` naming the holders when the time runs out.
    package func acquire(
        on connection: PostgresConnection,
        timeoutSeconds: Double,
        onWait: ([Holder]) -> Void = { _ in }
    ) throws {
        let deadline = monotonicSeconds() + timeoutSeconds
        var nextReport = 0.0
        var generator = SystemRandomNumberGenerator()
        while true {
            if try connection.tryAdvisoryLock(key) { return }
            let now = monotonicSeconds()
            if now >= deadline {
                let holders = try self.holders(on: connection)
                throw MigrateError(
                    .lockTimeout,
                    "another migration held the lock for more than \(formatSeconds(timeoutSeconds)); holder: "
                        + (holders.isEmpty ? "gone just now" : holders.map(\.description).joined(separator: "; ")),
                    hint: "wait for it to finish and run again, raise --lock-wait, or if that session is stuck, end "
                        + "it with SELECT pg_terminate_backend(pid)"
                )
            }
            if now >= nextReport {
                onWait(try holders(on: connection))
                nextReport = now + 10
            }
            // 100-200 ms with jitter, so a crowd of replicas does not poll in lockstep.
            let pause = 100_000 + UInt32.random(in: 0..<100_000, using: &generator)
            usleep(min(pause, UInt32(max(0, (deadline - now) * 1_000_000)) + 1000))
        }
    }

    /// Releases the lock (a session's advisory locks also end with the session).
    package func release(on connection: PostgresConnection) throws {
        try connection.advisoryUnlock(key)
    }

    /// The sessions currently holding the lock.
    package func holders(on connection: PostgresConnection) throws -> [Holder] {
        // pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
        let unsigned = UInt64(bitPattern: key)
        let result = try connection.query(
            """
            SELECT a.pid, a.application_name, host(a.client_addr) AS client_addr, a.usename,
                   to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS backend_start,
                   a.state
            FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 1
              AND l.pid <> pg_backend_pid()
            ORDER BY a.pid
            """,
            [String(unsigned >> 32), String(unsigned & 0xffff_ffff)]
        )
        return result.rows.map { row in
            Holder(
                pid: row.int("pid") ?? 0,
                applicationName: row.string("application_name"),
                clientAddress: row["client_addr"],
                user: row.string("usename"),
                sessionStart: row.string("backend_start"),
                state: row["state"]
            )
        }
    }
}

/// Seconds on a monotonic clock, for timeouts and durations.
package func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// "60 s", "1.5 s", "250 ms".
package func formatSeconds(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
    return "\((seconds * 10).rounded() / 10) s"
}
