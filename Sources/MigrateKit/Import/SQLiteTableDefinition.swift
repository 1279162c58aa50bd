import SQLSyntax

/// What SQLite's pragmas do not say about a table or an index, read from the `CREATE` text SQLite keeps in
/// `sqlite_schema`: CHECK constraints, column collations, generated columns' expressions, `WITHOUT ROWID`, and
/// an index's expressions and `WHERE` condition.
///
/// The text is cut with PostgreSQL's scanner (``SQLToken``), never by hand: a comma or parenthesis inside a
/// string or a quoted name splits nothing. Expressions come out as the source wrote them, in SQLite's dialect.
struct SQLiteTableDefinition {
    /// What a column definition says beyond its name, type, NOT NULL, default and keys.
    struct ColumnClauses {
        var collation: String?
        var generatedExpression: String?
        var isStoredGenerated = false
    }

    var checks: [SourceCheck] = []
    /// One per column definition, in the order of the definition (SQLite's `cid` order).
    var columns: [ColumnClauses] = []
    var withoutRowID = false

    /// Reads `CREATE TABLE name (...) [options]`.
    init(_ sql: String) throws(SQLSyntaxError) {
        let text = TokenizedText(sql)
        let tokens = try text.tokens()
        guard let open = tokens.firstIndex(where: { $0.isPunctuation("(") }) else { return }
        let close = Self.closing(tokens, open)
        for (index, token) in tokens.enumerated().dropFirst(close + 1)
        where token.isWord("rowid") && index > 0 && tokens[index - 1].isWord("without") {
            withoutRowID = true
        }
        for piece in Self.split(tokens, inside: open, close) {
            read(piece, of: tokens, text)
        }
    }

    private mutating func read(_ piece: Range<Int>, of tokens: [SQLToken], _ text: TokenizedText) {
        guard !piece.isEmpty else { return }
        var index = piece.lowerBound
        var constraintName: String?
        if tokens[index].isWord("constraint"), index + 1 < piece.upperBound {
            constraintName = Self.name(tokens[index + 1])
            index += 2
        }
        guard index < piece.upperBound else { return }
        if ["primary", "unique", "foreign"].contains(where: { tokens[index].isWord($0) }) { return }
        if tokens[index].isWord("check") {
            if let expression = parenthesized(after: index, in: piece, tokens, text) {
                checks.append(SourceCheck(name: constraintName, expression: expression.text))
            }
            return
        }

        // A column definition: its name, then its type and constraints in any order.
        var clauses = ColumnClauses()
        index += 1
        constraintName = nil
        while index < piece.upperBound {
            let token = tokens[index]
            if token.isWord("constraint"), index + 1 < piece.upperBound {
                constraintName = Self.name(tokens[index + 1])
                index += 2
            } else if token.isWord("check"), let expression = parenthesized(after: index, in: piece, tokens, text) {
                checks.append(SourceCheck(name: constraintName, expression: expression.text))
                constraintName = nil
                index = expression.end + 1
            } else if token.isWord("collate"), index + 1 < piece.upperBound {
                clauses.collation = Self.name(tokens[index + 1])
                index += 2
            } else if token.isWord("as"), let expression = parenthesized(after: index, in: piece, tokens, text) {
                clauses.generatedExpression = expression.text
                index = expression.end + 1
                if index < piece.upperBound, tokens[index].isWord("stored") { clauses.isStoredGenerated = true }
            } else if token.isPunctuation("(") {
                index = Self.closing(tokens, index) + 1
            } else {
                index += 1
            }
        }
        columns.append(clauses)
    }

    /// The text between the parentheses that follow `keyword`, and the index of the closing one.
    private func parenthesized(
        after keyword: Int,
        in piece: Range<Int>,
        _ tokens: [SQLToken],
        _ text: TokenizedText
    ) -> (text: String, end: Int)? {
        let open = keyword + 1
        guard open < piece.upperBound, tokens[open].isPunctuation("(") else { return nil }
        let close = Self.closing(tokens, open)
        guard close > open + 1, close < tokens.count else { return nil }
        return (text.slice(tokens[open + 1].range.lowerBound..<tokens[close - 1].range.upperBound), close)
    }

    // MARK: - Indexes

    /// The key expressions and `WHERE` condition of `CREATE [UNIQUE] INDEX name ON table (parts) [WHERE ...]`:
    /// each part without its `COLLATE` and `ASC`/`DESC`.
    static func indexParts(_ sql: String) throws(SQLSyntaxError) -> (parts: [String], predicate: String?) {
        let text = TokenizedText(sql)
        let tokens = try text.tokens()
        guard let on = tokens.firstIndex(where: { $0.isWord("on") }),
            let open = tokens[on...].firstIndex(where: { $0.isPunctuation("(") })
        else { return ([], nil) }
        let close = closing(tokens, open)
        let parts = split(tokens, inside: open, close).map { piece -> String in
            var end = piece.upperBound
            if end > piece.lowerBound + 1, tokens[end - 1].isWord("asc") || tokens[end - 1].isWord("desc") { end -= 1 }
            if end > piece.lowerBound + 2, tokens[end - 2].isWord("collate") { end -= 2 }
            return text.slice(tokens[piece.lowerBound].range.lowerBound..<tokens[end - 1].range.upperBound)
        }
        var predicate: String?
        if close + 2 < tokens.count, tokens[close + 1].isWord("where") {
            var last = tokens.count - 1
            if tokens[last].isPunctuation(";") { last -= 1 }
            predicate = text.slice(tokens[close + 2].range.lowerBound..<tokens[last].range.upperBound)
        }
        return (parts, predicate)
    }

    // MARK: - Tokens

    /// The index of the parenthesis that closes the one at `open` (the last token when it is never closed).
    static func closing(_ tokens: [SQLToken], _ open: Int) -> Int {
        var depth = 0
        for index in open..<tokens.count {
            if tokens[index].isPunctuation("(") {
                depth += 1
            } else if tokens[index].isPunctuation(")") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return tokens.count - 1
    }

    /// The token ranges between the top-level commas strictly inside `open` and `close`.
    static func split(_ tokens: [SQLToken], inside open: Int, _ close: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = open + 1
        var depth = 0
        for index in (open + 1)..<max(close, open + 1) {
            if tokens[index].isPunctuation("(") {
                depth += 1
            } else if tokens[index].isPunctuation(")") {
                depth -= 1
            } else if depth == 0 && tokens[index].isPunctuation(",") {
                pieces.append(start..<index)
                start = index + 1
            }
        }
        if start < close { pieces.append(start..<close) }
        return pieces
    }

    /// A name as written: a double-quoted one unquoted, a bare one as it is.
    static func name(_ token: SQLToken) -> String {
        guard token.text.hasPrefix("\""), token.text.hasSuffix("\""), token.text.count >= 2 else { return token.text }
        return String(token.text.dropFirst().dropLast()).replacing("\"\"", with: "\"")
    }
}

/// SQL text and byte-range slicing of it.
private struct TokenizedText {
    let sql: String
    let bytes: [UInt8]

    init(_ sql: String) {
        self.sql = sql
        bytes = Array(sql.utf8)
    }

    func tokens() throws(SQLSyntaxError) -> [SQLToken] { try SQLToken.tokens(sql) }

    func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
