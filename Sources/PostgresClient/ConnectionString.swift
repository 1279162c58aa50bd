import CLibPQ
import LibC

/// Reads libpq connection strings and URIs without connecting, so they can be checked early and
/// shown to people with the password removed.
package enum ConnectionString {
    /// Checks that libpq can parse a connection string or URI.
    /// - Throws: ``PostgresError`` with code `.invalidConnectionString` and libpq's reason.
    package static func validate(_ connectionString: String) throws(PostgresError) {
        _ = try options(connectionString)
    }

    /// The keyword/value pairs a connection string sets explicitly (URI or `key=value` form).
    package static func options(_ connectionString: String) throws(PostgresError) -> [String: String] {
        guard !connectionString.isEmpty else { return [:] }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(connectionString, &errorMessage) else {
            var reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            while reason.last == "\n" { reason.removeLast() }
            throw PostgresError(
                code: .invalidConnectionString,
                message: "invalid connection string \(redacted(connectionString)): "
                    + scrub(reason, secretsOf: connectionString)
            )
        }
        defer { PQconninfoFree(parsed) }
        var options: [String: String] = [:]
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                options[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        return options
    }
}

extension ConnectionString {
    /// Renders keyword/value pairs as a `key='value'` connection string, quoting as libpq expects.
    /// Keys are sorted so the same options always give the same string.
    package static func render(_ options: [String: String]) -> String {
        options.sorted { $0.key < $1.key }.map { key, value in
            // Byte by byte, as libpq reads it: a backslash before every quote and backslash.
            var escaped: [UInt8] = []
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "'") { escaped.append(UInt8(ascii: "\\")) }
                escaped.append(byte)
            }
            return "\(key)='\(String(decoding: escaped, as: UTF8.self))'"
        }.joined(separator: " ")
    }

    /// The same connection with some options replaced (e.g. another `dbname`), as a keyword/value string.
    package static func replacing(_ overrides: [String: String], in connectionString: String) throws(PostgresError)
        -> String
    {
        var options = try self.options(connectionString)
        for (key, value) in overrides { options[key] = value }
        return render(options)
    }
}
