/// Lexical path arithmetic for the project root and the paths `migrate.toml` names.
///
/// Lexical on purpose: `..` removes the previous component without asking the file system, so results do not
/// depend on symbolic links or on which directories exist yet, and tests need no files.
enum FileSystemPath {
    /// `path` made absolute against `base` (itself absolute) and normalised; absolute paths only get normalised.
    static func absolute(_ path: String, base: String) -> String {
        normalized(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// An absolute path without `.`, `..`, repeated or trailing slashes.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory holding the file at the absolute, normalised `path`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
