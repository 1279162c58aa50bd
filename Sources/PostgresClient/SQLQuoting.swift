/// Quoting for SQL generated from names and values, with the semantics of libpq's
/// `PQescapeIdentifier` and `PQescapeLiteral`, available without a connection so offline SQL
/// (`--sql`, autogenerate) quotes exactly like online SQL.
///
/// Text is assumed to be UTF-8 with `standard_conforming_strings = on` (the default since 9.1).
package enum SQLQuoting {
    /// PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1).
    package static let maximumIdentifierBytes = 63

    /// Always double-quotes, doubling embedded quotes: `my "x"` becomes `"my ""x"""`.
    package static func identifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A qualified name, each part quoted: `"public"."agents"`.
    package static func qualified(_ schema: String, _ name: String) -> String {
        identifier(schema) + "." + identifier(name)
    }

    /// A string literal. Backslashes make it an `E'...'` literal with backslashes doubled,
    /// as `PQescapeLiteral` does, so the result is correct whatever `standard_conforming_strings` says.
    package static func literal(_ value: String) -> String {
        let quotesDoubled = value.replacingAll("'", with: "''")
        if value.contains("\\") {
            return "E'" + quotesDoubled.replacingAll("\\", with: "\\\\") + "'"
        }
        return "'" + quotesDoubled + "'"
    }

    /// Checks that a name fits PostgreSQL's identifier limit, which would otherwise silently truncate it
    /// (and make two long names collide).
    /// - Throws: ``IdentifierTooLong`` naming the identifier and its length in bytes.
    package static func checkLength(_ name: String) throws(IdentifierTooLong) {
        let bytes = name.utf8.count
        if bytes > maximumIdentifierBytes { throw IdentifierTooLong(name: name, bytes: bytes) }
    }

    /// An identifier longer than PostgreSQL's 63-byte limit.
    package struct IdentifierTooLong: Error, Sendable, CustomStringConvertible {
        package var name: String
        package var bytes: Int
        package var description: String {
            "identifier \(identifier(name)) is \(bytes) bytes long; PostgreSQL truncates names to "
                + "\(maximumIdentifierBytes) bytes"
        }
    }
}

extension String {
    /// Replaces every occurrence without Foundation (the client layer does not import it).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
