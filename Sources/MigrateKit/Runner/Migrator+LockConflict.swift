import PostgresClient

// MARK: - Who holds the lock a statement timed out on

extension Migrator {
    /// A session holding a lock on a relation, as `pg_locks` and `pg_stat_activity` show it.
    struct LockHolder: Sendable, CustomStringConvertible {
        var pid: Int
        var applicationName: String
        var queryStart: String?
        var state: String?
        /// The session's current or last query, on one line.
        var query: String
        /// The relations it holds locks on, with the lock modes, as shown.
        var locks: String
        /// The names of those relations, without schema, for matching the statement.
        var relationNames: [String]

        var description: String {
            var text = "pid \(pid)"
            if !applicationName.isEmpty { text += " (\(applicationName))" }
            text += " holds \(locks)"
            if let state { text += ", \(state)" }
            if let queryStart { text += ", query started \(queryStart)" }
            if !query.isEmpty { text += ": \(query)" }
            return text
        }
    }

    /// The longest query text shown for a lock holder.
    static let lockHolderQueryLength = 160

    /// For a lock timeout (`55P03`), who holds the conflicting lock, read right after the failure: the sessions
    /// holding locks on the relations the statement names, or, when none of those is found, every other session
    /// holding a lock on a relation of this database. `nil` for another error, or when nothing can be read.
    /// - Parameter statement: The text of the statement that timed out.
    func lockConflictNote(_ error: PostgresError, statement: String?) -> String? {
        guard error.sqlState == "55P03", connection.isHealthy, connection.transactionState == .idle else {
            return nil
        }
        guard let holders = try? lockHolders(), !holders.isEmpty else {
            return "the session holding the conflicting lock could not be found (it has ended since)"
        }
        let text = (statement ?? "").lowercased()
        let named = holders.filter { holder in holder.relationNames.contains { text.contains($0.lowercased()) } }
        let shown = named.isEmpty ? holders : named
        return "conflicting lock held by: " + shown.map(\.description).joined(separator: "\n  ")
            + "\n(wait for it, raise lock_timeout, or end a stuck session with SELECT pg_terminate_backend(pid))"
    }

    /// Every other session holding a lock on a relation of this database (not a system catalog).
    func lockHolders() throws -> [LockHolder] {
        let result = try connection.execute(
            """
            SELECT a.pid, coalesce(a.application_name, ''),
                   to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), a.state,
                   coalesce(a.query, ''),
                   string_agg(DISTINCT format('%s on %s', l.mode, l.relation::regclass), ', '),
                   string_agg(DISTINCT c.relname, chr(31))
            FROM pg_catalog.pg_locks l
            JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            JOIN pg_catalog.pg_class c ON c.oid = l.relation
            WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_catalog.pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
              AND c.relnamespace <> 'pg_catalog'::regnamespace
            GROUP BY a.pid, a.application_name, a.query_start, a.state, a.query
            ORDER BY a.query_start NULLS LAST, a.pid
            """
        )
        return result.rows.map { row in
            LockHolder(
                pid: Int(row[0] ?? "") ?? 0,
                applicationName: row[1] ?? "",
                queryStart: row[2],
                state: row[3],
                query: Self.oneLine(row[4] ?? "", limit: Self.lockHolderQueryLength),
                locks: row[5] ?? "",
                relationNames: (row[6] ?? "").split(separator: "\u{1F}").map(String.init)
            )
        }
    }

    /// `text` with its runs of whitespace as single spaces, cut to `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count <= limit ? words : String(words.prefix(limit - 1)) + "…"
    }
}
