/// Reads PostgreSQL's text output of one-dimensional arrays: `{a,"b c",NULL,"d\"e"}`.
///
/// Catalog queries return `text[]` and `name[]` columns in this form; only the output format of
/// `array_out` needs to be understood (elements quoted when needed, backslash escapes inside quotes).
package enum PostgresArrayLiteral {
    /// The elements of a one-dimensional array literal; unquoted `NULL` elements are left out.
    package static func parse(_ literal: String) -> [String] {
        var elements: [String] = []
        var characters = literal.makeIterator()
        guard characters.next() == "{" else { return [] }
        var current = ""
        var quoted = false
        var wasQuoted = false
        var sawAny = false
        while let character = characters.next() {
            if quoted {
                switch character {
                case "\\": if let escaped = characters.next() { current.append(escaped) }
                case "\"": quoted = false
                default: current.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                quoted = true
                wasQuoted = true
                sawAny = true
            case ",", "}":
                if sawAny || !current.isEmpty {
                    if wasQuoted || current != "NULL" { elements.append(current) }
                }
                current = ""
                wasQuoted = false
                sawAny = false
                if character == "}" { return elements }
            default:
                current.append(character)
                sawAny = true
            }
        }
        return elements
    }
}
