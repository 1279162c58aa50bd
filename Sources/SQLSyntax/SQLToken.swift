/// A token of PostgreSQL's scanner (libpg_query's `pg_query_scan`), with its text.
///
/// For reading DDL written for another database (SQLite's `CREATE TABLE` text) piece by piece: the pieces are
/// cut at token boundaries, so a comma or parenthesis inside a string literal or a quoted name never splits
/// anything. Comments are left out unless asked for (lint reads its `-- migrate:lint-ignore` comments so).
package struct SQLToken: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// A keyword, reserved or not (`CHECK`, `COLLATE`, `KEY`...).
        case keyword
        /// A bare or double-quoted identifier.
        case identifier
        /// A string, number or bit-string literal.
        case literal
        /// One of `( ) , . ; [ ]` and the other single characters the scanner returns as themselves.
        case punctuation
        /// An operator and anything else.
        case other
        /// A `-- ...` or `/* ... */` comment (only with `includingComments`).
        case comment
    }

    package var kind: Kind
    /// The token's bytes as written.
    package var text: String
    /// Byte offsets of the token in the scanned text.
    package var range: Range<Int>

    /// `true` for a keyword or bare identifier spelled `word` in any letter case.
    package func isWord(_ word: String) -> Bool {
        (kind == .keyword || kind == .identifier) && text.lowercased() == word.lowercased()
    }

    /// `true` for the punctuation character `character`.
    package func isPunctuation(_ character: Character) -> Bool {
        kind == .punctuation && text.count == 1 && text.first == character
    }

    /// The tokens of `sql`, comments left out unless `includingComments`.
    /// - Throws: ``SQLSyntaxError`` when the scanner rejects the text (an unterminated quote, say).
    package static func tokens(_ sql: String, includingComments: Bool = false) throws(SQLSyntaxError) -> [SQLToken] {
        let scanned: [ScanToken]
        switch LibPgQuery.scan(sql) {
        case .success(let tokens): scanned = tokens
        case .failure(let failure): throw SQLSyntaxError(.syntax, failure.message)
        }
        let bytes = Array(sql.utf8)
        return scanned.compactMap { token in
            guard includingComments || !token.isComment, token.start >= 0, token.end <= bytes.count,
                token.start < token.end
            else {
                return nil
            }
            let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            return SQLToken(kind: kind(of: token), text: text, range: token.start..<token.end)
        }
    }

    // The `Token` numbers of pg_query.proto: characters below 256 stand for themselves.
    private static let identifierTokens: Set<Int> = [258, 259]  // IDENT, UIDENT
    private static let literalTokens: Set<Int> = [260, 261, 262, 263, 264, 266]  // FCONST..XCONST, ICONST

    private static func kind(of token: ScanToken) -> Kind {
        if token.isComment { return .comment }
        if token.keywordKind != 0 { return .keyword }
        if identifierTokens.contains(token.token) { return .identifier }
        if token.token < 256 { return .punctuation }
        if literalTokens.contains(token.token) { return .literal }
        return .other
    }
}
