import PostgresClient

/// Running prepared steps: one transaction per revision, one for the batch, or statement by statement.
extension Migrator {
    /// A revision to apply or revert, checked and split before anything runs.
    struct PreparedStep {
        var revision: String
        var message: String
        var direction: MigrationPlan.Direction
        var section: PreparedSection
        var isTransactional: Bool
        var lockTimeout: String
        var statementTimeout: String
        /// The version-table change that records the step (upsert for upgrade, delete for downgrade).
        var recordStatement: (_ status: AppliedRevision.Status, _ milliseconds: Double?) -> String
    }

    func prepareUpgrade(_ step: MigrationPlan.Step) throws(MigrateError) -> PreparedStep {
        guard let revision = step.revision else {
            throw MigrateError(.internal, "upgrade step \(step.revisionID) has no revision file")
        }
        let section = try PreparedSection(text: revision.up.text, origin: revision.path, firstLine: revision.up.firstLine)
        for caveat in try section.checkRunnable(transactional: revision.isTransactional, revision: revision.id) {
            report(.warning(caveat))
        }
        if !revision.isTransactional && options.transactionMode == .all {
            throw MigrateError(
                .usage,
                "revision \(revision.id) is marked `-- migrate:transaction false` and cannot run inside the single "
                    + "transaction of --atomic (transaction = \"all\")",
                location: SourceLocation(file: revision.path),
                hint: "run without --atomic, or upgrade to the revision before it atomically first"
            )
        }
        let record = Self.record(for: revision)
        let table = versionTable
        let clientHost = options.clientHost
        return PreparedStep(
            revision: revision.id,
            message: revision.message,
            direction: .upgrade,
            section: section,
            isTransactional: revision.isTransactional,
            lockTimeout: revision.lockTimeout?.settingValue ?? options.lockTimeout,
            statementTimeout: revision.statementTimeout?.settingValue ?? options.statementTimeout,
            recordStatement: { status, milliseconds in
                table.upsertStatement(record, status: status, milliseconds: milliseconds, clientHost: clientHost)
            }
        )
    }

    func prepareDowngrade(_ step: MigrationPlan.Step, row: AppliedRevision?) throws(MigrateError) -> PreparedStep {
        let section: PreparedSection
        let transactional: Bool
        if let revision = step.revision {
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
                    "revision \(step.revisionID) is applied but its file is gone and no down SQL was stored for it",
                    hint: "restore its file, or `migrate stamp` past it if you revert it by hand"
                )
            }
            report(.usingStoredDownSQL(revision: step.revisionID))
            section = try PreparedSection(
                text: downSQL,
                origin: "stored down SQL of revision \(step.revisionID) (file \(row.fileName ?? "unknown"))",
                firstLine: 1
            )
            transactional = row.isTransactional
        }
        _ = try section.checkRunnable(transactional: transactional, revision: step.revisionID)
        let table = versionTable
        let id = step.revisionID
        return PreparedStep(
            revision: id,
            message: step.revision?.message ?? row?.message ?? "",
            direction: .downgrade,
            section: section,
            isTransactional: transactional,
            lockTimeout: step.revision?.lockTimeout?.settingValue ?? options.lockTimeout,
            statementTimeout: step.revision?.statementTimeout?.settingValue ?? options.statementTimeout,
            recordStatement: { _, _ in table.deleteStatement(revision: id) }
        )
    }

    // MARK: - Running

    /// One transaction per revision (non-transactional revisions statement by statement).
    func runEach(_ steps: [PreparedStep], partial: [String: AppliedRevision]) throws {
        // Commits before the last need not wait for their WAL flush: the last commit flushes everything
        // before it, and a server crash in between loses only whole revisions, row and DDL together.
        if steps.count > 1 { try connection.execute("SET synchronous_commit = off") }
        defer { _ = try? connection.execute("RESET synchronous_commit") }
        for (index, step) in steps.enumerated() {
            let isLast = index == steps.count - 1
            if step.isTransactional {
                try runInTransaction(step, durable: isLast)
            } else {
                try runStatementByStatement(step, resumeFrom: partial[step.revision], durable: isLast)
            }
        }
    }

    /// The whole batch in one transaction: all revisions or none.
    func runAtomically(_ steps: [PreparedStep]) throws {
        let started = monotonicSeconds()
        try connection.execute("BEGIN")
        for step in steps {
            report(.started(revision: step.revision, message: step.message, direction: step.direction))
            let stepStarted = monotonicSeconds()
            try connection.execute(timeoutSettings(step, local: true))
            try runStatements(step, outcome: "the whole batch was rolled back (--atomic); no revision was applied")
            let milliseconds = (monotonicSeconds() - stepStarted) * 1000
            try connection.execute(
                step.recordStatement(.applied, milliseconds) + ";\n"
                    + logStatement(event(step), step.revision, succeeded: true, detail: "atomic batch", milliseconds)
            )
            report(.finished(revision: step.revision, direction: step.direction, milliseconds: milliseconds))
        }
        if let error = attempt("COMMIT") {
            try recordFailure(steps.last!, error: error, milliseconds: (monotonicSeconds() - started) * 1000)
            throw MigrateError(
                .statementFailed,
                "the batch failed at COMMIT (a deferred constraint?); everything was rolled back\n"
                    + StatementFailure.serverText(error)
            )
        }
    }

    /// A transactional revision: its statements and its version-table row in one transaction.
    func runInTransaction(_ step: PreparedStep, durable: Bool) throws {
        report(.started(revision: step.revision, message: step.message, direction: step.direction))
        let started = monotonicSeconds()
        try connection.execute("BEGIN;\n" + timeoutSettings(step, local: true))
        try runStatements(step, outcome: "it was rolled back" + earlierRevisionsNote(step))
        let milliseconds = (monotonicSeconds() - started) * 1000
        var finish = [
            step.recordStatement(.applied, milliseconds),
            logStatement(event(step), step.revision, succeeded: true, detail: nil, milliseconds),
        ]
        if durable { finish.insert("SET LOCAL synchronous_commit = on", at: 0) }
        if let error = attempt(finish.joined(separator: ";\n") + ";\nCOMMIT") {
            if connection.isHealthy, connection.transactionState != .idle { _ = try? connection.rollback() }
            try recordFailure(step, error: error, milliseconds: milliseconds)
            throw MigrateError(
                .statementFailed,
                "revision \(step.revision) failed at COMMIT (a deferred constraint?); it was rolled back\n"
                    + StatementFailure.serverText(error),
                location: SourceLocation(file: step.section.origin)
            )
        }
        report(.finished(revision: step.revision, direction: step.direction, milliseconds: milliseconds))
    }

    /// Runs a step's statements in the current transaction; on failure rolls back, logs, and throws.
    private func runStatements(_ step: PreparedStep, outcome: String) throws {
        let started = monotonicSeconds()
        for statement in step.section.statements {
            let failure = attempt(statement.text)
            forwardNotices(step, statement)
            if let error = failure {
                if connection.isHealthy { _ = try? connection.rollback() }
                try? recordFailure(step, error: error, milliseconds: (monotonicSeconds() - started) * 1000)
                throw StatementFailure.error(
                    error,
                    location: step.section.location(of: error, in: statement),
                    statementLocation: statement.location,
                    revision: step.revision,
                    message: step.message,
                    outcome: outcome
                )
            }
        }
    }

    /// A `-- migrate:transaction false` revision: statement by statement, progress recorded after each, so a
    /// failure or crash leaves a row saying how far it got.
    func runStatementByStatement(_ step: PreparedStep, resumeFrom row: AppliedRevision?, durable: Bool) throws {
        report(.started(revision: step.revision, message: step.message, direction: step.direction))
        let started = monotonicSeconds()
        let statements = step.section.statements
        var next = 0
        if step.direction == .upgrade {
            if let row, row.statementsDone > 0, row.statementsDone < statements.count {
                next = row.statementsDone
                report(.resuming(revision: step.revision, statement: next + 1, location: statements[next].location))
            }
            if row == nil || row?.status != .running {
                try connection.execute(step.recordStatement(.running, nil))
            }
        }
        try connection.execute(timeoutSettings(step, local: false))
        defer { _ = try? connection.execute("RESET lock_timeout; RESET statement_timeout") }
        while next < statements.count {
            let statement = statements[next]
            let failure = attempt(statement.text)
            forwardNotices(step, statement)
            if let error = failure {
                let milliseconds = (monotonicSeconds() - started) * 1000
                let done = next == 0 ? "no statement had completed" : "statements 1-\(next) completed and stay done"
                if step.direction == .upgrade, connection.isHealthy {
                    _ = try? connection.execute(
                        versionTable.failureStatement(revision: step.revision, failure: StatementFailure.serverText(error))
                    )
                }
                try? recordFailure(step, error: error, milliseconds: milliseconds)
                let hint =
                    step.direction == .upgrade
                    ? "fix the statement and run `migrate upgrade` again: it resumes at this statement; or, if you "
                        + "finished the revision by hand, `migrate stamp \(step.revision)`"
                    : "fix the down SQL and run the downgrade again (statements that already ran are not undone)"
                throw StatementFailure.error(
                    error,
                    location: step.section.location(of: error, in: statement),
                    statementLocation: statement.location,
                    revision: step.revision,
                    message: step.message,
                    outcome: "the revision runs outside a transaction (`-- migrate:transaction false`), so "
                        + "\(done)" + earlierRevisionsNote(step),
                    hint: hint
                )
            }
            next += 1
            if step.direction == .upgrade {
                try connection.execute(versionTable.progressStatement(revision: step.revision, statementsDone: next))
            }
        }
        let milliseconds = (monotonicSeconds() - started) * 1000
        var finish = [
            step.recordStatement(.applied, milliseconds),
            logStatement(event(step), step.revision, succeeded: true, detail: nil, milliseconds),
        ]
        if durable { finish.insert("SET LOCAL synchronous_commit = on", at: 0) }
        try connection.execute("BEGIN;\n" + finish.joined(separator: ";\n") + ";\nCOMMIT")
        report(.finished(revision: step.revision, direction: step.direction, milliseconds: milliseconds))
    }

    // MARK: - Pieces

    /// Runs SQL and returns the server's error instead of throwing it, so callers can clean up first.
    private func attempt(_ sql: String) -> PostgresError? {
        do {
            try connection.execute(sql)
            return nil
        } catch {
            return error
        }
    }

    private func event(_ step: PreparedStep) -> VersionTable.Event {
        step.direction == .upgrade ? .upgrade : .downgrade
    }

    private func earlierRevisionsNote(_ step: PreparedStep) -> String {
        step.direction == .upgrade ? "; revisions before it stay applied" : "; revisions reverted before it stay reverted"
    }

    private func timeoutSettings(_ step: PreparedStep, local: Bool) -> String {
        let set = local ? "SET LOCAL" : "SET"
        return "\(set) lock_timeout = \(SQLQuoting.literal(step.lockTimeout)); "
            + "\(set) statement_timeout = \(SQLQuoting.literal(step.statementTimeout))"
    }

    /// Appends a failure to the event log, durably, outside the failed transaction.
    private func recordFailure(_ step: PreparedStep, error: PostgresError, milliseconds: Double) throws {
        guard connection.isHealthy else { return }
        if connection.transactionState != .idle { _ = try? connection.rollback() }
        try connection.execute(
            "BEGIN; SET LOCAL synchronous_commit = on;\n"
                + logStatement(event(step), step.revision, succeeded: false, detail: StatementFailure.serverText(error), milliseconds)
                + ";\nCOMMIT"
        )
    }

    private func forwardNotices(_ step: PreparedStep, _ statement: PreparedSection.Statement) {
        for notice in connection.takeNotices() {
            report(.notice(notice, revision: step.revision, location: statement.location))
        }
    }
}
