extension PostgresConnection {
    /// Tries to take a session-level advisory lock without waiting.
    ///
    /// Callers that need to wait should poll this rather than call `pg_advisory_lock`: a session
    /// blocked in `pg_advisory_lock` is a lock waiter that `CREATE INDEX CONCURRENTLY` in another
    /// session waits for, which deadlocks a migration holding the lock.
    /// - Returns: `true` if this session now holds the lock.
    package func tryAdvisoryLock(_ key: Int64) throws(PostgresError) -> Bool {
        try query("SELECT pg_try_advisory_lock($1::bigint)", [String(key)]).scalar == "t"
    }

    /// Releases a session-level advisory lock. Returns `false` if this session did not hold it.
    @discardableResult
    package func advisoryUnlock(_ key: Int64) throws(PostgresError) -> Bool {
        try query("SELECT pg_advisory_unlock($1::bigint)", [String(key)]).scalar == "t"
    }
}
