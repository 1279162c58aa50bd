import PostgresClient

/// The SQL that changes the version tables, as text with literals, so online runs and offline `--sql`
/// scripts record revisions with the very same statements. Online runs of several revisions write the same
/// rows through statements they prepare once (per revision) or arrays they unnest (atomic batch), which the
/// server handles faster.
extension VersionTable {
    /// What to record for a revision.
    package struct Record: Sendable {
        package var revision: String
        package var parents: [String]
        package var dependsOn: [String]
        package var branchLabels: [String]
        package var message: String
        package var fileName: String?
        package var checksum: String
        package var downSQL: String?
        package var isTransactional: Bool

        package init(
            revision: String,
            parents: [String],
            dependsOn: [String],
            branchLabels: [String],
            message: String,
            fileName: String?,
            checksum: String,
            downSQL: String?,
            isTransactional: Bool
        ) {
            self.revision = revision
            self.parents = parents
            self.dependsOn = dependsOn
            self.branchLabels = branchLabels
            self.message = message
            self.fileName = fileName
            self.checksum = checksum
            self.downSQL = downSQL
            self.isTransactional = isTransactional
        }
    }

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
        /// Measured by the server: from the start of the transaction until the recording statement runs. For a
        /// revision whose transaction the runner opened just for it, recorded in that transaction.
        case sinceTransactionStart
        /// Measured by the server: from the clock reading kept in the setting ``revisionStartSetting`` (seconds
        /// since 1970) until the recording statement runs. For revisions sent several to a message, whose
        /// transactions all start when the message arrives.
        case sinceRevisionStart

        /// The duration in milliseconds, as SQL.
        var durationSQL: String {
            switch self {
            case .unknown: "NULL"
            case .measured(let milliseconds): VersionTable.rounded(milliseconds)
            case .sinceTransactionStart: "1000 * extract(epoch FROM clock_timestamp() - transaction_timestamp())"
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
            case .sinceTransactionStart:
                // When the server received the message that opened the transaction (simple query protocol).
                "transaction_timestamp()"
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
        _ record: Record,
        status: AppliedRevision.Status,
        elapsed: Elapsed,
        clientHost: String?
    ) -> String {
        upsertStatement(rows: [rowValues(record, status: status, elapsed: elapsed, clientHost: clientHost)])
    }

    /// One row for ``upsertStatement(rows:)``: a parenthesised list of values.
    package func rowValues(
        _ record: Record,
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

    /// Inserts rows of revisions that have none yet: known when the run holds the migration lock and read the
    /// table under it. A plain INSERT costs the server about a quarter less than ``upsertStatement(rows:)``.
    package func insertStatement(rows: [String]) -> String {
        "INSERT INTO \(qualifiedName) (\(Self.rowColumns)) VALUES \(rows.joined(separator: ",\n"))"
    }

    /// The columns ``rowValues(_:status:elapsed:clientHost:)`` gives values for.
    private static let rowColumns =
        "revision, parents, depends_on, branch_labels, message, file_name, checksum, down_sql, transactional, "
        + "status, client_host, execution_ms, tool_version"

    /// The assignments that complete an existing row from the inserted one.
    private static let completingRow = """
        ON CONFLICT (revision) DO UPDATE SET parents = EXCLUDED.parents, depends_on = EXCLUDED.depends_on, \
        branch_labels = EXCLUDED.branch_labels, message = EXCLUDED.message, file_name = EXCLUDED.file_name, \
        checksum = EXCLUDED.checksum, down_sql = EXCLUDED.down_sql, transactional = EXCLUDED.transactional, \
        status = EXCLUDED.status, failure = NULL, applied_at = EXCLUDED.applied_at, applied_by = EXCLUDED.applied_by, \
        client_host = EXCLUDED.client_host, execution_ms = EXCLUDED.execution_ms, tool_version = EXCLUDED.tool_version
        """

    /// Inserts or completes several rows in one statement.
    package func upsertStatement(rows: [String]) -> String {
        insertStatement(rows: rows) + " " + Self.completingRow
    }

    // MARK: - Prepared recording

    /// Prepares (SQL `PREPARE`) the statements that ``executeRecordStatement(_:clientHost:)`` and
    /// ``executeLogStatement(_:revision:clientHost:)`` run: the row and log entry of a revision applied or
    /// reverted in a transaction of its own, timed by the server from ``Elapsed/sinceRevisionStart``, as
    /// ``upsertStatement(_:status:elapsed:clientHost:)`` and ``logStatement(rows:)`` write them. The log entry
    /// returns its `duration_ms`.
    ///
    /// Parsed and planned once per run instead of once per revision, they cost the server about 0.1 ms less a
    /// revision. Prepared statements belong to the session, as the migration lock does; drop them with
    /// ``deallocateRecordingStatements``.
    package var prepareRecordingStatements: String {
        let elapsed = Elapsed.sinceRevisionStart
        let version = SQLQuoting.literal(MigrateVersion.current)
        return """
            PREPARE \(Self.recordStatementName) (text, text[], text[], text[], text, text, text, text, boolean, text) AS \
            INSERT INTO \(qualifiedName) (\(Self.rowColumns)) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'applied', $10, \(elapsed.durationSQL), \(version));
            PREPARE \(Self.logStatementName) (text, text, text) AS \
            INSERT INTO \(qualifiedLogName) (event, revision, outcome, detail, started_at, duration_ms, client_host, \
            tool_version) \
            VALUES ($1, $2, 'succeeded', NULL, \(elapsed.startedAtSQL), \(elapsed.durationSQL), $3, \(version)) \
            RETURNING duration_ms
            """
    }

    /// Drops what ``prepareRecordingStatements`` prepared.
    package static let deallocateRecordingStatements =
        "DEALLOCATE \(recordStatementName); DEALLOCATE \(logStatementName)"

    private static let recordStatementName = "migrate_record_revision"
    private static let logStatementName = "migrate_log_event"

    /// Inserts the row of a revision applied in the transaction open, with the prepared statement.
    package func executeRecordStatement(_ record: Record, clientHost: String?) -> String {
        let arguments = [
            SQLQuoting.literal(record.revision), SQLQuoting.literal(PostgresArrayLiteral.make(record.parents)),
            SQLQuoting.literal(PostgresArrayLiteral.make(record.dependsOn)),
            SQLQuoting.literal(PostgresArrayLiteral.make(record.branchLabels)), SQLQuoting.literal(record.message),
            Self.optional(record.fileName), SQLQuoting.literal(record.checksum), Self.optional(record.downSQL),
            record.isTransactional ? "true" : "false", Self.optional(clientHost),
        ]
        return "EXECUTE \(Self.recordStatementName)(\(arguments.joined(separator: ", ")))"
    }

    /// Logs a successful event of the transaction open, with the prepared statement.
    package func executeLogStatement(_ event: Event, revision: String, clientHost: String?) -> String {
        let arguments = [SQLQuoting.literal(event.rawValue), SQLQuoting.literal(revision), Self.optional(clientHost)]
        return "EXECUTE \(Self.logStatementName)(\(arguments.joined(separator: ", ")))"
    }

    // MARK: - Batches

    /// An applied revision for ``recordStatement(batch:clientHost:completingRows:)``.
    package struct BatchRow: Sendable {
        package var record: Record
        package var milliseconds: Double

        package init(record: Record, milliseconds: Double) {
            self.record = record
            self.milliseconds = milliseconds
        }
    }

    /// Records several applied revisions in one statement, as an atomic batch does just before COMMIT.
    ///
    /// Each column travels as one array literal, unnested on the server. A VALUES list would cost the server
    /// about 50 µs a row to analyse (25 ms for 500 rows, each value coerced and each cast looked up), arrays a
    /// fraction of that.
    /// - Parameter completingRows: Whether some revisions may have a row already (a failed non-transactional
    ///   revision's), to be completed rather than inserted.
    package func recordStatement(batch rows: [BatchRow], clientHost: String?, completingRows: Bool) -> String {
        let columns = [
            Self.array(rows.map(\.record.revision), as: "text"),
            Self.array(rows.map { PostgresArrayLiteral.make($0.record.parents) }, as: "text"),
            Self.array(rows.map { PostgresArrayLiteral.make($0.record.dependsOn) }, as: "text"),
            Self.array(rows.map { PostgresArrayLiteral.make($0.record.branchLabels) }, as: "text"),
            Self.array(rows.map(\.record.message), as: "text"),
            Self.array(rows.map(\.record.fileName), as: "text"),
            Self.array(rows.map(\.record.checksum), as: "text"),
            Self.array(rows.map(\.record.downSQL), as: "text"),
            Self.array(rows.map { String($0.record.isTransactional) }, as: "boolean"),
            Self.array(rows.map { Self.rounded($0.milliseconds) }, as: "float8"),
        ]
        let statement = """
            INSERT INTO \(qualifiedName) (\(Self.rowColumns)) \
            SELECT revision, parents::text[], depends_on::text[], branch_labels::text[], message, file_name, checksum, \
            down_sql, transactional, 'applied', \(Self.optional(clientHost)), execution_ms, \
            \(SQLQuoting.literal(MigrateVersion.current)) \
            FROM unnest(\(columns.joined(separator: ", "))) AS batch(revision, parents, depends_on, branch_labels, \
            message, file_name, checksum, down_sql, transactional, execution_ms)
            """
        return completingRows ? statement + " " + Self.completingRow : statement
    }

    /// An event for ``logStatement(batch:detail:clientHost:)``, timed by the server.
    package struct BatchEvent: Sendable {
        package var event: Event
        package var revision: String
        /// The server's clock when the event started, in seconds since 1970.
        package var startedAt: Double
        package var milliseconds: Double

        package init(event: Event, revision: String, startedAt: Double, milliseconds: Double) {
            self.event = event
            self.revision = revision
            self.startedAt = startedAt
            self.milliseconds = milliseconds
        }
    }

    /// Appends several successful events to the log in one statement, unnested from arrays as in
    /// ``recordStatement(batch:clientHost:completingRows:)``.
    package func logStatement(batch events: [BatchEvent], detail: String?, clientHost: String?) -> String {
        let columns = [
            Self.array(events.map(\.event.rawValue), as: "text"),
            Self.array(events.map(\.revision), as: "text"),
            // Microseconds, as timestamptz keeps them.
            Self.array(events.map { String(($0.startedAt * 1_000_000).rounded() / 1_000_000) }, as: "float8"),
            Self.array(events.map { Self.rounded($0.milliseconds) }, as: "float8"),
        ]
        return """
            INSERT INTO \(qualifiedLogName) (event, revision, outcome, detail, started_at, duration_ms, client_host, \
            tool_version) \
            SELECT event, revision, 'succeeded', \(Self.optional(detail)), to_timestamp(started_at), duration_ms, \
            \(Self.optional(clientHost)), \(SQLQuoting.literal(MigrateVersion.current)) \
            FROM unnest(\(columns.joined(separator: ", "))) AS batch(event, revision, started_at, duration_ms)
            """
    }

    /// `'{...}'::type[]`.
    private static func array(_ elements: [String?], as type: String) -> String {
        SQLQuoting.literal(PostgresArrayLiteral.make(elements)) + "::\(type)[]"
    }

    /// Milliseconds to the microsecond, as the version tables keep them.
    private static func rounded(_ milliseconds: Double) -> String {
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
    package func logStatement(rows: [String]) -> String {
        "INSERT INTO \(qualifiedLogName) (event, revision, outcome, detail, started_at, duration_ms, "
            + "client_host, tool_version) VALUES \(rows.joined(separator: ",\n"))"
    }

    private static func optional(_ value: String?) -> String {
        value.map(SQLQuoting.literal) ?? "NULL"
    }

    private static func textArray(_ values: [String]) -> String {
        values.isEmpty
            ? "'{}'::text[]" : "ARRAY[" + values.map(SQLQuoting.literal).joined(separator: ", ") + "]::text[]"
    }
}
