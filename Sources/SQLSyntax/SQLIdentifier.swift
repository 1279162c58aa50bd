/// Identifiers written the way PostgreSQL writes them itself: bare when that reads back as the same name,
/// double-quoted otherwise (`quote_ident()`, `pg_dump`).
///
/// For always-quoted identifiers and string literals, see `SQLQuoting` in the client layer.
package enum SQLIdentifier {
    /// `name` as PostgreSQL's `quote_ident()` writes it: bare when it is made only of `a-z`, `0-9` and `_`, does
    /// not start with a digit and is not a keyword other than an unreserved one; otherwise in double quotes,
    /// with embedded double quotes doubled. `agents` stays `agents`; `Agents`, `user`, `my table`, `été`, `1st`,
    /// `a$b` and the empty name are quoted.
    package static func quoteIfNeeded(_ name: String) -> String {
        if isSafeBare(name) { return name }
        var quoted = "\""
        quoted.reserveCapacity(name.utf8.count + 2)
        for character in name.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        quoted += "\""
        return quoted
    }

    /// `schema.name`, each part quoted if needed; just the name when `schema` is `nil`.
    package static func qualifiedName(schema: String?, name: String) -> String {
        guard let schema else { return quoteIfNeeded(name) }
        return quoteIfNeeded(schema) + "." + quoteIfNeeded(name)
    }

    /// The category of `word` if PostgreSQL 15's scanner reads it as a keyword (in any letter case), else `nil`.
    package static func keywordCategory(of word: String) -> SQLKeywordCategory? {
        guard !word.isEmpty, !word.utf8.contains(0), case .success(let tokens) = LibPgQuery.scan(word),
            tokens.count == 1, tokens[0].start == 0, tokens[0].end == word.utf8.count
        else { return nil }
        return SQLKeywordCategory(rawValue: tokens[0].keywordKind)
    }

    /// The rule of `quote_identifier()` in PostgreSQL's `ruleutils.c`; `$` is not in the bare set even though
    /// unquoted identifiers may contain it.
    private static func isSafeBare(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLowercaseLetter(first) else {
            return false
        }
        for byte in name.utf8 where !(isLowercaseLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")) {
            return false
        }
        guard let category = keywordCategory(of: name) else { return true }
        return category == .unreserved
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
