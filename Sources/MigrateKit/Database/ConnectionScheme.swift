/// The scheme of a URI connection string, checked before libpq sees it.
///
/// libpq takes a string that does not start with `postgresql://` or `postgres://` for `key=value` pairs, so
/// `mysql://app@db/app` fails with a parse error about a missing `=`, which says nothing of the real mistake.
package enum ConnectionScheme {
    /// The schemes libpq accepts.
    package static let supported = ["postgresql", "postgres"]

    /// The scheme `connectionString` starts with (`mysql` for `mysql://...`), or `nil` for `key=value` pairs and
    /// anything else without one.
    static func scheme(of connectionString: String) -> String? {
        guard let separator = connectionString.firstRange(of: "://") else { return nil }
        let scheme = connectionString[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
            })
        else { return nil }
        return String(scheme)
    }

    /// Checks that `connectionString` is no URI of another scheme than PostgreSQL's.
    ///
    /// - Parameters:
    ///   - connectionString: what is about to be given to libpq.
    ///   - source: where it came from, for the message: `--url`, `DATABASE_URL`, "the diff argument".
    /// - Throws: ``MigrateError`` (`.configuration`) naming the scheme and the source, never the rest of the
    ///   string (it may hold a password).
    package static func check(_ connectionString: String, source: String) throws(MigrateError) {
        guard let scheme = scheme(of: connectionString), !supported.contains(scheme.lowercased()) else { return }
        throw MigrateError(
            .configuration,
            "unsupported URL scheme `\(scheme)://` (\(source)): migrate works on PostgreSQL databases only",
            hint: "give a postgresql:// (or postgres://) URI, or libpq key=value pairs such as host=... dbname=..."
        )
    }
}
