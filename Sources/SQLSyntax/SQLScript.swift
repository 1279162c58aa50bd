/// A text of SQL statements (a revision file, a script), split and parsed by libpg_query, with the arithmetic
/// to turn byte offsets and PostgreSQL's character positions into lines and columns of the text.
///
/// Creating a script costs one pass over the text (it indexes line starts); splitting costs a parse and a scan
/// of the whole text, then time proportional to its length.
package struct SQLScript: Sendable {
    /// The script as given.
    package let text: String
    let bytes: [UInt8]
    let lines: LineIndex

    package init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        lines = LineIndex(bytes)
    }

    // MARK: - Splitting

    /// The statements of the script, in order. A script of only whitespace and comments has none; empty
    /// statements (`;;`) are skipped.
    /// - Throws: ``SQLSyntaxError`` with PostgreSQL's message and the position of the error in this script.
    package func statements() throws(SQLSyntaxError) -> [SQLStatement] {
        try checkForNul()
        let spans: [LibPgQuery.StatementSpan]
        switch LibPgQuery.split(text) {
        case .success(let value): spans = value
        case .failure(let failure): throw syntaxError(failure)
        }
        return try makeStatements(spans)
    }

    /// The statements of the script with their parse trees, from a single parse of the whole text.
    /// - Parameter treeDepth: For a statement kind (`"CreateStmt"`), how many levels of its tree to keep below
    ///   its node wrapper (level 0), such as ``StatementClassifier/treeDepth(ofKind:)``; deeper values read as
    ///   `null`, and are skipped over several times faster than they would be read. Whole trees when `nil`.
    /// - Throws: ``SQLSyntaxError`` with PostgreSQL's message and the position of the error in this script; code
    ///   `tooDeep` when a kept tree nests thousands of levels deep (``statements()`` still splits such a script).
    package func parsedStatements(
        treeDepth: ((_ kind: String) -> Int)? = nil
    ) throws(SQLSyntaxError) -> [ParsedStatement] {
        try checkForNul()
        let rawStatements: [SQLParser.RawStatement]
        switch LibPgQuery.parseJSON(text) {
        case .success(let json): rawStatements = try SQLParser.decode(json, treeDepth: treeDepth)
        case .failure(let failure): throw syntaxError(failure)
        }
        let spans = rawStatements.map { LibPgQuery.StatementSpan(location: $0.location, length: $0.length) }
        let statements = try makeStatements(spans)
        guard statements.count == rawStatements.count else {
            throw SQLSyntaxError(.internal, "libpg_query returned a statement without tokens")
        }
        return zip(statements, rawStatements).map { ParsedStatement(statement: $0, tree: $1.tree) }
    }

    /// Trims each parser span to its first token and to the end of its last one, leaving out comments and
    /// whitespace around the statement, and places it in the text.
    private func makeStatements(_ spans: [LibPgQuery.StatementSpan]) throws(SQLSyntaxError) -> [SQLStatement] {
        guard !spans.isEmpty else { return [] }
        let tokens: [ScanToken]
        switch LibPgQuery.scan(text) {
        case .success(let value): tokens = value
        case .failure(let failure): throw syntaxError(failure)
        }
        var statements: [SQLStatement] = []
        statements.reserveCapacity(spans.count)
        var cursor = PositionCursor(lines)
        var tokenIndex = 0
        for span in spans {
            let spanEnd = span.length > 0 ? min(span.location + span.length, bytes.count) : bytes.count
            // Spans come in order, so the token walk continues where the previous statement's ended.
            while tokenIndex < tokens.count && tokens[tokenIndex].start < span.location { tokenIndex += 1 }
            var start: Int?
            // The scanner's token *ends* are wrong for U&'...' and U&"..." tokens (its starts are right), so the
            // statement ends where the comments after its last token begin, less the whitespace before them.
            var end = spanEnd
            while tokenIndex < tokens.count && tokens[tokenIndex].start < spanEnd {
                let token = tokens[tokenIndex]
                tokenIndex += 1
                if token.isComment {
                    if start != nil && end == spanEnd { end = token.start }
                } else {
                    if start == nil { start = token.start }
                    end = spanEnd
                }
            }
            guard let start else { continue }
            while end > start && Self.isWhitespace(bytes[end - 1]) { end -= 1 }
            let range = start..<end
            statements.append(
                SQLStatement(
                    text: String(decoding: bytes[range], as: UTF8.self),
                    byteRange: range,
                    start: cursor.position(ofByteOffset: start, in: bytes),
                    endLine: lines.line(ofByteOffset: end - 1)
                )
            )
        }
        return statements
    }

    /// PostgreSQL's whitespace (`space` in `scan.l`), with `\v`, which PostgreSQL 16 adds. No token ends with
    /// one of these.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    // MARK: - Positions

    /// The line and column of a byte offset of the script (clamped to the script).
    package func position(ofByteOffset offset: Int) -> SQLPosition {
        lines.position(ofByteOffset: min(max(offset, 0), bytes.count), in: bytes)
    }

    /// The place that a 1-based character position in the whole script points at: libpg_query's `cursorpos`,
    /// or the server's error position when the whole script was sent as one query.
    /// - Returns: `nil` for positions below 1 (PostgreSQL's "no position"); positions past the end give the end.
    package func position(ofCharacterPosition characterPosition: Int) -> SQLPosition? {
        guard characterPosition >= 1 else { return nil }
        let offset = LineIndex.byteOffset(
            ofCharacterIndex: characterPosition - 1,
            in: bytes,
            from: 0,
            to: bytes.count
        )
        return position(ofByteOffset: offset)
    }

    /// The place in the script that the server's error position points at, when `statement.text` was the query
    /// sent. The server counts characters from 1 in the query text (the `position` field of an error).
    /// - Returns: `nil` for positions below 1; positions past the statement's end give its end.
    package func position(ofServerErrorPosition serverPosition: Int, in statement: SQLStatement) -> SQLPosition? {
        guard serverPosition >= 1 else { return nil }
        let range = statement.byteRange.clamped(to: 0..<bytes.count)
        let offset = LineIndex.byteOffset(
            ofCharacterIndex: serverPosition - 1,
            in: bytes,
            from: range.lowerBound,
            to: range.upperBound
        )
        return position(ofByteOffset: offset)
    }

    // MARK: - Errors

    private func syntaxError(_ failure: LibPgQuery.Failure) -> SQLSyntaxError {
        SQLSyntaxError(.syntax, failure.message, position: position(ofCharacterPosition: failure.cursorPosition))
    }

    /// libpg_query reads a C string, so a NUL would silently cut the script short.
    private func checkForNul() throws(SQLSyntaxError) {
        guard let offset = bytes.firstIndex(of: 0) else { return }
        throw SQLSyntaxError(
            .nulCharacter,
            "the text contains a NUL character (byte 0x00), which PostgreSQL does not accept",
            position: position(ofByteOffset: offset)
        )
    }
}
