import Crypto
import LibC

extension RevisionFile {
    /// Parses the contents of a revision file.
    ///
    /// Lines end with `\n`, `\r\n` or a lone `\r`; a UTF-8 byte order mark at the start is skipped. The file
    /// name is not checked here (see `RevisionDirectory`).
    /// - Parameters:
    ///   - bytes: the file's contents, UTF-8.
    ///   - path: the file's path, for messages and `Revision.path`.
    /// - Throws: `MigrateError` `.revisionFile` with the file, line and column, and what was expected.
    package static func parse(_ bytes: [UInt8], path: String) throws -> Revision {
        try bytes.withUnsafeBufferPointer { try parse($0, path: path) }
    }

    /// Parses the text of a revision file; see `parse(_:path:)`.
    package static func parse(_ text: String, path: String) throws -> Revision {
        var text = text
        return try text.withUTF8 { try parse($0, path: path) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// SHA-256 of `text`'s UTF-8 bytes as lowercase hex: a revision's checksum (see `Revision.checksum`).
    package static func checksum(of text: String) -> String {
        var hasher = SHA256()
        var text = text  // `withUTF8` is mutating; a native string is not copied.
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { digestBytes in
            hexDigits.withUnsafeBufferPointer { hexDigits in
                String(unsafeUninitializedCapacity: 2 * digestBytes.count) { hex in
                    for (index, byte) in digestBytes.enumerated() {
                        hex[2 * index] = hexDigits[Int(byte >> 4)]
                        hex[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
                    }
                    return 2 * digestBytes.count
                }
            }
        }
    }

    /// Parses a revision file from memory the caller owns; nothing of `buffer` is kept.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, path: String) throws -> Revision {
        var parser = RevisionFileParser(buffer: buffer, path: path)
        return try parser.parse()
    }
}

/// A single pass over the bytes of one revision file.
private struct RevisionFileParser {
    let buffer: UnsafeBufferPointer<UInt8>
    let path: String

    private enum Phase { case header, up, down }

    /// A line: `start..<end` without its terminator; `next` is where the following line starts.
    private struct Line {
        var number: Int
        var start: Int
        var end: Int
        var next: Int
    }

    /// The header directives seen so far and their lines: a handful, so a list searched in order (a dictionary
    /// keyed by name cost 3% of reading a large project in hashing).
    private var directiveLines: [(key: String, line: Int)] = []
    private var id: String?
    private var parents: [String]?
    private var message = ""
    private var created: RevisionTimestamp?
    private var branchLabels: [String] = []
    private var dependsOn: [String] = []
    private var isTransactional = true
    private var deployPhase = DeployPhase.pre
    private var lockTimeout: PostgresDuration?
    private var statementTimeout: PostgresDuration?

    /// Whether the file has a `\r` anywhere: then it has `\r\n` or lone `\r` line endings to normalise, and its
    /// lines are found byte by byte; else by `memchr`, several times faster.
    private var sawCarriageReturn = false

    init(buffer: UnsafeBufferPointer<UInt8>, path: String) {
        self.buffer = buffer
        self.path = path
        directiveLines.reserveCapacity(RevisionFile.headerKeys.count)
        if let base = buffer.baseAddress {
            sawCarriageReturn = memchr(base, Int32(UInt8(ascii: "\r")), buffer.count) != nil
        }
    }

    mutating func parse() throws -> Revision {
        var phase = Phase.header
        var index = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        var lineNumber = 0
        var upMarker: Line?
        var downMarker: Line?
        var upContainsSQL = false
        var downContainsSQL = false

        while index < buffer.count {
            lineNumber += 1
            let line = nextLine(from: index, number: lineNumber)
            index = line.next
            let (first, end) = trimmed(line.start, line.end)
            if first == end { continue }

            if hasDirectivePrefix(at: line.start) {
                // `-- migrate:lint-ignore RULE reason` is a comment of its section, which `migrate check` reads.
                if isLintIgnore(line) {
                    guard phase != .header else {
                        throw error(
                            "`-- migrate:lint-ignore` in the header; expected it in the section whose statements "
                                + "it silences, after `-- migrate:up`",
                            line
                        )
                    }
                    continue
                }
                let (key, value) = try directive(line)
                switch (key, phase) {
                case ("up", .header):
                    try expectAlone(key, value, line)
                    phase = .up
                    upMarker = line
                case ("down", .up):
                    try expectAlone(key, value, line)
                    phase = .down
                    downMarker = line
                case ("down", .header):
                    throw error(
                        "`-- migrate:down` comes before `-- migrate:up`; expected the up section first",
                        line
                    )
                case ("up", _), ("down", _):
                    let first = key == "up" ? upMarker! : downMarker!
                    throw error(
                        "`-- migrate:\(key)` appears a second time (first on line \(first.number)); "
                            + "expected each of `-- migrate:up` and `-- migrate:down` exactly once, up first",
                        line
                    )
                case (_, .header):
                    try headerDirective(key: key, value: value, line: line)
                case (_, .up), (_, .down):
                    throw error(
                        "directive `-- migrate:\(key)` inside the \(phase == .up ? "up" : "down") section; "
                            + "expected directives in the header, before `-- migrate:up` "
                            + "(line \(upMarker!.number))",
                        line
                    )
                }
                continue
            }

            let isComment =
                end - first >= 2 && buffer[first] == UInt8(ascii: "-")
                && buffer[first + 1] == UInt8(ascii: "-")
            if isComment {
                try rejectMisspelledDirective(line, commentStart: first)
                continue
            }
            switch phase {
            case .header:
                throw error(
                    "expected a `-- migrate:` directive, a comment or `-- migrate:up`; found SQL before "
                        + "`-- migrate:up`",
                    line,
                    at: first
                )
            case .up: upContainsSQL = true
            case .down: downContainsSQL = true
            }
        }

        let lastLine = max(lineNumber, 1)
        guard let upMarker else {
            throw MigrateError(
                .revisionFile,
                "expected `-- migrate:up` (then the upgrade SQL, then `-- migrate:down`); found the end of the file",
                location: SourceLocation(file: path, line: lastLine)
            )
        }
        guard let downMarker else {
            throw MigrateError(
                .revisionFile,
                "expected `-- migrate:down` after the up section that starts on line \(upMarker.number); "
                    + "found the end of the file",
                location: SourceLocation(file: path, line: lastLine),
                hint: "add `-- migrate:down` and the SQL that undoes the up section; leave it empty only if the "
                    + "revision cannot be undone"
            )
        }
        guard let id, let parents else {
            let key = self.id == nil ? "revision" : "down_revision"
            let example = key == "revision" ? "<id>" : "<parent ids, or none>"
            throw MigrateError(
                .revisionFile,
                "the header has no `-- migrate:\(key)`; expected `-- migrate:\(key) \(example)` "
                    + "before `-- migrate:up`",
                location: SourceLocation(file: path, line: upMarker.number)
            )
        }
        for (key, items) in [("down_revision", parents), ("depends_on", dependsOn)] where items.contains(id) {
            throw MigrateError(
                .revisionFile,
                "revision `\(id)` lists itself in `-- migrate:\(key)`; expected other revisions",
                location: SourceLocation(file: path, line: directiveLine(key))
            )
        }
        if !upContainsSQL && parents.count <= 1 {
            throw MigrateError(
                .revisionFile,
                "the up section (after line \(upMarker.number)) has no SQL, only blank lines and comments; "
                    + "expected the statements that perform the migration",
                location: SourceLocation(file: path, line: upMarker.number),
                hint: "only a merge revision (several `down_revision` parents) may have an empty up section"
            )
        }

        let up = RevisionSection(
            text: try sectionText(upMarker.next..<downMarker.start, startingLine: upMarker.number + 1),
            firstLine: upMarker.number + 1,
            containsSQL: upContainsSQL
        )
        let down = RevisionSection(
            text: try sectionText(downMarker.next..<buffer.count, startingLine: downMarker.number + 1),
            firstLine: downMarker.number + 1,
            containsSQL: downContainsSQL
        )
        return Revision(
            id: id,
            parents: parents,
            message: message,
            created: created,
            branchLabels: branchLabels,
            dependsOn: dependsOn,
            isTransactional: isTransactional,
            phase: deployPhase,
            lockTimeout: lockTimeout,
            statementTimeout: statementTimeout,
            up: up,
            down: down,
            path: path,
            lines: Revision.Lines(
                revision: directiveLine("revision")!,
                downRevision: directiveLine("down_revision")!,
                branchLabels: directiveLine("branch_labels"),
                dependsOn: directiveLine("depends_on")
            )
        )
    }

    // MARK: - Lines

    private func nextLine(from start: Int, number: Int) -> Line {
        if !sawCarriageReturn {
            let base = buffer.baseAddress!
            let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
            let end = newline.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? buffer.count
            return Line(number: number, start: start, end: end, next: min(end + 1, buffer.count))
        }
        var end = start
        while end < buffer.count, buffer[end] != UInt8(ascii: "\n"), buffer[end] != UInt8(ascii: "\r") {
            end += 1
        }
        var next = end
        if end < buffer.count {
            next += 1
            if buffer[end] == UInt8(ascii: "\r"), next < buffer.count, buffer[next] == UInt8(ascii: "\n") { next += 1 }
        }
        return Line(number: number, start: start, end: end, next: next)
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// `start..<end` without leading and trailing spaces and tabs.
    private func trimmed(_ start: Int, _ end: Int) -> (Int, Int) {
        var first = start
        var last = end
        while first < last, isBlank(buffer[first]) { first += 1 }
        while last > first, isBlank(buffer[last - 1]) { last -= 1 }
        return (first, last)
    }

    private static let directivePrefixBytes = Array(RevisionFile.directivePrefix.utf8)

    private func hasDirectivePrefix(at offset: Int) -> Bool {
        Self.directivePrefixBytes.withUnsafeBufferPointer { prefix in
            buffer.count - offset >= prefix.count
                && memcmp(buffer.baseAddress! + offset, prefix.baseAddress!, prefix.count) == 0
        }
    }

    // MARK: - Directives

    private static let lintIgnoreBytes = Array((RevisionFile.directivePrefix + "lint-ignore").utf8)

    /// `-- migrate:lint-ignore` followed by a blank or the end of the line.
    private func isLintIgnore(_ line: Line) -> Bool {
        let prefix = Self.lintIgnoreBytes
        guard line.end - line.start >= prefix.count,
            buffer[line.start..<(line.start + prefix.count)].elementsEqual(prefix)
        else { return false }
        return line.start + prefix.count == line.end || isBlank(buffer[line.start + prefix.count])
    }

    /// Splits `-- migrate:<key> <value>` into key and trimmed value.
    private func directive(_ line: Line) throws -> (key: String, value: Range<Int>) {
        let keyStart = line.start + RevisionFile.directivePrefix.utf8.count
        var keyEnd = keyStart
        while keyEnd < line.end,
            buffer[keyEnd] == UInt8(ascii: "_")
                || (buffer[keyEnd] >= UInt8(ascii: "a") && buffer[keyEnd] <= UInt8(ascii: "z"))
        {
            keyEnd += 1
        }
        guard keyEnd > keyStart, keyEnd == line.end || isBlank(buffer[keyEnd]) else {
            throw error(
                "malformed directive; expected a lowercase key (`[a-z_]+`) right after `-- migrate:`, "
                    + "then a space and the value",
                line,
                at: keyEnd
            )
        }
        let (valueStart, valueEnd) = trimmed(keyEnd, line.end)
        return (string(keyStart..<keyEnd), valueStart..<valueEnd)
    }

    private func expectAlone(_ key: String, _ value: Range<Int>, _ line: Line) throws {
        guard value.isEmpty else {
            throw error(
                "expected `-- migrate:\(key)` alone on its line; found text after it",
                line,
                at: value.lowerBound
            )
        }
    }

    /// A comment that looks like a directive but is not written exactly `-- migrate:` at the start of the line
    /// would be silently ignored; say so instead.
    private func rejectMisspelledDirective(_ line: Line, commentStart: Int) throws {
        var index = commentStart + 2
        while index < line.end, isBlank(buffer[index]) { index += 1 }
        let word = Array("migrate:".utf8)
        guard line.end - index >= word.count else { return }
        for offset in 0..<word.count where buffer[index + offset] | 0x20 != word[offset] {
            return
        }
        throw error(
            "this comment looks like a directive but is not written `-- migrate:<key>` at the start of the line; "
                + "expected exactly two dashes, one space, then `migrate:`",
            line,
            at: commentStart
        )
    }

    private func directiveLine(_ key: String) -> Int? {
        directiveLines.first { $0.key == key }?.line
    }

    private mutating func headerDirective(key: String, value: Range<Int>, line: Line) throws {
        if let first = directiveLine(key) {
            throw error(
                "duplicate directive `-- migrate:\(key)` on lines \(first) and \(line.number); expected it once",
                line
            )
        }
        directiveLines.append((key, line.number))

        // The cases are `RevisionFile.headerKeys`.
        switch key {
        case "revision":
            let text = try decode(value, line: line)
            guard Revision.isValidIdentifier(text) else {
                throw error(
                    "expected a revision id (letters, digits and `_`, not head, heads, base, none or current); "
                        + "found `\(text)`",
                    line,
                    at: value.lowerBound
                )
            }
            id = text
        case "down_revision":
            let items = listItems(value)
            // `None` too: it is what Alembic's Python files say.
            if items.isEmpty || (items.count == 1 && items[0].lowercased() == "none") {
                parents = []
            } else {
                try checkIdentifiers(items, what: "parent revision id", line: line, value: value)
                parents = items
            }
        case "message":
            message = try decode(value, line: line)
        case "created":
            guard let timestamp = RevisionTimestamp(utf8: UnsafeBufferPointer(rebasing: buffer[value])) else {
                throw error(
                    "expected a UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` (e.g. `2026-11-23T10:15:00Z`); "
                        + "found `\(string(value))`",
                    line,
                    at: value.lowerBound
                )
            }
            created = timestamp
        case "branch_labels":
            branchLabels = listItems(value)
            try checkIdentifiers(branchLabels, what: "branch label", line: line, value: value)
        case "depends_on":
            dependsOn = listItems(value)
            try checkIdentifiers(dependsOn, what: "revision id, id prefix or branch label", line: line, value: value)
        case "transaction":
            switch string(value) {
            case "true": isTransactional = true
            case "false": isTransactional = false
            case let text:
                throw error("expected `true` or `false`; found `\(text)`", line, at: value.lowerBound)
            }
        case "phase":
            guard let value = DeployPhase(rawValue: string(value)) else {
                throw error("expected `pre` or `post`; found `\(string(value))`", line, at: value.lowerBound)
            }
            deployPhase = value
        case "lock_timeout", "statement_timeout":
            let text = try decode(value, line: line)
            let duration: PostgresDuration
            do {
                duration = try PostgresDuration.parse(text)
            } catch {
                throw self.error(error.description, line, at: value.lowerBound)
            }
            if key == "lock_timeout" { lockTimeout = duration } else { statementTimeout = duration }
        default:
            let keys = RevisionFile.headerKeys + ["up", "down"]
            let suggestion = ConfigurationSchema.closest(to: key, among: keys).map { "did you mean `-- migrate:\($0)`? " }
            throw error(
                "unknown directive `-- migrate:\(key)`; \(suggestion ?? "")expected one of the keys "
                    + RevisionFile.headerKeys.joined(separator: ", ") + ", or `up`",
                line,
                at: line.start + RevisionFile.directivePrefix.utf8.count
            )
        }
    }

    /// Items separated by commas and/or whitespace. Bytes that are not UTF-8 become U+FFFD, which the
    /// identifier check then rejects.
    private func listItems(_ range: Range<Int>) -> [String] {
        var items: [String] = []
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound {
            let isSeparator =
                index == range.upperBound || buffer[index] == UInt8(ascii: ",") || isBlank(buffer[index])
            guard isSeparator else { continue }
            if index > start { items.append(string(start..<index)) }
            start = index + 1
        }
        return items
    }

    private func checkIdentifiers(_ items: [String], what: String, line: Line, value: Range<Int>) throws {
        for (position, item) in items.enumerated() {
            guard Revision.isValidIdentifier(item) else {
                throw error(
                    "expected a \(what) (letters, digits and `_`, not head, heads, base, none or current); "
                        + "found `\(item)`",
                    line,
                    at: value.lowerBound
                )
            }
            // Lists are short: a linear search beats building a set.
            guard !items[..<position].contains(item) else {
                throw error("`\(item)` is listed twice; expected each \(what) once", line, at: value.lowerBound)
            }
        }
    }

    // MARK: - Bytes to text

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    private func decode(_ range: Range<Int>, line: Line) throws -> String {
        guard let text = Self.validatedString(UnsafeBufferPointer(rebasing: buffer[range])) else {
            throw error("expected UTF-8 text; found bytes that are not UTF-8", line)
        }
        return text
    }

    /// The bytes as a `String`, or `nil` when they are not UTF-8.
    ///
    /// Decoding replaces what is not UTF-8 with U+FFFD, so the text is valid exactly when its bytes are the
    /// input's. (`String(validating:as:)` says the same through unspecialised generic code: a quarter of parsing.)
    private static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let isUnchanged = text.withUTF8 { decoded in
            guard decoded.count == bytes.count, let decodedStart = decoded.baseAddress, let start = bytes.baseAddress
            else { return decoded.count == bytes.count }
            return memcmp(decodedStart, start, bytes.count) == 0
        }
        return isUnchanged ? text : nil
    }

    /// A section's text, with line endings normalised.
    private func sectionText(_ range: Range<Int>, startingLine: Int) throws -> String {
        if !sawCarriageReturn, let text = Self.validatedString(UnsafeBufferPointer(rebasing: buffer[range])) {
            return text
        }
        return try decode(normalisedLineEndings(range), startingLine: startingLine)
    }

    /// The section's bytes with `\r\n` and lone `\r` turned into `\n`; a plain copy when the file has no `\r`.
    private func normalisedLineEndings(_ range: Range<Int>) -> [UInt8] {
        guard sawCarriageReturn else { return Array(UnsafeBufferPointer(rebasing: buffer[range])) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                if index + 1 < range.upperBound, buffer[index + 1] == UInt8(ascii: "\n") { index += 1 }
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return bytes
    }

    private func decode(_ bytes: [UInt8], startingLine: Int) throws -> String {
        if let text = bytes.withUnsafeBufferPointer(Self.validatedString) { return text }
        // Find the line of the first bad byte: decode line by line (only on this error path).
        var lineNumber = startingLine
        for lineBytes in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: lineBytes, as: UTF8.self) == nil { break }
            lineNumber += 1
        }
        throw MigrateError(
            .revisionFile,
            "expected UTF-8 text; found bytes that are not UTF-8",
            location: SourceLocation(file: path, line: lineNumber)
        )
    }

    // MARK: - Errors

    /// An error located at `line`, at the column of byte `offset` when given (columns count characters).
    private func error(_ message: String, _ line: Line, at offset: Int? = nil) -> MigrateError {
        var column: Int?
        if let offset {
            var count = 1
            for index in line.start..<min(offset, line.end) where buffer[index] & 0xC0 != 0x80 { count += 1 }
            column = count
        }
        return MigrateError(
            .revisionFile,
            message,
            location: SourceLocation(file: path, line: line.number, column: column)
        )
    }
}
