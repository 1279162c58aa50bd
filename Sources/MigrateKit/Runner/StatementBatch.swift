import PostgresClient

/// A run of a section's statements sent as one simple-query message, between statements of the runner's own
/// (`BEGIN`, `SET LOCAL`, the version-table rows, `COMMIT`), and how to tell which statement an error is about.
///
/// One round trip per revision instead of one per statement. Inside a transaction block the server runs the
/// statements exactly as if they came one by one: each gets its own snapshot and its own statement_timeout
/// (PostgreSQL 13 and later), and the first error skips the rest.
struct StatementBatch {
    /// The part of the message a statement belongs to.
    enum Part: Equatable {
        /// One of the runner's statements before the section's, by index.
        case leading(Int)
        /// One of the section's statements, by its index in the section.
        case section(Int)
        /// One of the runner's statements after the section's, by index.
        case trailing(Int)
    }

    /// The server parses a whole message before running its first statement, and keeps every parse tree until
    /// the last one is done: a revision of 100,000 INSERTs in one message would hold them all in the server's
    /// memory. Longer sections go in several messages of at most this many bytes or statements.
    static let maximumBytes = 1 << 20
    static let maximumStatements = 1_000

    /// The message to send.
    let text: String
    private let leadingCount: Int
    /// The section's statements in this message, by their index in the section.
    private let statements: Range<Int>
    /// Where each of those statements starts in `text` and how long it is, in characters (Unicode scalars: what
    /// the server counts in an error's position), from 0.
    private let characterRanges: [Range<Int>]

    /// - Parameter statements: The indices, in `section`, of the statements to send.
    init(leading: [String] = [], section: PreparedSection, statements: Range<Int>, trailing: [String] = []) {
        var text = ""
        var characters = 0
        func append(_ statement: String) -> Range<Int> {
            let start = characters
            let length = statement.unicodeScalars.count
            text += statement
            text += ";\n"
            characters += length + 2
            return start..<(start + length)
        }
        leading.forEach { _ = append($0) }
        characterRanges = statements.map { append(section.statements[$0].text) }
        trailing.forEach { _ = append($0) }
        self.text = text
        self.statements = statements
        leadingCount = leading.count
    }

    /// The section's statements cut into runs that each fit a message (``maximumBytes``, ``maximumStatements``);
    /// one empty run for a section without statements, so its leading and trailing statements still go.
    static func runs(of section: PreparedSection) -> [Range<Int>] {
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
        runs.append(start..<section.statements.count)
        return runs
    }

    /// The statement that failed. The error's position, when the server gives one, names it even if the
    /// server split the text differently than PostgreSQL 15's parser; otherwise the count of completed
    /// statements does.
    func failedPart(_ failure: ScriptFailure) -> Part {
        if let position = failure.error.position,
            let offset = characterRanges.firstIndex(where: { $0.contains(position - 1) })
        {
            return .section(statements.lowerBound + offset)
        }
        let index = failure.completedStatements
        if index < leadingCount { return .leading(index) }
        if index < leadingCount + statements.count { return .section(statements.lowerBound + index - leadingCount) }
        return .trailing(index - leadingCount - statements.count)
    }

    /// The server's error position made relative to section statement `index`, as if it had been sent alone.
    func positionInStatement(_ error: PostgresError, index: Int) -> Int? {
        guard let position = error.position, statements.contains(index) else { return nil }
        let relative = position - characterRanges[index - statements.lowerBound].lowerBound
        return relative >= 1 ? relative : nil
    }
}
