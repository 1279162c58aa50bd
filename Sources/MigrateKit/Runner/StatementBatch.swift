import PostgresClient

/// Some of a section's statements sent as one simple-query message, between statements of the runner's own
/// (`BEGIN`, `SET LOCAL`, the version-table rows, `COMMIT`), and how to tell which statement an error or a
/// notice is about: every statement of the message has its ``Part``.
///
/// One round trip per revision instead of one per statement. Inside a transaction block, PostgreSQL 13 and
/// later run the statements of a message as if they came one by one: each gets its own snapshot and its own
/// statement_timeout, and the first error skips the rest.
struct StatementBatch {
    /// What a statement of the message is.
    enum Part: Equatable {
        /// One of the runner's statements before the section's.
        case leading(RunnerStatement.Role)
        /// One of the section's statements, by its index in the section.
        case section(Int)
        /// The runner's ``RunnerStatement/Role/separator`` between two of the section's statements.
        case separator
        /// One of the runner's statements after the section's.
        case trailing(RunnerStatement.Role)
    }

    /// The server parses a whole message before running its first statement, and keeps every parse tree until
    /// the last one is done: a revision of 100,000 INSERTs in one message would hold them all in the server's
    /// memory. Longer sections go in several messages of at most this many bytes or section statements (the
    /// runner's own and the separators, whose parse trees are tiny, come on top).
    static let maximumBytes = 1 << 20
    static let maximumStatements = 1_000

    /// The message to send.
    let text: String
    /// What each statement of the message is, in order.
    let parts: [Part]
    /// The section's statements in this message, by their index in the section.
    let statements: Range<Int>
    /// Where each of those statements starts in `text` and where its `;` ends, in characters (Unicode
    /// scalars: what the server counts in an error's position), from 0.
    private let characterRanges: [ClosedRange<Int>]
    /// The length of `text` in characters (Unicode scalars).
    let characterCount: Int

    /// How many statements the message holds: as many results as a complete run returns.
    var statementCount: Int { parts.count }

    /// - Parameters:
    ///   - statements: The indices, in `section`, of the statements to send.
    ///   - separatingStatements: Put a ``RunnerStatement/separator`` between each two of them, so that every
    ///     notice can be traced to the statement that raised it.
    init(
        leading: [RunnerStatement] = [],
        section: PreparedSection,
        statements: Range<Int>,
        trailing: [RunnerStatement] = [],
        separatingStatements: Bool = false
    ) {
        var text = ""
        var characters = 0
        var parts: [Part] = []
        func append(_ statement: String, as part: Part) -> ClosedRange<Int> {
            let start = characters
            text += statement
            text += ";\n"
            characters += statement.unicodeScalars.count + 2
            parts.append(part)
            return start...(characters - 2)
        }
        leading.forEach { _ = append($0.sql, as: .leading($0.role)) }
        characterRanges = statements.map { index in
            if separatingStatements && index > statements.lowerBound {
                _ = append(RunnerStatement.separator.sql, as: .separator)
            }
            return append(section.statements[index].text, as: .section(index))
        }
        trailing.forEach { _ = append($0.sql, as: .trailing($0.role)) }
        self.text = text
        self.parts = parts
        characterCount = characters
        self.statements = statements
    }

    /// The messages that run a section between `leading` and `trailing`: usually one; several for a section
    /// over ``maximumBytes`` or ``maximumStatements``. With `separately`, every statement goes alone, and
    /// `leading` and `trailing` each in a message of their own: as if there were no batching at all.
    static func messages(
        for section: PreparedSection,
        leading: [RunnerStatement],
        trailing: [RunnerStatement],
        separately: Bool,
        separatingStatements: Bool = false
    ) -> [StatementBatch] {
        let count = section.statements.count
        if separately {
            // No empty message: the server would answer it with a result of its own.
            return
                ([StatementBatch(leading: leading, section: section, statements: 0..<0)]
                + (0..<count).map { StatementBatch(section: section, statements: $0..<($0 + 1)) }
                + [StatementBatch(section: section, statements: count..<count, trailing: trailing)])
                .filter { $0.statementCount > 0 }
        }
        var runs: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for (index, statement) in section.statements.enumerated() {
            let size = statement.text.utf8.count
            if index > start && (bytes + size > maximumBytes || index - start == maximumStatements) {
                runs.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        runs.append(start..<count)
        return runs.enumerated().map { number, run in
            StatementBatch(
                leading: number == 0 ? leading : [],
                section: section,
                statements: run,
                trailing: number == runs.count - 1 ? trailing : [],
                separatingStatements: separatingStatements
            )
        }
    }

    /// The statement that failed: the one the count of completed statements names. When nothing completed,
    /// the server may instead have refused the whole message while reading it (a syntax error PostgreSQL 15's
    /// parser let through, a character the database's encoding lacks); an error position inside a statement
    /// then says which. Without one, such a refusal shows as a failure of the message's first statement.
    func failedPart(_ failure: ScriptFailure) -> Part {
        let index = failure.completedStatements
        if index == 0, let position = failure.error.position,
            let offset = characterRanges.firstIndex(where: { $0.contains(position - 1) })
        {
            return .section(statements.lowerBound + offset)
        }
        return part(ofStatement: index)
    }

    /// The part the message's statement number `index` (from 0) belongs to.
    func part(ofStatement index: Int) -> Part {
        parts.isEmpty ? .section(statements.lowerBound) : parts[min(index, parts.count - 1)]
    }

    /// The server's error position made relative to section statement `index`, as if it had been sent alone;
    /// `nil` when the position lies outside that statement (it then says nothing about it).
    func positionInStatement(_ error: PostgresError, index: Int) -> Int? {
        guard let position = error.position, statements.contains(index) else { return nil }
        let range = characterRanges[index - statements.lowerBound]
        guard range.contains(position - 1) else { return nil }
        return position - range.lowerBound
    }
}
