import PostgresClient

/// The whole batch in one transaction (`--atomic`): all revisions or none.
///
/// Nothing commits before the end, so the revisions go many to a message (``PackedMessage``): one round trip
/// instead of one per revision. The transaction is sent as
///
///     BEGIN; <timeouts, and the server's clock>; <revision 1's statements>;
///            <timeouts, and the server's clock>; <revision 2's statements>; ...; <the server's clock>
///
/// so each clock reading ends a revision and starts the next: revisions are timed by the server and reported
/// as their message's results come in. Every revision sets its timeouts, not only when they differ from the
/// previous revision's: a revision may have changed them itself with SET LOCAL. The version-table rows and log
/// entries of all revisions are written together just before COMMIT, once their times are known.
struct AtomicRun {
    let context: RunContext

    func run(_ steps: [PreparedStep]) throws {
        guard !steps.isEmpty else { return }
        let messages = context.messages(
            steps,
            leading: { index, step in (index == 0 ? [.begin] : []) + [step.timeoutsAndClock] },
            trailing: { index, _ in index == steps.count - 1 ? [.clockReading] : [] }
        )
        // The server's clock when each revision started, and when the last one ended.
        var clock: [Double] = []
        context.reportStarted(steps[0])
        let outcome = "the whole batch was rolled back (--atomic); no revision was applied"
        for message in messages {
            try context.send(message, of: steps, outcome: { _ in outcome }) { _, statement, firstValue in
                switch statement {
                case .leading(.timeoutsAndClock), .trailing(.clockReading):
                    guard let seconds = firstValue.flatMap(Double.init) else { return }
                    clock.append(seconds)
                    guard clock.count >= 2 else { return }
                    let finished = clock.count - 2
                    context.reportFinished(
                        steps[finished],
                        milliseconds: (clock[finished + 1] - clock[finished]) * 1000
                    )
                    if finished + 1 < steps.count { context.reportStarted(steps[finished + 1]) }
                default:
                    break
                }
            }
        }
        guard clock.count == steps.count + 1 else {
            if context.connection.isHealthy { _ = try? context.connection.rollback() }
            throw MigrateError(
                .internal,
                "the server's clock was read \(clock.count) times for \(steps.count) revisions"
            )
        }
        try record(steps, clock: clock)
    }

    /// Writes every revision's row and log entry, and commits; on failure, rolls everything back.
    private func record(_ steps: [PreparedStep], clock: [Double]) throws {
        let versionTable = context.versionTable
        let clientHost = context.options.clientHost
        var rows: [String] = []
        var reverted: [String] = []
        var events: [String] = []
        for (index, step) in steps.enumerated() {
            let elapsed = VersionTable.Elapsed.serverClock(from: clock[index], to: clock[index + 1])
            if let record = step.record {
                rows.append(versionTable.rowValues(record, status: .applied, elapsed: elapsed, clientHost: clientHost))
            } else {
                reverted.append(step.revision)
            }
            events.append(
                versionTable.logValues(
                    step.event,
                    revision: step.revision,
                    succeeded: true,
                    detail: "atomic batch",
                    elapsed: elapsed,
                    clientHost: clientHost
                )
            )
        }
        var finish: [String] = []
        if !rows.isEmpty { finish.append(versionTable.upsertStatement(rows: rows)) }
        if !reverted.isEmpty { finish.append(versionTable.deleteStatement(revisions: reverted)) }
        finish.append(versionTable.logStatement(rows: events))
        guard let error = context.attempt((finish + ["COMMIT"]).joined(separator: ";\n")) else { return }
        let connection = context.connection
        if connection.isHealthy, connection.transactionState != .idle { _ = try? connection.rollback() }
        try context.recordFailure(
            steps[steps.count - 1],
            error: error,
            milliseconds: (clock[steps.count] - clock[0]) * 1000
        )
        throw MigrateError(
            .statementFailed,
            "the batch failed while recording it or at COMMIT (a deferred constraint?); everything was "
                + "rolled back\n" + StatementFailure.serverText(error)
        )
    }
}
