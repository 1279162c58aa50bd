import PostgresClient
import SQLSyntax

/// An expression from a source database's schema (a CHECK, a default, an index key or condition, a generated
/// column), rewritten for PostgreSQL, or the reason it cannot be.
///
/// The expression is parsed with PostgreSQL's own parser, and accepted only when every part of it means the same
/// in both databases: comparisons, arithmetic, `||`, `AND`/`OR`/`NOT`, `IN`, `BETWEEN`, `IS [NOT] NULL`, `CASE`,
/// literals, and a short list of functions the two share. Column names are rewritten to the target's spelling,
/// quoted; SQLite's `==` becomes `=`, `ifnull` becomes `coalesce`, and `LIKE` becomes `ILIKE` (SQLite's LIKE
/// ignores ASCII case). Anything else (SQLite-only functions, `GLOB`, casts to SQLite's type names, subqueries) is
/// refused with a reason, for the revision to carry as a comment.
struct SourceExpression {
    /// What the expression may refer to.
    struct Column {
        var sourceName: String
        var targetName: String
        var type: TranslatedType
        /// False when the target type compares differently from how the source stored the values (an SQLite
        /// integer that became `boolean`, text that became `timestamptz`): a condition written for the source
        /// would not type-check, or would mean something else.
        var comparesAsInSource: Bool
    }

    /// Why an expression was not translated.
    struct Untranslatable: Error {
        var reason: String
    }

    /// The functions SQLite and PostgreSQL share, name for name and argument for argument.
    fileprivate static let sharedFunctions: Set<String> = [
        "lower", "upper", "length", "abs", "replace", "substr", "btrim", "ltrim", "rtrim", "coalesce",
    ]
    /// Operators both read the same way.
    fileprivate static let sharedOperators: Set<String> = [
        "=", "==", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "||",
    ]

    /// `text` for PostgreSQL.
    /// - Parameter columns: The columns it may name; empty for a default, which may name none.
    static func translate(_ text: String, columns: [Column]) throws(Untranslatable) -> String {
        let prefix = "SELECT "
        let query = prefix + text
        let tree: SyntaxNode
        let tokens: [SQLToken]
        do {
            tree = try SQLParser.parseStatement(query)
            tokens = try SQLToken.tokens(query)
        } catch {
            throw Untranslatable(reason: "PostgreSQL cannot parse it (\(error.message))")
        }
        guard let select = tree.body(ifKind: "SelectStmt"), let targets = select["targetList"]?.array,
            targets.count == 1, select["fromClause"] == nil, select["whereClause"] == nil,
            let expression = targets[0].body(ifKind: "ResTarget")?["val"]
        else { throw Untranslatable(reason: "it is not a single expression") }

        var rewriter = Rewriter(tokens: tokens, columns: columns)
        try rewriter.check(expression)
        return String(rewriter.apply(to: query).dropFirst(prefix.utf8.count))
    }

    /// Walks a parse tree, refusing what does not translate and noting which tokens to respell.
    private struct Rewriter {
        let tokens: [SQLToken]
        let columns: [Column]
        /// Byte offset of a token in the query, and its new text.
        var replacements: [Int: String] = [:]

        init(tokens: [SQLToken], columns: [Column]) {
            self.tokens = tokens
            self.columns = columns
        }

        mutating func check(_ node: SyntaxNode) throws(Untranslatable) {
            if case .array(let elements) = node {
                for element in elements { try check(element) }
                return
            }
            guard let kind = node.kind, let body = node.body else { return }
            switch kind {
            case "A_Const", "SQLValueFunction":
                return
            case "ColumnRef":
                try columnReference(body)
            case "A_Expr":
                try operatorExpression(body)
            case "BoolExpr", "CoalesceExpr", "MinMaxExpr":
                if kind == "MinMaxExpr" { throw Untranslatable(reason: "it uses GREATEST/LEAST") }
                try check(body["args"] ?? .null)
            case "NullTest":
                // IS [NOT] NULL means the same whatever the column's type.
                if let reference = body["arg"]?.body(ifKind: "ColumnRef") {
                    try columnReference(reference, anyType: true)
                } else {
                    try check(body["arg"] ?? .null)
                }
            case "BooleanTest":
                try check(body["arg"] ?? .null)
            case "CaseExpr":
                try check(body["arg"] ?? .null)
                try check(body["args"] ?? .null)
                try check(body["defresult"] ?? .null)
            case "CaseWhen":
                try check(body["expr"] ?? .null)
                try check(body["result"] ?? .null)
            case "List":
                try check(body["items"] ?? .null)
            case "FuncCall":
                try functionCall(body)
            case "TypeCast":
                throw Untranslatable(reason: "it casts to a type named in the source's dialect")
            case "SubLink":
                throw Untranslatable(reason: "it uses a subquery")
            default:
                throw Untranslatable(reason: "it uses \(kind), which is not translated")
            }
        }

        private mutating func columnReference(_ body: SyntaxNode, anyType: Bool = false) throws(Untranslatable) {
            guard let parts = body["fields"]?.nameParts, parts.count == 1, let location = body["location"]?.int else {
                throw Untranslatable(reason: "it names a column with a table or schema")
            }
            let name = parts[0]
            guard
                let column = columns.first(where: { $0.sourceName == name })
                    ?? columns.first(where: { $0.sourceName.lowercased() == name.lowercased() })
            else {
                if columns.isEmpty { throw Untranslatable(reason: "it refers to a column (\(name))") }
                throw Untranslatable(
                    reason: "it names \(name), which is no column of the table (SQLite reads a double-quoted word "
                        + "it cannot resolve as a string)"
                )
            }
            guard column.comparesAsInSource || anyType else {
                throw Untranslatable(
                    reason: "it refers to \(column.sourceName), which becomes \(column.type.sql): the condition was "
                        + "written for the source's values"
                )
            }
            replacements[location] = SQLIdentifier.quoteIfNeeded(column.targetName)
        }

        private mutating func operatorExpression(_ body: SyntaxNode) throws(Untranslatable) {
            let name = body["name"]?.nameParts?.last ?? ""
            let location = body["location"]?.int ?? -1
            switch body["kind"]?.string {
            case "AEXPR_OP":
                guard SourceExpression.sharedOperators.contains(name) else {
                    throw Untranslatable(reason: "it uses the operator \(name)")
                }
                if name == "==" { replacements[location] = "=" }
            case "AEXPR_IN", "AEXPR_BETWEEN", "AEXPR_NOT_BETWEEN", "AEXPR_DISTINCT", "AEXPR_NOT_DISTINCT",
                "AEXPR_NULLIF":
                break
            case "AEXPR_LIKE":
                // The LIKE keyword at or after the expression's location (NOT LIKE starts at NOT).
                guard let like = tokens.first(where: { $0.range.lowerBound >= location && $0.isWord("like") }) else {
                    throw Untranslatable(reason: "it uses LIKE in a form that is not translated")
                }
                replacements[like.range.lowerBound] = "ILIKE"
            default:
                throw Untranslatable(reason: "it uses \(name.isEmpty ? "an operator" : name) in a form not translated")
            }
            try check(body["lexpr"] ?? .null)
            try check(body["rexpr"] ?? .null)
        }

        private mutating func functionCall(_ body: SyntaxNode) throws(Untranslatable) {
            let parts = body["funcname"]?.nameParts ?? []
            let name = parts.last?.lowercased() ?? ""
            if body["over"] != nil || body.flag("agg_star") || body.flag("agg_distinct") {
                throw Untranslatable(reason: "it uses an aggregate or window function")
            }
            if name == "ifnull", let location = body["location"]?.int {
                replacements[location] = "coalesce"
            } else if !SourceExpression.sharedFunctions.contains(name) {
                throw Untranslatable(reason: "it uses the function \(name), which PostgreSQL does not share")
            }
            try check(body["args"] ?? .null)
        }

        /// The query with every noted token respelled.
        func apply(to query: String) -> String {
            var bytes = Array(query.utf8)
            for token in tokens.reversed() {
                guard let replacement = replacements[token.range.lowerBound] else { continue }
                bytes.replaceSubrange(token.range, with: Array(replacement.utf8))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
