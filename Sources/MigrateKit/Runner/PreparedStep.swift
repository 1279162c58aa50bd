import PostgresClient

/// A revision to apply or revert, checked and split before anything runs, with the SQL that wraps and
/// records it. The online runner and offline `--sql` scripts use the same statements.
package struct PreparedStep: Sendable {
    package var revision: String
    package var message: String
    package var direction: MigrationPlan.Direction
    package var section: PreparedSection
    package var isTransactional: Bool
    /// PostgreSQL setting values (`5s`, `0`).
    package var lockTimeout: String
    package var statementTimeout: String
    /// What the version table records for an upgrade; `nil` for a downgrade (the row is deleted).
    var record: AppliedRevision?
    let versionTable: VersionTable
    let clientHost: String?
    /// Things worth a warning that do not stop the run.
    package var caveats: [String] = []

    // MARK: - Preparing

    /// Prepares applying a revision: parses its up section and checks it can run as its header says.
    static func upgrade(
        _ revision: Revision,
        options: MigrationOptions,
        versionTable: VersionTable
    ) throws(MigrateError) -> PreparedStep {
        let section = try PreparedSection(
            text: revision.up.text,
            origin: revision.path,
            firstLine: revision.up.firstLine
        )
        let caveats = try section.checkRunnable(transactional: revision.isTransactional, revision: revision.id)
        if !revision.isTransactional && options.transactionMode == .all {
            throw MigrateError(
                .usage,
                "revision \(revision.id) is marked `-- migrate:transaction false` and cannot run inside the single "
                    + "transaction of --atomic (transaction = \"all\")",
                location: SourceLocation(file: revision.path),
                hint: "run without --atomic, or upgrade to the revision before it atomically first"
            )
        }
        var step = PreparedStep(
            revision: revision.id,
            message: revision.message,
            direction: .upgrade,
            section: section,
            isTransactional: revision.isTransactional,
            lockTimeout: revision.lockTimeout?.settingValue ?? options.lockTimeout,
            statementTimeout: revision.statementTimeout?.settingValue ?? options.statementTimeout,
            record: Migrator.record(for: revision),
            versionTable: versionTable,
            clientHost: options.clientHost
        )
        step.caveats = caveats
        return step
    }

    /// Prepares reverting a revision: its file's down section, or the down SQL stored when it was applied.
    /// - Parameter row: The version-table row, needed when the file is gone.
    static func downgrade(
        _ planStep: MigrationPlan.Step,
        row: AppliedRevision?,
        options: MigrationOptions,
        versionTable: VersionTable
    ) throws(MigrateError) -> PreparedStep {
        let section: PreparedSection
        let transactional: Bool
        if let revision = planStep.revision {
            guard revision.down.containsSQL || !revision.up.containsSQL else {
                throw MigrateError(
                    .revisionFile,
                    "revision \(revision.id) cannot be downgraded: its down section is empty (irreversible)",
                    location: SourceLocation(file: revision.path, line: revision.down.markerLine),
                    hint: "write a down section, or `migrate stamp` past it if you reverted it by hand"
                )
            }
            section = try PreparedSection(
                text: revision.down.text,
                origin: revision.path,
                firstLine: revision.down.firstLine
            )
            transactional = revision.isTransactional
        } else {
            guard let row, let downSQL = row.downSQL else {
                throw MigrateError(
                    .revisionFile,
                    "revision \(planStep.revisionID) is applied but its file is gone and no down SQL was stored for it",
                    hint: "restore its file, or `migrate stamp` past it if you revert it by hand"
                )
            }
            section = try PreparedSection(
                text: downSQL,
                origin: "stored down SQL of revision \(planStep.revisionID) (file \(row.fileName ?? "unknown"))",
                firstLine: 1
            )
            transactional = row.isTransactional
        }
        let caveats = try section.checkRunnable(transactional: transactional, revision: planStep.revisionID)
        var step = PreparedStep(
            revision: planStep.revisionID,
            message: planStep.revision?.message ?? row?.message ?? "",
            direction: .downgrade,
            section: section,
            isTransactional: transactional,
            lockTimeout: planStep.revision?.lockTimeout?.settingValue ?? options.lockTimeout,
            statementTimeout: planStep.revision?.statementTimeout?.settingValue ?? options.statementTimeout,
            record: nil,
            versionTable: versionTable,
            clientHost: options.clientHost
        )
        step.caveats = caveats
        return step
    }

    // MARK: - SQL around the statements

    var event: VersionTable.Event { direction == .upgrade ? .upgrade : .downgrade }

    /// `SET [LOCAL] lock_timeout = ...; SET [LOCAL] statement_timeout = ...`.
    func timeoutSettings(local: Bool) -> String {
        let set = local ? "SET LOCAL" : "SET"
        return "\(set) lock_timeout = \(SQLQuoting.literal(lockTimeout)); "
            + "\(set) statement_timeout = \(SQLQuoting.literal(statementTimeout))"
    }

    /// One statement that sets the timeouts for the transaction open, as `SET LOCAL` does, and reads the server's
    /// clock (seconds since 1970): it keeps the reading in ``VersionTable/revisionStartSetting`` and returns it
    /// as its first value. What starts a revision that the server times.
    var timeoutsAndClock: RunnerStatement {
        RunnerStatement(
            role: .timeoutsAndClock,
            sql: "SELECT set_config('\(VersionTable.revisionStartSetting)', "
                + "extract(epoch FROM clock_timestamp())::text, true), "
                + "set_config('lock_timeout', \(SQLQuoting.literal(lockTimeout)), true), "
                + "set_config('statement_timeout', \(SQLQuoting.literal(statementTimeout)), true)"
        )
    }

    /// The version-table change: upsert the row (upgrade) or delete it (downgrade).
    func recordStatement(status: AppliedRevision.Status, elapsed: VersionTable.Elapsed) -> String {
        guard let record else { return versionTable.deleteStatement(revision: revision) }
        return versionTable.upsertStatement(record, status: status, elapsed: elapsed, clientHost: clientHost)
    }

    /// The log entry of the step.
    /// - Parameter returningDuration: The statement returns the `duration_ms` it records.
    func logStatement(
        succeeded: Bool,
        detail: String?,
        elapsed: VersionTable.Elapsed,
        returningDuration: Bool = false
    ) -> String {
        let row = versionTable.logValues(
            event,
            revision: revision,
            succeeded: succeeded,
            detail: detail,
            elapsed: elapsed,
            clientHost: clientHost
        )
        return versionTable.logStatement(rows: [row], returningDuration: returningDuration)
    }

    /// What completes a step inside its transaction: for the last commit of a run, a synchronous commit (so
    /// everything before it is durable too); the version-table row; the log entry.
    /// - Parameter returningDuration: The log entry returns the step's time (for the runner to report).
    func finishing(
        elapsed: VersionTable.Elapsed,
        durable: Bool,
        detail: String? = nil,
        returningDuration: Bool = false
    ) -> [RunnerStatement] {
        var statements = [
            RunnerStatement(role: .versionRow, sql: recordStatement(status: .applied, elapsed: elapsed)),
            RunnerStatement(
                role: .logEntry,
                sql: logStatement(
                    succeeded: true,
                    detail: detail,
                    elapsed: elapsed,
                    returningDuration: returningDuration
                )
            ),
        ]
        if durable { statements.insert(.durableCommit, at: 0) }
        return statements
    }

    /// The SQL of ``finishing(elapsed:durable:detail:)``.
    func finishStatements(elapsed: VersionTable.Elapsed, durable: Bool, detail: String? = nil) -> [String] {
        finishing(elapsed: elapsed, durable: durable, detail: detail).map(\.sql)
    }
}
