/// Where each key and table of a TOML document is written, found by scanning the document's text.
///
/// TOMLKit (over toml++) gives line and column only for parse errors, not for the keys of a parsed document.
/// The configuration loader needs them to point a message about an unknown key or a bad value at its line, so
/// this scanner walks the text itself: table headers (`[a.b]`, `[[a]]`), keys (bare, quoted, dotted, with
/// spaces around the dots), inline tables, arrays, all four kinds of strings and comments. It runs only on text
/// that TOMLKit has already parsed, so it follows the structure without validating it; if it meets something it
/// does not expect it stops, and the keys after that point just have no position.
///
/// A path is the list of key names from the root (`["environments", "production", "database", "url"]`). The
/// first place a path appears wins: for a table, its header or the first dotted key that creates it.
struct TOMLKeyIndex: Sendable {
    /// A 1-based line and column; columns count Unicode scalars, as toml++ does.
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    /// Where a key is written, and where its value starts (for a table header: the header itself).
    struct Entry: Sendable, Hashable {
        var key: Position
        var value: Position
    }

    private var entries: [[String]: Entry] = [:]

    /// Scans `text`, a document TOMLKit parsed without error.
    init(scanning text: String) {
        var scanner = Scanner(text)
        scanner.scanDocument()
        entries = scanner.entries
    }

    /// Where the key at `path` is written, if the scan found it.
    func entry(for path: [String]) -> Entry? {
        entries[path]
    }
}

// MARK: - Scanner

private struct Scanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var entries: [[String]: TOMLKeyIndex.Entry] = [:]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private var position: TOMLKeyIndex.Position { .init(line: line, column: column) }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    /// Records `path` and, for a dotted key, the tables its prefixes create; an earlier record wins.
    private mutating func record(
        _ path: [String],
        parts: [(name: String, position: TOMLKeyIndex.Position)],
        base: Int,
        value: TOMLKeyIndex.Position
    ) {
        for (offset, part) in parts.enumerated() {
            let prefix = Array(path.prefix(base + offset + 1))
            let isLast = offset == parts.count - 1
            if entries[prefix] == nil {
                entries[prefix] = .init(key: part.position, value: isLast ? value : part.position)
            }
        }
    }

    // MARK: Document structure

    mutating func scanDocument() {
        var table: [String] = []
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n":
                advance()
            case "#":
                skipComment()
            case "[":
                let start = position
                advance()
                if current == "[" { advance() }
                guard let parts = scanKey() else { return }
                table = parts.map(\.name)
                // A header and the tables it implies are placed at its `[`.
                record(table, parts: parts.map { ($0.name, start) }, base: 0, value: start)
                // The header's closing brackets and any comment: nothing else can follow a header.
                while let next = current, next != "\n" { advance() }
            default:
                guard scanKeyValue(in: table) else { return }
            }
        }
    }

    /// Scans `key = value`; `table` is where the key lives, or `nil` inside an array, where keys have no path.
    private mutating func scanKeyValue(in table: [String]?) -> Bool {
        guard let parts = scanKey() else { return false }
        skipSpaces()
        guard current == "=" else { return false }
        advance()
        skipSpaces()
        let path = table.map { $0 + parts.map(\.name) }
        if let table, let path {
            record(path, parts: parts, base: table.count, value: position)
        }
        return scanValue(in: path)
    }

    private mutating func scanValue(in path: [String]?) -> Bool {
        switch current {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { return skipMultilineString(quote: "\"") }
            return scanBasicString() != nil
        case "'":
            if peek(1) == "'" && peek(2) == "'" { return skipMultilineString(quote: "'") }
            return scanLiteralString() != nil
        case "[":
            return scanArray()
        case "{":
            return scanInlineTable(path)
        case nil:
            return false
        default:
            // Numbers, booleans, dates and times: up to the next delimiter.
            while let scalar = current, !" \t\r\n,]}#".unicodeScalars.contains(scalar) { advance() }
            return true
        }
    }

    private mutating func scanArray() -> Bool {
        scanList(closedBy: "]") { scanner in scanner.scanValue(in: nil) }
    }

    private mutating func scanInlineTable(_ path: [String]?) -> Bool {
        scanList(closedBy: "}") { scanner in scanner.scanKeyValue(in: path) }
    }

    /// Scans an array or inline table from its opening bracket to `close`, each comma-separated element with
    /// `element`; `false` when the text ends first or an element cannot be read.
    private mutating func scanList(closedBy close: Unicode.Scalar, _ element: (inout Scanner) -> Bool) -> Bool {
        advance()  // [ or {
        while true {
            skipSpacesNewlinesAndComments()
            switch current {
            case nil:
                return false
            case close:
                advance()
                return true
            case ",":
                advance()
            default:
                guard element(&self) else { return false }
            }
        }
    }

    // MARK: Keys

    /// Scans a possibly dotted key, returning each part's decoded name and where it starts.
    private mutating func scanKey() -> [(name: String, position: TOMLKeyIndex.Position)]? {
        var parts: [(name: String, position: TOMLKeyIndex.Position)] = []
        while true {
            skipSpaces()
            let start = position
            guard let name = scanSimpleKey() else { return nil }
            parts.append((name, start))
            skipSpaces()
            guard current == "." else { return parts }
            advance()
        }
    }

    private mutating func scanSimpleKey() -> String? {
        switch current {
        case "\"": return scanBasicString()
        case "'": return scanLiteralString()
        default:
            var name = String.UnicodeScalarView()
            while let scalar = current, !" \t\r\n.=[]#,{}\"'".unicodeScalars.contains(scalar) {
                name.append(scalar)
                advance()
            }
            return name.isEmpty ? nil : String(name)
        }
    }

    // MARK: Strings, comments, spaces

    /// Scans a one-line `"..."` string and returns its decoded content.
    private mutating func scanBasicString() -> String? {
        advance()  // "
        var content = String.UnicodeScalarView()
        while let scalar = current {
            switch scalar {
            case "\"":
                advance()
                return String(content)
            case "\n":
                return nil
            case "\\":
                advance()
                guard let escaped = scanEscape() else { return nil }
                content.append(escaped)
            default:
                content.append(scalar)
                advance()
            }
        }
        return nil
    }

    /// Decodes the escape after a backslash (the TOML 1.0 escapes, plus `\e` and `\xHH` from TOML 1.1).
    private mutating func scanEscape() -> Unicode.Scalar? {
        guard let scalar = current else { return nil }
        advance()
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "e": return "\u{1B}"
        case "x": return scanHexScalar(digits: 2)
        case "u": return scanHexScalar(digits: 4)
        case "U": return scanHexScalar(digits: 8)
        default: return scalar  // \" and \\
        }
    }

    private mutating func scanHexScalar(digits: Int) -> Unicode.Scalar? {
        var hex = ""
        for _ in 0..<digits {
            guard let scalar = current else { return nil }
            hex.unicodeScalars.append(scalar)
            advance()
        }
        return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init)
    }

    private mutating func scanLiteralString() -> String? {
        advance()  // '
        var content = String.UnicodeScalarView()
        while let scalar = current {
            if scalar == "'" {
                advance()
                return String(content)
            }
            if scalar == "\n" { return nil }
            content.append(scalar)
            advance()
        }
        return nil
    }

    /// Skips a `"""` or `'''` string. Up to two quotes may sit just before the closing three (`""""" `).
    private mutating func skipMultilineString(quote: Unicode.Scalar) -> Bool {
        advance(3)
        while let scalar = current {
            if scalar == "\\" && quote == "\"" {
                advance(2)
            } else if scalar == quote && peek(1) == quote && peek(2) == quote {
                var run = 0
                while current == quote && run < 5 {
                    advance()
                    run += 1
                }
                return true
            } else {
                advance()
            }
        }
        return false
    }

    private mutating func skipComment() {
        while let scalar = current, scalar != "\n" { advance() }
    }

    private mutating func skipSpaces() {
        while current == " " || current == "\t" { advance() }
    }

    private mutating func skipSpacesNewlinesAndComments() {
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n": advance()
            case "#": skipComment()
            default: return
            }
        }
    }
}
