#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

import LibC

/// A new revision file, as `migrate revision` and `migrate merge` write it.
///
/// The text depends only on these properties: no clock, no randomness (pass `Revision.randomID()` and
/// `RevisionTimestamp(Date())` in). Optional directives are written only when they differ from the default.
///
/// Without `upSQL`, a revision with at most one parent gets a comment where its SQL goes; it will not load until
/// someone writes that SQL, so that an empty migration is never applied by mistake. A merge revision (several
/// parents) gets empty sections: it runs nothing, and an empty up section is allowed for merges only.
package struct RevisionTemplate: Sendable, Hashable {
    /// The new revision's id, usually `Revision.randomID()`.
    package var id: String
    /// `down_revision`: the current head, several heads for a merge, none for a new base.
    package var parents: [String]
    /// What the revision does; also makes the file name's slug.
    package var message: String
    /// When it was written, usually `RevisionTimestamp(Date())`.
    package var created: RevisionTimestamp
    /// `branch_labels`.
    package var branchLabels: [String]
    /// `depends_on`.
    package var dependsOn: [String]
    /// `transaction`; written only when `false`.
    package var isTransactional: Bool
    /// `phase`; written only when `post`.
    package var phase: DeployPhase
    /// `lock_timeout`, when set.
    package var lockTimeout: PostgresDuration?
    /// `statement_timeout`, when set.
    package var statementTimeout: PostgresDuration?
    /// The upgrade SQL, e.g. from autogenerate; `nil` for a placeholder.
    package var upSQL: String?
    /// The downgrade SQL; `nil` for a placeholder.
    package var downSQL: String?

    /// A template; see the properties.
    package init(
        id: String,
        parents: [String],
        message: String,
        created: RevisionTimestamp,
        branchLabels: [String] = [],
        dependsOn: [String] = [],
        isTransactional: Bool = true,
        phase: DeployPhase = .pre,
        lockTimeout: PostgresDuration? = nil,
        statementTimeout: PostgresDuration? = nil,
        upSQL: String? = nil,
        downSQL: String? = nil
    ) {
        self.id = id
        self.parents = parents
        self.message = message
        self.created = created
        self.branchLabels = branchLabels
        self.dependsOn = dependsOn
        self.isTransactional = isTransactional
        self.phase = phase
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.upSQL = upSQL
        self.downSQL = downSQL
    }

    static let upPlaceholder = "-- Write the SQL that makes the change here.\n"
    static let downPlaceholder =
        "-- Write the SQL that undoes it here; with no SQL here the revision cannot be downgraded.\n"

    /// The message as it is written: on one line, control characters turned into spaces, trimmed.
    package var singleLineMessage: String {
        let scalars = message.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
        var text = String(String.UnicodeScalarView(scalars))
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// `<id>_<slug>.sql`.
    package var fileName: String {
        RevisionFile.fileName(id: id, message: singleLineMessage)
    }

    /// The file's text.
    /// - Throws: `MigrateError` `.usage` when an id or label is not `[A-Za-z0-9_]+` or is a reserved word, or
    ///   when the SQL contains a `-- migrate:` line, which would end its section early.
    package func render() throws -> String {
        try check(id, "revision id")
        for parent in parents { try check(parent, "parent revision id") }
        for label in branchLabels { try check(label, "branch label") }
        for dependency in dependsOn { try check(dependency, "depends_on revision") }

        var text = "-- migrate:revision \(id)\n"
        text += "-- migrate:down_revision \(parents.isEmpty ? "none" : parents.joined(separator: ", "))\n"
        let message = singleLineMessage
        if !message.isEmpty { text += "-- migrate:message \(message)\n" }
        text += "-- migrate:created \(created)\n"
        if !branchLabels.isEmpty { text += "-- migrate:branch_labels \(branchLabels.joined(separator: ", "))\n" }
        if !dependsOn.isEmpty { text += "-- migrate:depends_on \(dependsOn.joined(separator: ", "))\n" }
        if !isTransactional { text += "-- migrate:transaction false\n" }
        if phase == .post { text += "-- migrate:phase post\n" }
        if let lockTimeout { text += "-- migrate:lock_timeout \(lockTimeout.settingValue)\n" }
        if let statementTimeout { text += "-- migrate:statement_timeout \(statementTimeout.settingValue)\n" }

        let isMerge = parents.count > 1
        let up = try section(upSQL, placeholder: isMerge ? "" : Self.upPlaceholder, name: "up")
        let down = try section(downSQL, placeholder: isMerge ? "" : Self.downPlaceholder, name: "down")
        text += "\n-- migrate:up\n"
        if !up.isEmpty { text += up + "\n" }
        text += "-- migrate:down\n" + down
        return text
    }

    /// Writes the file into `directory` and returns its path; never replaces an existing file.
    /// - Throws: `MigrateError` `.usage` as `render()` does, `.io` when the file exists or cannot be written.
    @discardableResult
    package func write(into directory: String) throws -> String {
        let text = try render()
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + fileName
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw MigrateError(.io, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { writeBytes(descriptor, $0) }
            if written < 0 {
                if errno == EINTR { continue }
                let error = MigrateError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
                unlink(path)
                throw error
            }
            bytes = bytes.dropFirst(written)
        }
        return path
    }

    private func check(_ identifier: String, _ what: String) throws {
        guard Revision.isValidIdentifier(identifier) else {
            throw MigrateError(
                .usage,
                "`\(identifier)` cannot be a \(what); expected letters, digits and `_`, not head, heads, base, none "
                    + "or current"
            )
        }
    }

    /// Whether the parser would take `line` for a directive (or reject it as a misspelled one).
    private static func looksLikeDirective(_ line: Substring) -> Bool {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("--") else { return false }
        rest = rest.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        return rest.prefix(8).lowercased() == "migrate:"
    }

    /// `text` with every `\r\n` and lone `\r` turned into `\n`.
    private static func withNewlineLineEndings(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterCarriageReturn = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") && afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = byte == UInt8(ascii: "\r")
            bytes.append(afterCarriageReturn ? UInt8(ascii: "\n") : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The section's text with `\n` line endings and a final newline; `placeholder` when `sql` is `nil`.
    private func section(_ sql: String?, placeholder: String, name: String) throws -> String {
        guard var text = sql else { return placeholder }
        text = Self.withNewlineLineEndings(text)
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        for line in text.split(separator: "\n") where Self.looksLikeDirective(line) {
            throw MigrateError(
                .usage,
                "the \(name) SQL has the line `\(line)`, which would be read as a `-- migrate:` directive; "
                    + "expected plain SQL"
            )
        }
        return text
    }
}

/// `write(2)` for a whole buffer's worth; at file scope so the name is not taken for `RevisionTemplate.write`.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    write(descriptor, bytes.baseAddress!, bytes.count)
}
