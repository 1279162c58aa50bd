import PostgresClient

/// A `-- migrate:transaction false` revision: statement by statement, outside a transaction, each statement
/// a message of its own, with progress recorded after each, so a failure or crash leaves a row saying how far
/// it got and the next run resumes there:
///
///     <row: running>; SET timeouts;
///     <statement 1>; <row: 1 done>; <statement 2>; <row: 2 done>; ...
///     RESET timeouts; BEGIN; <row: applied>; <log entry>; COMMIT
///
/// A `CREATE INDEX CONCURRENTLY` that failed or was cut off leaves an INVALID index under its name: it is
/// dropped right after the failure and before such a statement runs again.
struct StatementByStatementRun {
    let context: RunContext

    /// - Parameters:
    ///   - row: The revision's version-table row, if a previous run left one (`running` or `failed`).
    ///   - durable: This is the last commit of the run: it waits for the disk.
    func run(_ step: PreparedStep, resumeFrom row: AppliedRevision?, durable: Bool) throws {
        let connection = context.connection
        context.reportStarted(step)
        let started = monotonicSeconds()
        let statements = step.section.statements
        var next = 0
        if step.direction == .upgrade {
            if let row, row.statementsDone > 0 {
                // All done already (interrupted before the final commit): only the record is left to write.
                next = min(row.statementsDone, statements.count)
                if next < statements.count {
                    context.report(
                        .resuming(revision: step.revision, statement: next + 1, location: statements[next].location)
                    )
                }
            }
            if row == nil || row?.status != .running {
                try connection.execute(step.recordStatement(status: .running, elapsed: .unknown))
            }
        }
        try connection.execute(step.timeoutSettings(local: false))
        defer { _ = try? connection.execute("RESET lock_timeout; RESET statement_timeout") }
        while next < statements.count {
            let statement = statements[next]
            // An earlier run cut off while building this index (crash, kill) left it INVALID under its name.
            // Best effort: if this fails, the CREATE fails too, and is reported like any failed statement.
            dropLeftoverIndex(of: statement)
            let failure = context.attempt(statement.text)
            context.forwardNotices(step, at: statement.location)
            if let error = failure {
                throw failed(step, statement: statement, completed: next, error: error, started: started)
            }
            next += 1
            if step.direction == .upgrade {
                try connection.execute(
                    context.versionTable.progressStatement(revision: step.revision, statementsDone: next)
                )
            }
        }
        let milliseconds = (monotonicSeconds() - started) * 1000
        let finish = step.finishStatements(elapsed: .measured(milliseconds: milliseconds), durable: durable)
        try connection.execute("BEGIN;\n" + finish.joined(separator: ";\n") + ";\nCOMMIT")
        context.reportFinished(step, milliseconds: milliseconds)
    }

    /// Marks the row failed, logs the failure, drops what a failed CREATE INDEX CONCURRENTLY left, and returns
    /// the error to throw: which statements stay done, and how to resume.
    private func failed(
        _ step: PreparedStep,
        statement: PreparedSection.Statement,
        completed: Int,
        error: PostgresError,
        started: Double
    ) -> MigrateError {
        let connection = context.connection
        let milliseconds = (monotonicSeconds() - started) * 1000
        let done =
            switch completed {
            case 0: "no statement had completed"
            case 1: "statement 1 completed and stays done"
            default: "statements 1-\(completed) completed and stay done"
            }
        if step.direction == .upgrade, connection.isHealthy {
            _ = try? connection.execute(
                context.versionTable.failureStatement(
                    revision: step.revision,
                    failure: StatementFailure.serverText(error)
                )
            )
        }
        try? context.recordFailure(step, error: error, milliseconds: milliseconds)
        if connection.isHealthy { dropLeftoverIndex(of: statement) }
        let hint =
            step.direction == .upgrade
            ? "fix the statement and run `migrate upgrade` again: it resumes at this statement; or, if you "
                + "finished the revision by hand, `migrate stamp \(step.revision)`"
            : "fix the down SQL and run the downgrade again (statements that already ran are not undone)"
        var failure = StatementFailure.error(
            error,
            location: step.section.location(of: error, in: statement),
            statementLocation: statement.location,
            revision: step.revision,
            message: step.message,
            outcome: "the revision runs outside a transaction (`-- migrate:transaction false`), so "
                + "\(done)" + context.earlierRevisionsNote(step),
            hint: hint
        )
        if let note = context.migrator.lockConflictNote(error, statement: statement.text) {
            failure.message += "\n" + note
        }
        return failure
    }

    /// Drops the INVALID index a failed `CREATE INDEX CONCURRENTLY` statement left behind, and says so.
    private func dropLeftoverIndex(of statement: PreparedSection.Statement) {
        guard let target = statement.concurrentIndex,
            let dropped = try? InvalidIndexRecovery.dropLeftover(target, on: context.connection)
        else { return }
        context.report(
            .warning(
                "dropped the INVALID index \(dropped) that a failed or interrupted CREATE INDEX CONCURRENTLY left "
                    + "(\(statement.location))"
            )
        )
    }
}
