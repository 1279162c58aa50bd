#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses SQL into ``SyntaxNode`` trees with libpg_query (PostgreSQL 15's grammar).
///
/// To parse a script and keep each statement's text and position, use ``SQLScript/parsedStatements()``.
package enum SQLParser {
    /// The parse trees of the statements in `sql`, one per statement, each a node wrapper such as
    /// `{"CreateStmt": {...}}`.
    /// - Throws: ``SQLSyntaxError`` with PostgreSQL's message and the error's position in `sql`.
    package static func parse(_ sql: String) throws(SQLSyntaxError) -> [SyntaxNode] {
        try SQLScript(sql).parsedStatements().map(\.tree)
    }

    /// The parse tree of `sql`, which must hold exactly one statement.
    /// - Throws: ``SQLSyntaxError``: a syntax error, or code `statementCount` for none or several statements.
    package static func parseStatement(_ sql: String) throws(SQLSyntaxError) -> SyntaxNode {
        let trees = try parse(sql)
        guard trees.count == 1 else {
            throw SQLSyntaxError(.statementCount, "expected one SQL statement, found \(trees.count)")
        }
        return trees[0]
    }

    // MARK: - libpg_query's JSON

    /// One element of `stmts` in `pg_query_parse`'s output.
    struct RawStatement {
        var tree: SyntaxNode
        var location: Int
        /// 0 for "to the end of the input".
        var length: Int
    }

    private struct ParseResult: Decodable {
        var stmts: [Statement]?
    }

    private struct Statement: Decodable {
        var stmt: SyntaxNode
        // libpg_query leaves out zero values: the first statement's location, the last statement's length.
        var location: Int?
        var length: Int?

        enum CodingKeys: String, CodingKey {
            case stmt
            case location = "stmt_location"
            case length = "stmt_len"
        }
    }

    static func decode(_ json: [UInt8]) throws(SQLSyntaxError) -> [RawStatement] {
        let result: ParseResult
        do {
            result = try JSONDecoder().decode(ParseResult.self, from: Data(json))
        } catch {
            throw SQLSyntaxError(.internal, "libpg_query returned a parse tree that could not be read: \(error)")
        }
        return (result.stmts ?? []).map {
            RawStatement(tree: $0.stmt, location: $0.location ?? 0, length: $0.length ?? 0)
        }
    }
}
