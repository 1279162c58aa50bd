/// Names inside SQL text the server deparsed (`pg_get_indexdef`, `pg_get_constraintdef`, `pg_get_expr`...),
/// rewritten the way PostgreSQL itself would print them after a rename.
///
/// Used to carry a rename through the `from` snapshot, so that an index on a renamed column compares
/// equal to the desired one instead of being re-created. A miss only costs a needless re-creation.
enum DeparsedName {
    /// A name as the server prints it: bare when it is a lower-case identifier, double-quoted otherwise.
    /// (The server also quotes keywords; a keyword used as a name is missed here, which is harmless.)
    static func printed(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first),
            name.unicodeScalars.allSatisfy({
                $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
            })
        else {
            return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return name
    }

    /// A qualified name as the server prints it.
    static func printed(_ name: ObjectName) -> String {
        printed(name.schema) + "." + printed(name.name)
    }

    /// Replaces every identifier token equal to `old` (outside string literals) by `new`.
    static func replacingIdentifier(_ old: String, with new: String, in text: String) -> String {
        let oldPrinted = printed(old)
        let newPrinted = printed(new)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let characters = Array(text)
        var index = 0
        func isIdentifierStart(_ character: Character) -> Bool {
            character == "_" || character.isLetter
        }
        func isIdentifierPart(_ character: Character) -> Bool {
            character == "_" || character == "$" || character.isLetter || character.isNumber
        }
        /// Where the quoted token starting at `start` ends: its closing quote (a doubled quote inside does not
        /// close it, nor does a backslashed one in an `E'...'` string), or the end of the text.
        func closingQuote(from start: Int) -> Int {
            let quote = characters[start]
            let backslashEscapes = quote == "'" && start > 0 && characters[start - 1] == "E"
            var end = start + 1
            while end < characters.count {
                if characters[end] == quote {
                    guard end + 1 < characters.count, characters[end + 1] == quote else { break }
                    end += 2
                    continue
                }
                if backslashEscapes, characters[end] == "\\" { end += 1 }
                end += 1
            }
            return end
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                // A string literal: copied as is.
                let end = closingQuote(from: index)
                result += String(characters[index...min(end, characters.count - 1)])
                index = end + 1
            } else if character == "\"" {
                let end = closingQuote(from: index)
                let token = String(characters[index...min(end, characters.count - 1)])
                result += token == oldPrinted ? newPrinted : token
                index = end + 1
            } else if isIdentifierStart(character) {
                var end = index
                while end < characters.count, isIdentifierPart(characters[end]) { end += 1 }
                let token = String(characters[index..<end])
                result += token == oldPrinted ? newPrinted : token
                index = end
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }
}
