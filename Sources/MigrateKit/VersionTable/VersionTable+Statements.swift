import PostgresClient

/// The SQL that changes the version tables, as text with literals, so online runs and offline `--sql`
/// scripts record revisions with the very same statements.
extension VersionTable {
    /// The setting (a placeholder, `SET LOCAL` in the revision's transaction) that keeps when a revision
    /// started, for ``Elapsed/sinceRevisionStart``.
    package static let revisionStartSetting = "migrate.revision_started"

    /// The kinds of event the log records.
    package enum Event: String, Sendable {
        case upgrade, downgrade, stamp, unstamp
    }

    /// How long an event took, as the version tables record it (`execution_ms`, and the log's `started_at` and
    /// `duration_ms`).
    package enum Elapsed: Sendable {
        /// Not known (stamp, offline scripts): no duration, and the log's start is when the row is written.
        case unknown
        /// Measured by the client; the event ended as its rows are written.
        case measured(milliseconds: Double)
        /// Read from the server's clock (seconds since 1970) when the revision started and when it ended: for
        /// the revisions of an atomic batch, recorded together at its end.
        case serverClock(from: Double, to: Double)
        /// Measured by the server: from the clock reading kept in the setting ``revisionStartSetting`` (seconds
        /// since 1970) until the recording statement runs. For revisions sent several to a message, whose
        /// transactions all start when the message arrives.
        case sinceRevisionStart

        /// The duration in milliseconds, as SQL.
        var durationSQL: String {
            switch self {
            case .unknown: "NULL"
            case .measured(let milliseconds): VersionTable.rounded(milliseconds)
            case .serverClock(let start, let end): VersionTable.rounded((end - start) * 1000)
            case .sinceRevisionStart: "1000 * (extract(epoch FROM clock_timestamp()) - \(Self.revisionStartSQL))"
            }
        }

        /// When the event started, as SQL computed on the server, so the log needs no trust in the client's clock.
        var startedAtSQL: String {
            switch self {
            case .unknown:
                "clock_timestamp()"
            case .measured(let milliseconds):
                "clock_timestamp() - make_interval(secs => \(VersionTable.rounded(milliseconds)) / 1000.0)"
            case .serverClock(let start, _):
                // Microseconds, as timestamptz keeps them.
                "to_timestamp(\(String((start * 1_000_000).rounded() / 1_000_000)))"
            case .sinceRevisionStart:
                "to_timestamp(\(Self.revisionStartSQL))"
            }
        }

        /// The reading kept in ``revisionStartSetting``, in seconds since 1970; the transaction's start if a
        /// revision's `RESET ALL` cleared it.
        private static let revisionStartSQL =
            "coalesce(nullif(current_setting('\(revisionStartSetting)', true), '')::float8, "
            + "extract(epoch FROM transaction_timestamp()))"
    }

    /// Inserts (or, for a resumed revision, completes) the row of an applied revision.
    /// - Parameters:
    ///   - status: `applied`, or `running` for a non-transactional revision about to start.
    ///   - elapsed: its execution time; `.unknown` for a stamp or an offline script.
    package func upsertStatement(
        _ record: AppliedRevision,
        status: AppliedRevision.Status,
        elapsed: Elapsed,
        clientHost: String?
    ) -> String {
        upsertStatement(rows: [rowValues(record, status: status, elapsed: elapsed, clientHost: clientHost)])
    }

    /// One row for ``upsertStatement(rows:)``: a parenthesised list of values for ``rowColumns``. Of `record`,
    /// only what the revision's file gives is used (id to transactional); the rest comes from the arguments.
    package func rowValues(
        _ record: AppliedRevision,
        status: AppliedRevision.Status,
        elapsed: Elapsed,
        clientHost: String?
    ) -> String {
        let values = [
            SQLQuoting.literal(record.revision), Self.textArray(record.parents), Self.textArray(record.dependsOn),
            Self.textArray(record.branchLabels), SQLQuoting.literal(record.message), Self.optional(record.fileName),
            SQLQuoting.literal(record.checksum), Self.optional(record.downSQL),
            record.isTransactional ? "true" : "false",
            SQLQuoting.literal(status.rawValue), Self.optional(clientHost),
            elapsed.durationSQL,
            SQLQuoting.literal(MigrateVersion.current),
        ]
        return "(" + values.joined(separator: ", ") + ")"
    }

    /// Inserts rows, or completes the existing row of a revision (one that a non-transactional run left
    /// `running` or `failed`), in one statement: the only way the runner and offline scripts write rows.
    ///
    /// One statement for every case keeps the recording simple. Faster forms were measured against it on the
    /// 500-revision benchmark: a plain INSERT and arrays unnested on the server for an atomic batch saved about
    /// 1% of the run, statements prepared once per run 3-5%.
    package func upsertStatement(rows: [String]) -> String {
        let assignments =
            Self.rowColumns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }
            + Self.defaultedColumns.map { "\($0) = EXCLUDED.\($0)" } + ["failure = NULL"]
        return "INSERT INTO \(qualifiedName) (\(Self.rowColumns.joined(separator: ", "))) VALUES "
            + rows.joined(separator: ",\n")
            + " ON CONFLICT (revision) DO UPDATE SET " + assignments.joined(separator: ", ")
    }

    /// The columns ``rowValues(_:status:elapsed:clientHost:)`` gives values for; `revision`, the key, first.
    private static let rowColumns = [
        "revision", "parents", "depends_on", "branch_labels", "message", "file_name", "checksum", "down_sql",
        "transactional", "status", "client_host", "execution_ms", "tool_version",
    ]

    /// The columns whose defaults (when and by whom) a completed row takes from the new one.
    private static let defaultedColumns = ["applied_at", "applied_by"]

    /// Milliseconds to the microsecond, as the version tables keep them.
    static func rounded(_ milliseconds: Double) -> String {
        String((milliseconds * 1000).rounded() / 1000)
    }

    /// Records that a non-transactional revision completed `count` statements.
    package func progressStatement(revision: String, statementsDone count: Int) -> String {
        "UPDATE \(qualifiedName) SET statements_done = \(count) WHERE revision = \(SQLQuoting.literal(revision))"
    }

    /// Marks a non-transactional revision as stopped at a failing statement.
    package func failureStatement(revision: String, failure: String) -> String {
        "UPDATE \(qualifiedName) SET status = 'failed', failure = \(SQLQuoting.literal(failure)) "
            + "WHERE revision = \(SQLQuoting.literal(revision))"
    }

    /// Records a new checksum for an applied revision whose file was edited on purpose (`validate --accept`).
    package func acceptStatement(revision: String, checksum: String) -> String {
        "UPDATE \(qualifiedName) SET checksum = \(SQLQuoting.literal(checksum)) "
            + "WHERE revision = \(SQLQuoting.literal(revision))"
    }

    /// Forgets a revision (downgrade, unstamp).
    package func deleteStatement(revision: String) -> String {
        "DELETE FROM \(qualifiedName) WHERE revision = \(SQLQuoting.literal(revision))"
    }

    /// Forgets several revisions in one statement.
    package func deleteStatement(revisions: [String]) -> String {
        "DELETE FROM \(qualifiedName) WHERE revision IN (\(revisions.map(SQLQuoting.literal).joined(separator: ", ")))"
    }

    /// One event for ``logStatement(rows:)``: a parenthesised list of values. `started_at` is computed on the
    /// server from `elapsed`, so the log needs no trust in the client's clock.
    package func logValues(
        _ event: Event,
        revision: String,
        succeeded: Bool,
        detail: String?,
        elapsed: Elapsed,
        clientHost: String?
    ) -> String {
        let values = [
            SQLQuoting.literal(event.rawValue), SQLQuoting.literal(revision),
            SQLQuoting.literal(succeeded ? "succeeded" : "failed"), Self.optional(detail), elapsed.startedAtSQL,
            elapsed.durationSQL, Self.optional(clientHost), SQLQuoting.literal(MigrateVersion.current),
        ]
        return "(" + values.joined(separator: ", ") + ")"
    }

    /// Appends events to the log, one or several in one statement.
    /// - Parameter returningDuration: The statement returns the (first) event's `duration_ms`: how a revision
    ///   timed by the server learns its time.
    package func logStatement(rows: [String], returningDuration: Bool = false) -> String {
        "INSERT INTO \(qualifiedLogName) (event, revision, outcome, detail, started_at, duration_ms, "
            + "client_host, tool_version) VALUES \(rows.joined(separator: ",\n"))"
            + (returningDuration ? " RETURNING duration_ms" : "")
    }

    private static func optional(_ value: String?) -> String {
        value.map(SQLQuoting.literal) ?? "NULL"
    }

    private static func textArray(_ values: [String]) -> String {
        values.isEmpty
            ? "'{}'::text[]" : "ARRAY[" + values.map(SQLQuoting.literal).joined(separator: ", ") + "]::text[]"
    }
}
