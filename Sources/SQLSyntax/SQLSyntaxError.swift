/// SQL that libpg_query (PostgreSQL 15's parser) rejects, or that cannot be given to it.
///
/// `description` reads `line 3, column 14: syntax error at or near "form"`; the engine adds the file name.
package struct SQLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case syntax
            case nulCharacter
            case statementCount
            case tooDeep
            case `internal`
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The parser rejected the text; the message is PostgreSQL's.
        package static let syntax = Code(.syntax)
        /// The text contains a NUL character, which PostgreSQL never accepts in a query.
        package static let nulCharacter = Code(.nulCharacter)
        /// A single statement was expected, and the text holds none or several.
        package static let statementCount = Code(.statementCount)
        /// The parse tree nests too deeply to be read safely (thousands of levels: a very long chain of operators).
        /// Splitting still works for such text; only its parse tree is unavailable.
        package static let tooDeep = Code(.tooDeep)
        /// libpg_query answered something this module could not read (a bug).
        package static let `internal` = Code(.internal)

        package var description: String { base.rawValue }
    }

    package var code: Code
    /// What is wrong, as PostgreSQL words it when it comes from the parser (`syntax error at or near "form"`).
    package var message: String
    /// Where in the text that was given, when known.
    package var position: SQLPosition?

    package init(_ code: Code, _ message: String, position: SQLPosition? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    package var description: String {
        guard let position else { return message }
        return "line \(position.line), column \(position.column): \(message)"
    }
}
