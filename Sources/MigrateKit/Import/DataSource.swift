import LibC

/// The file `migrate import` (and `revision --from`) reads: `sqlite:///abs/path.db`, `sqlite:relative.db`,
/// `duckdb:///abs/path.duckdb`, `duckdb:relative.duckdb`, or a plain path whose first bytes say which.
package struct DataSource: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        case sqlite
        case duckdb
    }

    package var kind: Kind
    /// The file's path as given (relative paths are relative to the current directory).
    package var path: String

    package init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Reads a SOURCE argument.
    /// - Throws: ``MigrateError`` `.usage` for an unknown scheme, or `.io` for a plain path that is missing or
    ///   neither an SQLite nor a DuckDB file.
    package init(parsing text: String) throws(MigrateError) {
        for kind in [Kind.sqlite, .duckdb] {
            let prefix = kind.rawValue + ":"
            guard text.hasPrefix(prefix) else { continue }
            var rest = text.dropFirst(prefix.count)
            // sqlite:///abs/path: an empty authority before the absolute path.
            if rest.hasPrefix("//") { rest = rest.dropFirst(2) }
            guard !rest.isEmpty else {
                throw MigrateError(.usage, "\(text): no file path after \(prefix)", hint: "e.g. \(prefix)///srv/app.db")
            }
            self.init(kind: kind, path: String(rest))
            return
        }
        if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy({ $0.isLetter }), text[..<colon].count > 1,
            text.dropFirst(text.distance(from: text.startIndex, to: colon) + 1).hasPrefix("//")
        {
            throw MigrateError(
                .usage,
                "unsupported source \(text)",
                hint: "give sqlite:///path.db, duckdb:///path.duckdb, or the path of an SQLite or DuckDB file"
            )
        }
        guard let kind = try Self.sniff(path: text) else {
            throw MigrateError(
                .io,
                "\(text) is neither an SQLite nor a DuckDB database (its first bytes say neither)",
                hint: "name the kind explicitly: sqlite:\(text) or duckdb:\(text)"
            )
        }
        self.init(kind: kind, path: text)
    }

    /// The kind of database file at `path`, from its header: SQLite's `SQLite format 3\0` at offset 0, DuckDB's
    /// `DUCK` magic at offset 8; nil for anything else.
    static func sniff(path: String) throws(MigrateError) -> Kind? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw MigrateError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 16) }
        if count >= 16, header == Array("SQLite format 3\0".utf8) { return .sqlite }
        if count >= 12, header[8..<12] == Array("DUCK".utf8)[...] { return .duckdb }
        return nil
    }

    /// Opens a reader for the file, read-only, and starts its snapshot.
    package func openReader() throws(MigrateError) -> any SourceReader {
        switch kind {
        case .sqlite: try SQLiteSource(path: path)
        case .duckdb: try DuckDBSource(path: path)
        }
    }

    package var description: String { "\(kind.rawValue):\(path)" }
}
