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

    /// Reads `{"version": ..., "stmts": [{"stmt": {...}, "stmt_location": n, "stmt_len": n}, ...]}`.
    /// libpg_query leaves out zero values: the first statement's location, the last statement's length.
    /// - Parameter treeDepth: For a statement kind, how many levels of its tree to keep below its node wrapper
    ///   (level 0); deeper values are `null`. Whole trees when `nil`.
    static func decode(
        _ json: [UInt8],
        treeDepth: ((_ kind: String) -> Int)? = nil
    ) throws(SQLSyntaxError) -> [RawStatement] {
        // Each statement's node wrapper is at depth 3: the document, `stmts`, the element, its `stmt`.
        let cut = treeDepth.map { JSONReader.Cut(depth: 3, levels: $0) }
        let result: SyntaxNode
        do {
            result = try JSONReader.read(json, cut: cut)
        } catch  where error.isTooDeep {
            throw SQLSyntaxError(
                .tooDeep,
                "the statement nests more than \(JSONReader.maximumDepth) levels deep, too deep to analyse"
            )
        } catch {
            let message = "libpg_query returned a parse tree that could not be read (at byte \(error.offset))"
            throw SQLSyntaxError(.internal, message)
        }
        var statements: [RawStatement] = []
        for element in result["stmts"]?.array ?? [] {
            guard let tree = element["stmt"] else {
                throw SQLSyntaxError(.internal, "libpg_query returned a statement without a parse tree")
            }
            statements.append(
                RawStatement(
                    tree: tree,
                    location: element["stmt_location"]?.int ?? 0,
                    length: element["stmt_len"]?.int ?? 0
                )
            )
        }
        return statements
    }
}
