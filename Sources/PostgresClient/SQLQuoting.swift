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
        var name = name
        return name.doublingASCII(UInt8(ascii: "\""), and: nil, prefix: "\"", suffix: "\"")
    }

    /// A qualified name, each part quoted: `"public"."agents"`.
    package static func qualified(_ schema: String, _ name: String) -> String {
        identifier(schema) + "." + identifier(name)
    }

    /// A string literal. Backslashes make it an `E'...'` literal with backslashes doubled,
    /// as `PQescapeLiteral` does, so the result is correct whatever `standard_conforming_strings` says.
    package static func literal(_ value: String) -> String {
        let backslash = UInt8(ascii: "\\")
        var value = value
        let hasBackslash = value.withUTF8 { $0.contains(backslash) }
        return value.doublingASCII(UInt8(ascii: "'"), and: backslash, prefix: hasBackslash ? "E'" : "'", suffix: "'")
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
    /// `prefix + self + suffix` with every `first` (and `second`) byte doubled. Works on UTF-8 bytes, not
    /// characters: a quote followed by a combining mark is one `Character` but must still be doubled. Written
    /// straight into the result's storage: the version-table rows of a 500-revision batch quote a few hundred
    /// kilobytes (stored down SQL, messages).
    mutating func doublingASCII(_ first: UInt8, and second: UInt8?, prefix: String, suffix: String) -> String {
        withUTF8 { source in
            var extra = 0
            for byte in source where byte == first || byte == second { extra += 1 }
            let capacity = prefix.utf8.count + source.count + extra + suffix.utf8.count
            return String(unsafeUninitializedCapacity: capacity) { target in
                var index = target.initialize(fromContentsOf: prefix.utf8)
                if extra == 0 {
                    index = target[index...].initialize(fromContentsOf: source)
                } else {
                    for byte in source {
                        if byte == first || byte == second {
                            target[index] = byte
                            index += 1
                        }
                        target[index] = byte
                        index += 1
                    }
                }
                return target[index...].initialize(fromContentsOf: suffix.utf8)
            }
        }
    }
}
