import PostgresClient

/// A revision to apply or revert, checked and split before anything runs, with the SQL that wraps and
/// records it. The online runner and offline `--sql` scripts use the same statements (the runner may record
/// through prepared statements instead: the same rows).
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
    var record: VersionTable.Record?
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
        timeoutStatements(local: local).joined(separator: "; ")
    }

    /// The two statements of ``timeoutSettings(local:)``.
    func timeoutStatements(local: Bool) -> [String] {
        let set = local ? "SET LOCAL" : "SET"
        return [
            "\(set) lock_timeout = \(SQLQuoting.literal(lockTimeout))",
            "\(set) statement_timeout = \(SQLQuoting.literal(statementTimeout))",
        ]
    }

    /// One statement that sets the timeouts for the transaction open, as `SET LOCAL` does, and reads the server's
    /// clock (seconds since 1970): it keeps the reading in ``VersionTable/revisionStartSetting`` and returns it
    /// as its first value. What starts each revision sent several to a message.
    var timedTimeoutSettings: String {
        "SELECT set_config('\(VersionTable.revisionStartSetting)', extract(epoch FROM clock_timestamp())::text, true), "
            + "set_config('lock_timeout', \(SQLQuoting.literal(lockTimeout)), true), "
            + "set_config('statement_timeout', \(SQLQuoting.literal(statementTimeout)), true)"
    }

    /// The version-table change: upsert the row (upgrade) or delete it (downgrade).
    /// - Parameter rowExists: `false` when the revision is known to have no row yet: a plain INSERT then.
    func recordStatement(status: AppliedRevision.Status, elapsed: VersionTable.Elapsed, rowExists: Bool = true)
        -> String
    {
        guard let record else { return versionTable.deleteStatement(revision: revision) }
        guard rowExists else {
            let row = versionTable.rowValues(record, status: status, elapsed: elapsed, clientHost: clientHost)
            return versionTable.insertStatement(rows: [row])
        }
        return versionTable.upsertStatement(record, status: status, elapsed: elapsed, clientHost: clientHost)
    }

    func logStatement(succeeded: Bool, detail: String?, elapsed: VersionTable.Elapsed) -> String {
        versionTable.logStatement(rows: [logValues(succeeded: succeeded, detail: detail, elapsed: elapsed)])
    }

    private func logValues(succeeded: Bool, detail: String?, elapsed: VersionTable.Elapsed) -> String {
        versionTable.logValues(
            event,
            revision: revision,
            succeeded: succeeded,
            detail: detail,
            elapsed: elapsed,
            clientHost: clientHost
        )
    }

    /// ``finishStatements(elapsed:durable:detail:rowExists:)`` for a step in a transaction of its own, begun
    /// with ``timedTimeoutSettings`` and timed by the server from there, in a session that ran
    /// ``VersionTable/prepareRecordingStatements``: the same rows, through the prepared statements. The last
    /// statement is the log entry, which returns the step's time.
    func preparedFinishStatements(durable: Bool, rowExists: Bool) -> [String] {
        var statements = [
            record.map { record in
                rowExists
                    ? recordStatement(status: .applied, elapsed: .sinceRevisionStart)
                    : versionTable.executeRecordStatement(record, clientHost: clientHost)
            } ?? versionTable.deleteStatement(revision: revision),
            versionTable.executeLogStatement(event, revision: revision, clientHost: clientHost),
        ]
        if durable { statements.insert("SET LOCAL synchronous_commit = on", at: 0) }
        return statements
    }

    /// What completes a step inside its transaction: record, log, and (for the last commit of a run) a
    /// synchronous commit so everything before it is durable too.
    func finishStatements(
        elapsed: VersionTable.Elapsed,
        durable: Bool,
        detail: String? = nil,
        rowExists: Bool = true
    ) -> [String] {
        var statements = [
            recordStatement(status: .applied, elapsed: elapsed, rowExists: rowExists),
            logStatement(succeeded: true, detail: detail, elapsed: elapsed),
        ]
        if durable { statements.insert("SET LOCAL synchronous_commit = on", at: 0) }
        return statements
    }
}
