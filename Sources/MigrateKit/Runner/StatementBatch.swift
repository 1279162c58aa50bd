import PostgresClient

/// A section's statements sent as one simple-query message, between statements of the runner's own (`BEGIN`,
/// `SET LOCAL`, the version-table rows, `COMMIT`), and how to tell which statement an error is about.
///
/// One round trip per revision instead of one per statement. Inside a transaction block the server runs the
/// statements exactly as if they came one by one: each gets its own snapshot and its own statement_timeout
/// (PostgreSQL 13 and later), and the first error skips the rest.
struct StatementBatch {
    /// The part of the message a statement belongs to.
    enum Part: Equatable {
        /// One of the runner's statements before the section, by index.
        case leading(Int)
        /// One of the section's statements, by index.
        case section(Int)
        /// One of the runner's statements after the section, by index.
        case trailing(Int)
    }

    /// The message to send.
    let text: String
    private let leadingCount: Int
    private let sectionCount: Int
    /// Where each section statement starts in `text` and how long it is, in characters (Unicode scalars: what
    /// the server counts in an error's position), from 0.
    private let sectionRanges: [Range<Int>]

    init(leading: [String] = [], section: PreparedSection, trailing: [String] = []) {
        var text = ""
        var characters = 0
        func append(_ statement: String) -> Range<Int> {
            let start = characters
            text += statement
            characters += statement.unicodeScalars.count
            text += ";\n"
            characters += 2
            return start..<(start + statement.unicodeScalars.count)
        }
        leading.forEach { _ = append($0) }
        sectionRanges = section.statements.map { append($0.text) }
        trailing.forEach { _ = append($0) }
        self.text = text
        leadingCount = leading.count
        sectionCount = section.statements.count
    }

    /// The statement that failed. The error's position, when the server gives one, names it even if the
    /// server split the text differently than PostgreSQL 15's parser; otherwise the count of completed
    /// statements does.
    func failedPart(_ failure: ScriptFailure) -> Part {
        if let position = failure.error.position,
            let index = sectionRanges.firstIndex(where: { $0.contains(position - 1) })
        {
            return .section(index)
        }
        let index = failure.completedStatements
        if index < leadingCount { return .leading(index) }
        if index < leadingCount + sectionCount { return .section(index - leadingCount) }
        return .trailing(index - leadingCount - sectionCount)
    }

    /// The server's error position made relative to section statement `index`, as if it had been sent alone.
    func positionInStatement(_ error: PostgresError, index: Int) -> Int? {
        guard let position = error.position, sectionRanges.indices.contains(index) else { return nil }
        let relative = position - sectionRanges[index].lowerBound
        return relative >= 1 ? relative : nil
    }
}
