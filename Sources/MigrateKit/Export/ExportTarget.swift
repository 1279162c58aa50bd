import LibC

/// The SQLite file `migrate export` writes: `sqlite:///abs/path.db`, `sqlite:relative.db`, or a plain path ending
/// in `.db`, `.sqlite` or `.sqlite3`.
package struct ExportTarget: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given (relative paths are relative to the current directory).
    package var path: String

    package init(path: String) {
        self.path = path
    }

    /// Reads a TARGET argument.
    /// - Throws: ``MigrateError`` `.usage` for another scheme, a missing path, or a plain path without an SQLite
    ///   file extension.
    package init(parsing text: String) throws(MigrateError) {
        if text.hasPrefix("sqlite:") {
            var rest = text.dropFirst("sqlite:".count)
            if rest.hasPrefix("//") { rest = rest.dropFirst(2) }
            guard !rest.isEmpty else {
                throw MigrateError(.usage, "\(text): no file path after sqlite:", hint: "e.g. sqlite:///srv/app.db")
            }
            self.init(path: String(rest))
            return
        }
        if let colon = text.firstIndex(of: ":"), text[..<colon].count > 1, text[..<colon].allSatisfy(\.isLetter) {
            throw MigrateError(
                .usage,
                "unsupported export target \(text): migrate export writes SQLite files only",
                hint: "give sqlite:///path.db, or a path ending in .db, .sqlite or .sqlite3"
            )
        }
        guard [".db", ".sqlite", ".sqlite3"].contains(where: { text.lowercased().hasSuffix($0) }) else {
            throw MigrateError(
                .usage,
                "\(text): a plain target path must end in .db, .sqlite or .sqlite3",
                hint: "name the kind explicitly: sqlite:\(text)"
            )
        }
        self.init(path: text)
    }

    /// The directory the file goes in (where the temporary file is written too).
    var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file name without its directory.
    var fileName: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Whether something exists at `path` (a file, a directory, a dangling link).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    package var description: String { "sqlite:\(path)" }
}
