import PostgresClient

/// Traces the failure of a message of statements to the revision and statement it is about, and words the
/// error a person needs: file, line and column, SQLSTATE, the server's text, and what state the database is in.
/// Every run mode that sends messages shares it.
enum FailureLocator {
    /// A failure placed in its message.
    struct Located {
        /// The batch the failed statement belongs to.
        let part: PackedMessage.Part
        /// The failure as that batch alone would have had it: statements and characters counted from its start.
        let failure: ScriptFailure
        /// What the failed statement is.
        let failedPart: StatementBatch.Part
    }

    static func locate(_ failure: ScriptFailure, in message: PackedMessage) -> Located {
        let (part, local) = message.locate(failure)
        return Located(part: part, failure: local, failedPart: part.batch.failedPart(local))
    }

    /// The error to throw for a located failure of `step`.
    /// - Parameter outcome: What became of the revision and the others (rolled back, stay applied...).
    static func error(_ located: Located, step: PreparedStep, outcome: String) -> MigrateError {
        let failure = located.failure
        switch located.failedPart {
        case .section(let index):
            let statement = step.section.statements[index]
            return StatementFailure.error(
                failure.error,
                location: step.section.location(
                    ofServerPosition: located.part.batch.positionInStatement(failure.error, index: index),
                    in: statement
                ),
                statementLocation: statement.location,
                revision: step.revision,
                message: step.message,
                outcome: outcome
            )
        case .leading:
            // A timeout setting, or the whole message refused while the server read it.
            return revisionFailure(step, failure.error, when: "before its first statement ran", outcome: outcome)
        case .separator:
            // Cancelled (Ctrl-C) or cut off between two statements.
            return revisionFailure(step, failure.error, when: "between two of its statements", outcome: outcome)
        case .trailing:
            return revisionFailure(step, failure.error, when: "at COMMIT (a deferred constraint?)", outcome: outcome)
        }
    }

    /// Fewer results than statements sent: the server split the text differently (a quote read another way), so
    /// what ran is not what was checked. Nothing of it may be committed.
    static func missingResults(completed: Int, sent: Int) -> ScriptFailure {
        ScriptFailure(
            error: PostgresError(
                code: .unexpectedResult,
                message: "the server ran \(completed) statements where migrate sent \(sent)"
            ),
            completedStatements: completed
        )
    }

    /// An error of a revision that no statement of its own is to blame for.
    private static func revisionFailure(_ step: PreparedStep, _ error: PostgresError, when: String, outcome: String)
        -> MigrateError
    {
        MigrateError(
            .statementFailed,
            "revision \(step.revision) failed \(when); \(outcome)\n" + StatementFailure.serverText(error),
            location: SourceLocation(file: step.section.origin)
        )
    }
}
