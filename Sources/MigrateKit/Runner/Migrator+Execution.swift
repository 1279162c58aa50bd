import PostgresClient

/// Running prepared steps: one transaction per revision, one for the batch, or statement by statement.
extension Migrator {
    /// Prepares every step of an upgrade, in order, reporting their caveats; the first step (in plan order)
    /// that cannot run as written throws.
    ///
    /// Parsing is most of the client's own work in a large upgrade, so it is spread over the cores
    /// (libpg_query keeps its state per thread).
    func prepareUpgrades(_ steps: [MigrationPlan.Step]) throws(MigrateError) -> [PreparedStep] {
        let options = options
        let versionTable = versionTable
        let results = steps.concurrentResults(minimumCount: 64) { step in
            guard let revision = step.revision else {
                throw MigrateError(.internal, "upgrade step \(step.revisionID) has no revision file")
            }
            return try PreparedStep.upgrade(revision, options: options, versionTable: versionTable)
        }
        var prepared: [PreparedStep] = []
        prepared.reserveCapacity(results.count)
        for result in results {
            let step = try Self.migrateErrorOrValue(result)
            step.caveats.forEach { report(.warning($0)) }
            prepared.append(step)
        }
        return prepared
    }

    private static func migrateErrorOrValue<Value>(_ result: Result<Value, any Error>) throws(MigrateError) -> Value {
        switch result {
        case .success(let value): return value
        case .failure(let error as MigrateError): throw error
        case .failure(let error): throw MigrateError(.internal, "\(error)")
        }
    }

    func prepareDowngrade(_ step: MigrationPlan.Step, row: AppliedRevision?) throws(MigrateError) -> PreparedStep {
        if step.revision == nil { report(.usingStoredDownSQL(revision: step.revisionID)) }
        return try PreparedStep.downgrade(step, row: row, options: options, versionTable: versionTable)
    }

    // MARK: - Running

    /// One transaction per revision (non-transactional revisions statement by statement). When the run has
    /// several revisions, quick ones share messages (``runPacked(_:endsRun:partial:)``).
    func runEach(_ steps: [PreparedStep], partial: [String: AppliedRevision]) throws {
        // Commits before the last need not wait for their WAL flush: the last commit flushes everything
        // before it, and a server crash in between loses only whole revisions, row and DDL together.
        // Several revisions also record themselves through statements prepared once, unless one of them would
        // drop those.
        let prepared = steps.count > 1 && !steps.contains(where: \.section.dropsPreparedStatements)
        if steps.count > 1 {
            try connection.execute(
                "SET synchronous_commit = off" + (prepared ? ";\n" + versionTable.prepareRecordingStatements : "")
            )
        }
        defer {
            _ = try? connection.execute(
                "RESET synchronous_commit" + (prepared ? "; " + VersionTable.deallocateRecordingStatements : "")
            )
        }
        var index = 0
        // How many revisions the next message may take: it doubles after a quick message, and falls back to
        // one after a slow one, so fast revisions share round trips while a slow one is reported as it ends.
        var packSize = 1
        while index < steps.count {
            let step = steps[index]
            guard step.isTransactional else {
                try runStatementByStatement(step, resumeFrom: partial[step.revision], durable: index == steps.count - 1)
                index += 1
                continue
            }
            guard prepared else {
                // Read under the lock: no other run can have added the revision's row since.
                let rowExists = partial[step.revision] != nil
                try runInTransaction(step, durable: index == steps.count - 1, rowExists: rowExists)
                index += 1
                continue
            }
            var end = index + 1
            while end < steps.count, end - index < packSize, steps[end].isTransactional { end += 1 }
            let started = monotonicSeconds()
            try runPacked(Array(steps[index..<end]), endsRun: end == steps.count, partial: partial)
            packSize = monotonicSeconds() - started < options.quickMessageSeconds ? min(packSize * 2, 1_024) : 1
            index = end
        }
    }

    /// Transactional revisions, each in a transaction of its own (BEGIN, timeouts and clock, statements, row
    /// and log entry through the prepared statements, COMMIT), sent several to a message (``PackedMessage``):
    /// the server commits each in turn, and stops at the first error, leaving the ones before it committed.
    /// Each revision is timed by the server and reported as its COMMIT's result is read.
    private func runPacked(_ steps: [PreparedStep], endsRun: Bool, partial: [String: AppliedRevision]) throws {
        var batches: [(step: Int, batch: StatementBatch)] = []
        for (index, step) in steps.enumerated() {
            let durable = endsRun && index == steps.count - 1
            let finish = step.preparedFinishStatements(durable: durable, rowExists: partial[step.revision] != nil)
            for batch in StatementBatch.messages(
                for: step.section,
                leading: ["BEGIN", step.timedTimeoutSettings],
                trailing: finish + ["COMMIT"],
                separately: sendsStatementsSeparately
            ) {
                batches.append((index, batch))
            }
        }
        // What each revision's log entry returned: its time.
        var milliseconds: [Double?] = Array(repeating: nil, count: steps.count)
        report(.started(revision: steps[0].revision, message: steps[0].message, direction: steps[0].direction))
        for message in PackedMessage.messages(batches, separately: sendsStatementsSeparately) {
            try run(message, of: steps, outcome: { "it was rolled back" + earlierRevisionsNote($0) }) {
                part,
                statement,
                firstValue in
                let step = steps[part.step]
                // The notices read with a result may include the next statement's. At a revision's end, that
                // is the next revision's BEGIN, which raises none.
                forwardNotices(step, at: noticeLocation(step, part.batch))
                guard case .trailing = part.batch.part(ofStatement: statement) else { return }
                // The trailing statements end with the log entry, which returns the time, and COMMIT.
                if statement == part.batch.statementCount - 2 {
                    milliseconds[part.step] = firstValue.flatMap(Double.init)
                }
                guard part.endsStep, statement == part.batch.statementCount - 1 else { return }
                report(
                    .finished(
                        revision: step.revision,
                        direction: step.direction,
                        milliseconds: milliseconds[part.step] ?? 0
                    )
                )
                guard part.step + 1 < steps.count else { return }
                let next = steps[part.step + 1]
                report(.started(revision: next.revision, message: next.message, direction: next.direction))
            }
        }
    }

    /// The whole batch in one transaction: all revisions or none.
    ///
    /// Nothing commits before the end, so the revisions go many to a message (``PackedMessage``): one round trip
    /// instead of one per revision. Each revision starts with a statement that sets its timeouts and reads the
    /// server's clock, so revisions are timed by the server; they are reported as their message's results come
    /// in. The version-table rows and log entries of all revisions are written together just before COMMIT:
    /// two statements to parse and plan instead of two per revision. Nothing outside the transaction sees the
    /// difference.
    /// - Parameter completingRows: Whether some of the revisions have a row already (failed, from a
    ///   non-transactional run), which their recording completes.
    func runAtomically(_ steps: [PreparedStep], completingRows: Bool = false) throws {
        guard !steps.isEmpty else { return }
        // Every revision sets its timeouts, not only when they differ from the previous revision's: a revision
        // may have changed them itself with SET LOCAL. The first also opens the transaction; the last also
        // reads the clock when it is done.
        var batches: [(step: Int, batch: StatementBatch)] = []
        for (index, step) in steps.enumerated() {
            let isLast = index == steps.count - 1
            for batch in StatementBatch.messages(
                for: step.section,
                leading: (index == 0 ? ["BEGIN"] : []) + [step.timedTimeoutSettings],
                trailing: isLast ? ["SELECT extract(epoch FROM clock_timestamp())"] : [],
                separately: sendsStatementsSeparately
            ) {
                batches.append((index, batch))
            }
        }
        // The server's clock when each revision started, and when the last one ended: each reading ends a
        // revision and starts the next.
        var clock: [Double] = []
        func read(clock seconds: Double) {
            clock.append(seconds)
            guard clock.count >= 2 else { return }
            let finished = steps[clock.count - 2]
            let milliseconds = (clock[clock.count - 1] - clock[clock.count - 2]) * 1000
            report(.finished(revision: finished.revision, direction: finished.direction, milliseconds: milliseconds))
            guard clock.count <= steps.count else { return }
            let next = steps[clock.count - 1]
            report(.started(revision: next.revision, message: next.message, direction: next.direction))
        }
        report(.started(revision: steps[0].revision, message: steps[0].message, direction: steps[0].direction))
        for message in PackedMessage.messages(batches, separately: sendsStatementsSeparately) {
            let outcome = "the whole batch was rolled back (--atomic); no revision was applied"
            try run(message, of: steps, outcome: { _ in outcome }) { part, statement, firstValue in
                // The runner's own statements read the clock: each revision's first, and the last one's last.
                switch part.batch.part(ofStatement: statement) {
                case .leading, .trailing:
                    if let seconds = firstValue.flatMap(Double.init) { read(clock: seconds) }
                case .section: break
                }
                // The notices read with a result may include the next statement's. At a revision's end, that
                // is the next revision's first, which raises none.
                let step = steps[part.step]
                forwardNotices(step, at: noticeLocation(step, part.batch))
            }
        }
        guard clock.count == steps.count + 1 else {
            if connection.isHealthy { _ = try? connection.rollback() }
            throw MigrateError(
                .internal,
                "the server's clock was read \(clock.count) times for \(steps.count) revisions"
            )
        }
        var rows: [VersionTable.BatchRow] = []
        var reverted: [String] = []
        var events: [VersionTable.BatchEvent] = []
        for (index, step) in steps.enumerated() {
            let milliseconds = (clock[index + 1] - clock[index]) * 1000
            if let record = step.record {
                rows.append(VersionTable.BatchRow(record: record, milliseconds: milliseconds))
            } else {
                reverted.append(step.revision)
            }
            events.append(
                VersionTable.BatchEvent(
                    event: step.event,
                    revision: step.revision,
                    startedAt: clock[index],
                    milliseconds: milliseconds
                )
            )
        }
        var finish: [String] = []
        if !rows.isEmpty {
            finish.append(
                versionTable.recordStatement(
                    batch: rows,
                    clientHost: options.clientHost,
                    completingRows: completingRows
                )
            )
        }
        if !reverted.isEmpty { finish.append(versionTable.deleteStatement(revisions: reverted)) }
        finish.append(versionTable.logStatement(batch: events, detail: "atomic batch", clientHost: options.clientHost))
        if let error = attempt((finish + ["COMMIT"]).joined(separator: ";\n")) {
            if connection.isHealthy, connection.transactionState != .idle { _ = try? connection.rollback() }
            try recordFailure(steps.last!, error: error, milliseconds: (clock[steps.count] - clock[0]) * 1000)
            throw MigrateError(
                .statementFailed,
                "the batch failed while recording it or at COMMIT (a deferred constraint?); everything was "
                    + "rolled back\n" + StatementFailure.serverText(error)
            )
        }
    }

    /// A transactional revision: its statements and its version-table row in one transaction, sent as one
    /// message (BEGIN, timeouts, statements, row and log entry timed by the server, COMMIT): one round trip.
    func runInTransaction(_ step: PreparedStep, durable: Bool, rowExists: Bool) throws {
        report(.started(revision: step.revision, message: step.message, direction: step.direction))
        let started = monotonicSeconds()
        try runStatements(
            step,
            after: ["BEGIN"] + step.timeoutStatements(local: true),
            then: step.finishStatements(elapsed: .sinceTransactionStart, durable: durable, rowExists: rowExists)
                + ["COMMIT"],
            outcome: "it was rolled back" + earlierRevisionsNote(step)
        )
        let milliseconds = (monotonicSeconds() - started) * 1000
        report(.finished(revision: step.revision, direction: step.direction, milliseconds: milliseconds))
    }

    /// Runs a step's statements between statements of the runner's own (`leading`: BEGIN, SET LOCAL;
    /// `trailing`: the version-table rows, COMMIT), all in one message (several for a very long section), in
    /// the transaction open then; on failure rolls back, logs, and throws.
    private func runStatements(
        _ step: PreparedStep,
        after leading: [String],
        then trailing: [String] = [],
        outcome: String
    ) throws {
        let started = monotonicSeconds()
        let messages = StatementBatch.messages(
            for: step.section,
            leading: leading,
            trailing: trailing,
            separately: sendsStatementsSeparately
        )
        for batch in messages {
            let failure: ScriptFailure
            do {
                let completed = try connection.executeScript(batch.text)
                forwardNotices(step, at: noticeLocation(step, batch))
                if completed == batch.statementCount { continue }
                failure = Self.missingResults(completed: completed, sent: batch.statementCount)
            } catch {
                failure = error
            }
            throw failed(step, batch: batch, failure, outcome: outcome, started: started)
        }
    }

    /// Runs a message of several revisions' batches. `onResult` gets each completed statement: its part of the
    /// message, its index in the part's batch, and the first value it returned. A failure (or fewer results
    /// than statements sent) is traced to its revision, which is rolled back and logged as failed, and thrown.
    private func run(
        _ message: PackedMessage,
        of steps: [PreparedStep],
        outcome: (PreparedStep) -> String,
        onResult: (PackedMessage.Part, Int, String?) -> Void
    ) throws {
        // A failed revision's time counts from when its message went.
        let sent = monotonicSeconds()
        let failure: ScriptFailure
        do {
            let completed = try connection.executeScript(message.text) { count, firstValue in
                guard let part = message.part(holdingStatement: count - 1) else { return }
                onResult(part, count - 1 - part.statementOffset, firstValue)
            }
            if completed == message.statementCount { return }
            failure = Self.missingResults(completed: completed, sent: message.statementCount)
        } catch {
            failure = error
        }
        let (part, local) = message.locate(failure)
        let step = steps[part.step]
        throw failed(step, batch: part.batch, local, outcome: outcome(step), started: sent)
    }

    /// Fewer results than statements sent: the server split the text differently (a quote read another way), so
    /// what ran is not what was checked. Nothing of it may be committed.
    private static func missingResults(completed: Int, sent: Int) -> ScriptFailure {
        ScriptFailure(
            error: PostgresError(
                code: .unexpectedResult,
                message: "the server ran \(completed) statements where migrate sent \(sent)"
            ),
            completedStatements: completed
        )
    }

    /// The error to throw for a failed message of `step`'s (`failure` as `batch` alone would have had it),
    /// after forwarding the notices, rolling back and logging the failure.
    private func failed(
        _ step: PreparedStep,
        batch: StatementBatch,
        _ failure: ScriptFailure,
        outcome: String,
        started: Double
    ) -> any Error {
        forwardNotices(step, at: noticeLocation(step, batch))
        if connection.isHealthy, connection.transactionState != .idle { _ = try? connection.rollback() }
        let milliseconds = (monotonicSeconds() - started) * 1000
        switch batch.failedPart(failure) {
        case .section(let index):
            let statement = step.section.statements[index]
            try? recordFailure(step, error: failure.error, milliseconds: milliseconds)
            var error = StatementFailure.error(
                failure.error,
                location: step.section.location(
                    ofServerPosition: batch.positionInStatement(failure.error, index: index),
                    in: statement
                ),
                statementLocation: statement.location,
                revision: step.revision,
                message: step.message,
                outcome: outcome
            )
            if let note = lockConflictNote(failure.error, statement: statement.text) { error.message += "\n" + note }
            return error
        case .leading:
            // A timeout setting, or the whole message refused while the server read it.
            try? recordFailure(step, error: failure.error, milliseconds: milliseconds)
            return revisionFailure(step, failure.error, when: "before its first statement ran", outcome: outcome)
        case .trailing:
            try? recordFailure(step, error: failure.error, milliseconds: milliseconds)
            return revisionFailure(step, failure.error, when: "at COMMIT (a deferred constraint?)", outcome: outcome)
        }
    }

    /// An error of a revision that no statement of its own is to blame for.
    private func revisionFailure(_ step: PreparedStep, _ error: PostgresError, when: String, outcome: String)
        -> MigrateError
    {
        MigrateError(
            .statementFailed,
            "revision \(step.revision) failed \(when); \(outcome)\n" + StatementFailure.serverText(error),
            location: SourceLocation(file: step.section.origin)
        )
    }

    /// Whether statements must go to the server one message each, as before batching: before PostgreSQL 13 a
    /// multi-statement message shares one statement_timeout; and with `standard_conforming_strings` off the
    /// server reads backslashes in quotes differently than the parser that split the section, so one message
    /// could run together statements that were checked apart.
    private var sendsStatementsSeparately: Bool {
        connection.serverVersionNumber < 130_000 || connection.reportedSetting("standard_conforming_strings") != "on"
    }

    /// Where the notices of statements run as one message are reported: the statement when there is one; else
    /// the file, since which statement raised a notice cannot be told (libpq reads a statement's notices
    /// together with the previous statement's result).
    private func noticeLocation(_ step: PreparedStep, _ batch: StatementBatch) -> SourceLocation {
        batch.statements.count == 1
            ? step.section.statements[batch.statements.lowerBound].location : SourceLocation(file: step.section.origin)
    }

    /// A `-- migrate:transaction false` revision: statement by statement, progress recorded after each, so a
    /// failure or crash leaves a row saying how far it got.
    func runStatementByStatement(_ step: PreparedStep, resumeFrom row: AppliedRevision?, durable: Bool) throws {
        report(.started(revision: step.revision, message: step.message, direction: step.direction))
        let started = monotonicSeconds()
        let statements = step.section.statements
        var next = 0
        if step.direction == .upgrade {
            if let row, row.statementsDone > 0 {
                // All done already (interrupted before the final commit): only the record is left to write.
                next = min(row.statementsDone, statements.count)
                if next < statements.count {
                    report(.resuming(revision: step.revision, statement: next + 1, location: statements[next].location))
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
            let failure = attempt(statement.text)
            forwardNotices(step, at: statement.location)
            if let error = failure {
                let milliseconds = (monotonicSeconds() - started) * 1000
                let done =
                    switch next {
                    case 0: "no statement had completed"
                    case 1: "statement 1 completed and stays done"
                    default: "statements 1-\(next) completed and stay done"
                    }
                if step.direction == .upgrade, connection.isHealthy {
                    _ = try? connection.execute(
                        versionTable.failureStatement(
                            revision: step.revision,
                            failure: StatementFailure.serverText(error)
                        )
                    )
                }
                try? recordFailure(step, error: error, milliseconds: milliseconds)
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
                        + "\(done)" + earlierRevisionsNote(step),
                    hint: hint
                )
                if let note = lockConflictNote(error, statement: statement.text) { failure.message += "\n" + note }
                throw failure
            }
            next += 1
            if step.direction == .upgrade {
                try connection.execute(versionTable.progressStatement(revision: step.revision, statementsDone: next))
            }
        }
        let milliseconds = (monotonicSeconds() - started) * 1000
        let finish = step.finishStatements(elapsed: .measured(milliseconds: milliseconds), durable: durable)
        try connection.execute("BEGIN;\n" + finish.joined(separator: ";\n") + ";\nCOMMIT")
        report(.finished(revision: step.revision, direction: step.direction, milliseconds: milliseconds))
    }

    // MARK: - Pieces

    /// Drops the INVALID index a failed `CREATE INDEX CONCURRENTLY` statement left behind, and says so.
    private func dropLeftoverIndex(of statement: PreparedSection.Statement) {
        guard let target = statement.concurrentIndex,
            let dropped = try? InvalidIndexRecovery.dropLeftover(target, on: connection)
        else { return }
        report(
            .warning(
                "dropped the INVALID index \(dropped) that a failed or interrupted CREATE INDEX CONCURRENTLY left "
                    + "(\(statement.location))"
            )
        )
    }

    /// Runs SQL and returns the server's error instead of throwing it, so callers can clean up first.
    private func attempt(_ sql: String) -> PostgresError? {
        do {
            try connection.execute(sql)
            return nil
        } catch {
            return error
        }
    }

    private func earlierRevisionsNote(_ step: PreparedStep) -> String {
        step.direction == .upgrade
            ? "; revisions before it stay applied" : "; revisions reverted before it stay reverted"
    }

    /// Appends a failure to the event log, durably, outside the failed transaction.
    private func recordFailure(_ step: PreparedStep, error: PostgresError, milliseconds: Double) throws {
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

    private func forwardNotices(_ step: PreparedStep, at location: SourceLocation) {
        for notice in connection.takeNotices() {
            report(.notice(notice, revision: step.revision, location: location))
        }
    }
}
