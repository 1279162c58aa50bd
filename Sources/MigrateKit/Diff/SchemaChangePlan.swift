/// What autogenerate found: the statements of a revision in both directions, and what a person must know
/// before running them.
package struct SchemaChangePlan: Sendable, Hashable {
    /// Statements that turn the `from` schema into the `to` schema, in dependency order.
    package var up: [PlannedStatement] = []
    /// Statements that turn it back, computed from the same two snapshots the other way round.
    package var down: [PlannedStatement] = []
    /// Steps of `up` that can lose data; each is also marked in ``upSQL``.
    package var destructiveChanges: [String] = []
    /// Steps of `down` that can lose data.
    package var downDestructiveChanges: [String] = []
    /// A dropped and an added table or column of the same shape: maybe a rename, which is never guessed.
    package var possibleRenames: [PossibleRename] = []
    /// Things to check by hand, one sentence each.
    package var warnings: [String] = []
    /// Whether `up` must run outside a transaction; see ``nonTransactionalReason``.
    package var requiresNonTransactional: Bool { nonTransactionalReason != nil }
    /// Why `up` must run outside a transaction (`-- migrate:transaction false`), if it must.
    package var nonTransactionalReason: String?
    /// Why `down` must run outside a transaction, if it must.
    package var downNonTransactionalReason: String?

    /// Whether the two schemas are the same.
    package var isEmpty: Bool { up.isEmpty }

    /// The up statements as a script: each ends with `;` and a newline; a destructive one is preceded by
    /// `-- DESTRUCTIVE: <what>`.
    package var upSQL: String { Self.render(up) }

    /// The down statements as a script, like ``upSQL``.
    package var downSQL: String { Self.render(down) }

    /// Statements as a script, each followed by `;` and a newline, destructive ones marked.
    package static func render(_ statements: [PlannedStatement]) -> String {
        var text = ""
        for statement in statements {
            if let destructive = statement.destructive {
                text += "-- DESTRUCTIVE: \(destructive)\n"
            }
            text += statement.sql + ";\n"
        }
        return text
    }
}

/// One generated statement, without its final semicolon.
package struct PlannedStatement: Sendable, Hashable, CustomStringConvertible {
    package var sql: String
    /// What data it can lose (`drops column public.t.c`), if it can.
    package var destructive: String?

    package init(_ sql: String, destructive: String? = nil) {
        self.sql = sql
        self.destructive = destructive
    }

    package var description: String { sql }
}

/// A dropped and an added object of the same shape, and the option that would make it a rename.
package struct PossibleRename: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        case table, column
    }

    package var kind: Kind
    /// `public.old_name`, or `public.t.old_column`.
    package var from: String
    /// The new name.
    package var to: String
    /// The `--rename` argument that turns the drop and add into a rename: `public.t.old=new`.
    package var renameOption: String

    /// The one sentence `diff` and `revision --autogenerate` print, with the option ready to paste into a
    /// POSIX shell (see ``shellQuoted(_:)``).
    package var description: String {
        "\(kind.rawValue) \(from) was dropped and \(to) added with the same shape; "
            + "if it was renamed, pass --rename \(Self.shellQuoted(renameOption))"
    }

    /// `text` as one POSIX shell word: unchanged when it holds only letters, digits and `_.:=-/`, else in
    /// single quotes (a single quote inside written `'\''`).
    package static func shellQuoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:=-/")
        let plain = !text.isEmpty && text.allSatisfy { safe.contains($0) }
        return plain ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
