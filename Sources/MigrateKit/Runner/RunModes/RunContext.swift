import PostgresClient

/// What every run mode shares: the session, the version table, the options, where events go, and how a
/// message of statements is sent, its notices labelled and its failure traced to a statement.
///
/// The run modes (``TransactionPerRevisionRun``, ``AtomicRun``, ``StatementByStatementRun``) decide which
/// statements go in which message; this type sends them.
struct RunContext {
    let migrator: Migrator
    var connection: PostgresConnection { migrator.connection }
    var versionTable: VersionTable { migrator.versionTable }
    var options: MigrationOptions { migrator.options }

    /// Whether every statement goes to the server in a message of its own, as before batching: before
    /// PostgreSQL 13 a multi-statement message shares one statement_timeout; and with
    /// `standard_conforming_strings` off the server reads backslashes in quotes differently than the parser
    /// that split the section, so one message could run together statements that were checked apart.
    let sendsStatementsSeparately: Bool

    init(_ migrator: Migrator) {
        self.migrator = migrator
        let connection = migrator.connection
        sendsStatementsSeparately =
            connection.serverVersionNumber < 130_000
            || connection.reportedSetting("standard_conforming_strings") != "on"
    }

    func report(_ event: MigrationEvent) { migrator.report(event) }

    /// The messages that run steps' batches, several steps to a message. A revision's statements are
    /// separated so its notices can be traced (unless each goes alone anyway).
    func messages(
        _ steps: [PreparedStep],
        leading: (Int, PreparedStep) -> [RunnerStatement],
        trailing: (Int, PreparedStep) -> [RunnerStatement]
    ) -> [PackedMessage] {
        var batches: [(step: Int, batch: StatementBatch)] = []
        for (index, step) in steps.enumerated() {
            for batch in StatementBatch.messages(
                for: step.section,
                leading: leading(index, step),
                trailing: trailing(index, step),
                separately: sendsStatementsSeparately,
                separatingStatements: !sendsStatementsSeparately
            ) {
                batches.append((index, batch))
            }
        }
        return PackedMessage.messages(batches, separately: sendsStatementsSeparately)
    }

    /// Sends a message of several steps' batches. `onResult` gets each completed statement: its part of the
    /// message, what the statement is, and the first value it returned. Notices are reported with the step and
    /// statement that raised them. A failure (or fewer results than statements sent) is traced to its step
    /// (``FailureLocator``), which is rolled back and logged as failed, and thrown.
    func send(
        _ message: PackedMessage,
        of steps: [PreparedStep],
        outcome: (PreparedStep) -> String,
        onResult: (PackedMessage.Part, StatementBatch.Part, String?) -> Void
    ) throws {
        // A failed revision's time counts from when its message went.
        let sent = monotonicSeconds()
        let failure: ScriptFailure
        do {
            let completed = try connection.executeScript(message.text) { count, firstValue in
                let source = message.noticeSource(afterResult: count - 1)
                // The next statement's notices are reported after this result's events (a revision's end).
                if let source, !source.isNext { forwardNotices(steps[source.part.step], statement: source.statement) }
                if let part = message.part(holdingStatement: count - 1) {
                    onResult(part, part.batch.part(ofStatement: count - 1 - part.statementOffset), firstValue)
                }
                if let source, source.isNext { forwardNotices(steps[source.part.step], statement: source.statement) }
            }
            if completed == message.statementCount { return }
            failure = FailureLocator.missingResults(completed: completed, sent: message.statementCount)
        } catch {
            failure = error
        }
        let located = FailureLocator.locate(failure, in: message)
        let step = steps[located.part.step]
        // The notices read with the error are the failed statement's.
        if case .section(let index) = located.failedPart {
            forwardNotices(step, statement: index)
        } else {
            forwardNotices(step, statement: nil)
        }
        if connection.isHealthy, connection.transactionState != .idle { _ = try? connection.rollback() }
        try? recordFailure(step, error: located.failure.error, milliseconds: (monotonicSeconds() - sent) * 1000)
        var error = FailureLocator.error(located, step: step, outcome: outcome(step))
        if case .section(let index) = located.failedPart,
            let note = migrator.lockConflictNote(located.failure.error, statement: step.section.statements[index].text)
        {
            error.message += "\n" + note
        }
        throw error
    }

    /// Runs SQL and returns the server's error instead of throwing it, so callers can clean up first.
    func attempt(_ sql: String) -> PostgresError? {
        do {
            try connection.execute(sql)
            return nil
        } catch {
            return error
        }
    }

    /// Appends a failure to the event log, durably, outside the failed transaction.
    func recordFailure(_ step: PreparedStep, error: PostgresError, milliseconds: Double) throws {
        guard connection.isHealthy else { return }
        if connection.transactionState != .idle { _ = try? connection.rollback() }
        try connection.execute(
            "BEGIN; SET LOCAL synchronous_commit = on;\n"
                + step.logStatement(
                    succeeded: false,
                    detail: StatementFailure.serverText(error),
                    elapsed: .measured(milliseconds: milliseconds)
                )
                + ";\nCOMMIT"
        )
    }

    /// Reports the notices collected since the last call as raised by `step`'s statement number `statement`
    /// (in its section), or by the step as a whole when `nil`.
    func forwardNotices(_ step: PreparedStep, statement: Int?) {
        forwardNotices(
            step,
            at: statement.map { step.section.statements[$0].location } ?? SourceLocation(file: step.section.origin)
        )
    }

    func forwardNotices(_ step: PreparedStep, at location: SourceLocation) {
        for notice in connection.takeNotices() {
            report(.notice(notice, revision: step.revision, location: location))
        }
    }

    func earlierRevisionsNote(_ step: PreparedStep) -> String {
        step.direction == .upgrade
            ? "; revisions before it stay applied" : "; revisions reverted before it stay reverted"
    }

    func reportStarted(_ step: PreparedStep) {
        report(.started(revision: step.revision, message: step.message, direction: step.direction))
    }

    func reportFinished(_ step: PreparedStep, milliseconds: Double) {
        report(.finished(revision: step.revision, direction: step.direction, milliseconds: milliseconds))
    }
}
