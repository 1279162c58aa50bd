/// A rename the user asserts, as given to `--rename`: `[table:|column:]path=new_name`.
///
/// The path names the object in the current (`from`) schema: `schema.table` or `table` for a table,
/// `schema.table.column` or `table.column` for a column; the new name is a bare name in the same table or
/// schema. Without a kind prefix a two-part path is resolved against the schemas: it is a table if
/// `schema.table` exists, a column if `table.column` does (both is an error that asks for the prefix).
/// Parts may be double-quoted to contain dots or quotes (`"my.table".col=new`).
package struct RenameSpec: Hashable, Sendable, CustomStringConvertible {
    package enum Kind: String, Hashable, Sendable {
        case table, column, unspecified
    }

    package var kind: Kind
    /// One to three name parts.
    package var path: [String]
    package var newName: String

    package init(kind: Kind, path: [String], newName: String) {
        self.kind = kind
        self.path = path
        self.newName = newName
    }

    /// Parses `[table:|column:]path=new_name`.
    /// - Throws: ``MigrateError`` `.usage` saying what is wrong with the text.
    package init(parsing text: String) throws(MigrateError) {
        var rest = Substring(text)
        kind = .unspecified
        for candidate in [Kind.table, .column] where rest.hasPrefix(candidate.rawValue + ":") {
            kind = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
        }
        let parts = try Self.splitPath(rest, text: text)
        guard parts.count == 2, parts[1].count == 1, !parts[1][0].isEmpty else {
            throw Self.malformed(text, "expected exactly one '=' followed by the new name")
        }
        let path = parts[0]
        let maximum = kind == .table ? 2 : 3
        guard (1...maximum).contains(path.count), !path.contains(where: \.isEmpty) else {
            throw Self.malformed(text, "expected table, schema.table, table.column or schema.table.column before '='")
        }
        if kind == .column, path.count < 2 {
            throw Self.malformed(text, "a column rename needs table.column before '='")
        }
        self.path = path
        self.newName = parts[1][0]
    }

    package var description: String {
        let prefix = kind == .unspecified ? "" : kind.rawValue + ":"
        return prefix + path.map(Self.part).joined(separator: ".") + "=" + Self.part(newName)
    }

    private static func part(_ name: String) -> String {
        let plain = name.allSatisfy { $0 != "." && $0 != "=" && $0 != "\"" && $0 != ":" }
        return plain
            ? name
            : "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Splits `a."b.c"=d` into `[["a", "b.c"], ["d"]]`: dot-separated parts on each side of `=`.
    private static func splitPath(_ text: Substring, text original: String) throws(MigrateError) -> [[String]] {
        var sides: [[String]] = [[]]
        var current = ""
        var characters = Array(text)[...]
        var quotedPart = false
        while let character = characters.popFirst() {
            if quotedPart {
                if character == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        current.append("\"")
                    } else {
                        quotedPart = false
                    }
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\"": quotedPart = true
            case ".":
                sides[sides.count - 1].append(current)
                current = ""
            case "=":
                sides[sides.count - 1].append(current)
                current = ""
                sides.append([])
            default: current.append(character)
            }
        }
        if quotedPart { throw malformed(original, "a double quote is not closed") }
        sides[sides.count - 1].append(current)
        return sides
    }

    private static func malformed(_ text: String, _ reason: String) -> MigrateError {
        MigrateError(
            .usage,
            "cannot read the rename '\(text)': \(reason)",
            hint: "write it as table.old_column=new_column, schema.old_table=new_table, "
                + "or with a table:/column: prefix"
        )
    }
}
