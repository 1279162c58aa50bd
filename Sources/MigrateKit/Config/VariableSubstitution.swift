/// `${NAME}` references to environment variables inside `migrate.toml` string values.
///
/// The rules, chosen to catch mistakes rather than pass them on to PostgreSQL:
/// - `${NAME}` is replaced by the variable's value; `NAME` is letters, digits and `_`, not starting with a
///   digit. A variable set to the empty string counts as set.
/// - `$$` is a literal `$` (for a password that contains one).
/// - Any other `$` is an error, so that a shell habit such as `$PROD_URL` is reported instead of being sent
///   to the server as text.
/// - Replacement happens once: a `$` inside a variable's value is taken literally.
enum VariableSubstitution {
    /// Why a value could not be substituted.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// `${NAME}` names a variable the environment does not set.
        case unset(String)
        /// A `$` that starts neither `${` nor `$$`; the associated value is its 1-based character offset.
        /// (Not the text around it, which could be part of a password.)
        case strayDollar(offset: Int)
        /// `${` without a closing `}`.
        case unterminated
        /// `${...}` whose content is not a variable name; the associated value is the `$`'s character offset.
        case invalidName(offset: Int)

        var description: String {
            switch self {
            case .unset(let name):
                "uses ${\(name)}, but the environment variable \(name) is not set"
            case .strayDollar(let offset):
                "has a `$` (character \(offset)) that starts neither `${NAME}` nor `$$`"
            case .unterminated:
                "has a `${` without a closing `}`"
            case .invalidName(let offset):
                "has a `${...}` (character \(offset)) that does not hold a variable name (letters, digits and `_`)"
            }
        }
    }

    /// `text` with every `${NAME}` replaced from `environment` and every `$$` made a single `$`.
    /// - Throws: ``Failure`` for an unset variable or a malformed reference.
    static func substitute(in text: String, environment: [String: String]) throws(Failure) -> String {
        try expand(text) { name throws(Failure) in
            guard let value = environment[name] else { throw .unset(name) }
            return value
        }
    }

    /// The variables `text` refers to, in order of appearance (with repeats).
    /// - Throws: ``Failure`` for a malformed reference.
    static func variableNames(in text: String) throws(Failure) -> [String] {
        var names: [String] = []
        _ = try expand(text) { name in
            names.append(name)
            return ""
        }
        return names
    }

    private static func expand(
        _ text: String,
        value: (String) throws(Failure) -> String
    ) throws(Failure) -> String {
        var result = ""
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            result += text[index..<dollar]
            let next = text.index(after: dollar)
            if next < text.endIndex, text[next] == "$" {
                result += "$"
                index = text.index(after: next)
            } else if next < text.endIndex, text[next] == "{" {
                let nameStart = text.index(after: next)
                guard let close = text[nameStart...].firstIndex(of: "}") else { throw .unterminated }
                let name = String(text[nameStart..<close])
                guard isVariableName(name) else {
                    throw .invalidName(offset: text.distance(from: text.startIndex, to: dollar) + 1)
                }
                result += try value(name)
                index = text.index(after: close)
            } else {
                throw .strayDollar(offset: text.distance(from: text.startIndex, to: dollar) + 1)
            }
        }
        result += text[index...]
        return result
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
