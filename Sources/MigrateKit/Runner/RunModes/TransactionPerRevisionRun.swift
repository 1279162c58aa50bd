/// Transactional revisions, each in a transaction of its own together with its version-table row and log
/// entry: applied and recorded, or neither.
///
/// Each revision's transaction is sent as
///
///     BEGIN; <timeouts, and the server's clock>; <the revision's statements>;
///     [SET LOCAL synchronous_commit = on;] <version-table row>; <log entry, returning the time>; COMMIT
///
/// and consecutive revisions share a message (``PackedMessage``): one round trip for many. The server commits
/// each in turn and stops at the first error, leaving the ones before it committed, exactly as if each had
/// gone alone. A message takes twice as many revisions as the one before while messages are quick, and one
/// again after a slow one, so a slow revision is reported as it ends.
struct TransactionPerRevisionRun {
    let context: RunContext

    /// Runs `steps` (all transactional), in order.
    /// - Parameter endsRun: The last of `steps` is the last commit of the run: it waits for the disk.
    func run(_ steps: ArraySlice<PreparedStep>, endsRun: Bool) throws {
        var start = steps.startIndex
        var packSize = 1
        while start < steps.endIndex {
            let end = min(start + packSize, steps.endIndex)
            let started = monotonicSeconds()
            try runPacked(Array(steps[start..<end]), endsRun: endsRun && end == steps.endIndex)
            let quick = monotonicSeconds() - started < context.options.quickMessageSeconds
            packSize = quick ? min(packSize * 2, 1_024) : 1
            start = end
        }
    }

    /// Revisions sent several to a message; each is reported as its COMMIT's result is read, with the time the
    /// server measured for it (its log entry returns it).
    private func runPacked(_ steps: [PreparedStep], endsRun: Bool) throws {
        let messages = context.messages(
            steps,
            leading: { _, step in [.begin, step.timeoutsAndClock] },
            trailing: { index, step in
                let durable = endsRun && index == steps.count - 1
                return step.finishing(elapsed: .sinceRevisionStart, durable: durable, returningDuration: true)
                    + [.commit]
            }
        )
        var milliseconds = 0.0
        context.reportStarted(steps[0])
        for message in messages {
            try context.send(message, of: steps, outcome: { "it was rolled back" + context.earlierRevisionsNote($0) }) {
                part,
                statement,
                firstValue in
                switch statement {
                case .trailing(.logEntry):
                    milliseconds = firstValue.flatMap(Double.init) ?? 0
                case .trailing(.commit) where part.endsStep:
                    context.reportFinished(steps[part.step], milliseconds: milliseconds)
                    if part.step + 1 < steps.count { context.reportStarted(steps[part.step + 1]) }
                default:
                    break
                }
            }
        }
    }
}
