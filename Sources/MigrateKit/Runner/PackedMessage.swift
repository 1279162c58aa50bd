import PostgresClient

/// Statement batches of consecutive steps sent as one simple-query message: one round trip for many revisions
/// (of an atomic run, or each in its own transaction). The server runs the statements in order and stops at the
/// first error; that error is traced back to its batch, and there to its statement, as if the batch had gone
/// alone.
struct PackedMessage {
    /// A batch in the message.
    struct Part {
        /// The index of the batch's step in the run.
        let step: Int
        let batch: StatementBatch
        /// Whether this is the step's last batch: the step is done when its statements are.
        let endsStep: Bool
        /// How many statements and characters of the message come before the batch.
        let statementOffset: Int
        let characterOffset: Int
    }

    let text: String
    let parts: [Part]
    var statementCount: Int { parts.last.map { $0.statementOffset + $0.batch.statementCount } ?? 0 }

    /// Packs batches, in order, into messages of at most ``StatementBatch/maximumBytes`` bytes and
    /// ``StatementBatch/maximumStatements`` statements (a batch alone may be as long as it is). With `separately`,
    /// every batch stays a message of its own.
    static func messages(_ batches: [(step: Int, batch: StatementBatch)], separately: Bool) -> [PackedMessage] {
        var messages: [PackedMessage] = []
        var parts: [Part] = []
        var text = ""
        var statements = 0
        var characters = 0
        var bytes = 0
        for (position, (step, batch)) in batches.enumerated() {
            let size = batch.text.utf8.count
            if !parts.isEmpty
                && (separately || bytes + size > StatementBatch.maximumBytes
                    || statements + batch.statementCount > StatementBatch.maximumStatements)
            {
                messages.append(PackedMessage(text: text, parts: parts))
                (parts, text, statements, characters, bytes) = ([], "", 0, 0, 0)
            }
            let endsStep = position == batches.count - 1 || batches[position + 1].step != step
            parts.append(
                Part(
                    step: step,
                    batch: batch,
                    endsStep: endsStep,
                    statementOffset: statements,
                    characterOffset: characters
                )
            )
            text += batch.text
            statements += batch.statementCount
            characters += batch.characterCount
            bytes += size
        }
        if !parts.isEmpty { messages.append(PackedMessage(text: text, parts: parts)) }
        return messages
    }

    /// The part whose statement number `index` (from 0, in the whole message) is.
    func part(holdingStatement index: Int) -> Part? {
        parts.last { $0.statementOffset <= index && index < $0.statementOffset + $0.batch.statementCount }
    }

    /// The part, and the section statement, that raised the notices libpq read together with the result of
    /// the message's statement `index` (from 0); `nil` past the end.
    ///
    /// libpq handles a NOTICE as soon as it reads it, also after the result it is reading is complete: the
    /// notices read with a result are its statement's, or (read ahead) the next statement's. Only one of the
    /// two can be a revision's: the runner's statements raise none, and a separator stands between two of a
    /// revision's statements (``StatementBatch/init(leading:section:statements:trailing:separatingStatements:)``).
    /// When neither is a revision's (a deferred trigger's notice at COMMIT), the statement is `nil`.
    /// `isNext` says the notices are the next statement's, which starts after this result.
    func noticeSource(afterResult index: Int) -> (part: Part, statement: Int?, isNext: Bool)? {
        guard let part = part(holdingStatement: index) else { return nil }
        if case .section(let statement) = part.batch.part(ofStatement: index - part.statementOffset) {
            return (part, statement, false)
        }
        if let next = self.part(holdingStatement: index + 1),
            case .section(let statement) = next.batch.part(ofStatement: index + 1 - next.statementOffset)
        {
            return (next, statement, true)
        }
        return (part, nil, false)
    }

    /// The batch a failure of the message belongs to, and the failure as that batch alone would have had it:
    /// statements counted and the error's position measured from the batch's start. When nothing completed and
    /// the error has a position, the server refused the whole message while reading it: the position tells
    /// the batch.
    func locate(_ failure: ScriptFailure) -> (part: Part, failure: ScriptFailure) {
        var part = part(holdingStatement: failure.completedStatements) ?? parts[parts.count - 1]
        if failure.completedStatements == 0, let position = failure.error.position,
            let holder = parts.last(where: { $0.characterOffset <= position - 1 })
        {
            part = holder
        }
        var error = failure.error
        if let position = error.position {
            // An error of an earlier batch's statement cannot point into this one: such a position says nothing.
            error.position = position > part.characterOffset ? position - part.characterOffset : nil
        }
        let completed = max(0, failure.completedStatements - part.statementOffset)
        return (part, ScriptFailure(error: error, completedStatements: completed))
    }
}
