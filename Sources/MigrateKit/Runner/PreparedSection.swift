import PostgresClient
import SQLSyntax

/// One section of SQL (a revision's up or down section, or stored down SQL) split into statements and
/// checked, with each statement's place in its file, ready to run.
package struct PreparedSection: Sendable {
    /// A statement and where it is.
    package struct Statement: Sendable {
        package var text: String
        package var location: SourceLocation
        package var classification: StatementClassification
        /// For `CREATE INDEX CONCURRENTLY name ...`: the index, whose INVALID leftover a re-run must drop first.
        var concurrentIndex: InvalidIndexRecovery.Target?
        let syntax: SQLStatement
    }

    /// Where the text came from: a file path, or a description such as "stored down SQL of revision abc".
    package let origin: String
    /// The file line of the text's first line.
    let firstLine: Int
    let script: SQLScript
    package let statements: [Statement]

    /// Splits and parses the text with PostgreSQL's parser.
    /// - Throws: ``MigrateError`` `.revisionFile` at the file line and column of a syntax error.
    package init(text: String, origin: String, firstLine: Int) throws(MigrateError) {
        self.origin = origin
        self.firstLine = firstLine
        script = SQLScript(text)
        let parsed: [ParsedStatement]
        do {
            // Classification, and the index name for INVALID-index recovery, read only the top of each tree.
            parsed = try script.parsedStatements(treeDepth: StatementClassifier.treeDepth(ofKind:))
        } catch {
            let location = error.position.map {
                SourceLocation(file: origin, line: firstLine - 1 + $0.line, column: $0.column)
            }
            throw MigrateError(
                .revisionFile,
                "SQL syntax error: \(error.message)",
                location: location ?? SourceLocation(file: origin, line: firstLine),
                hint: "nothing was run; fix the statement and run again"
            )
        }
        statements = parsed.map { parsedStatement in
            Statement(
                text: parsedStatement.statement.text,
                location: SourceLocation(
                    file: origin,
                    line: firstLine - 1 + parsedStatement.statement.line,
                    column: parsedStatement.statement.column
                ),
                classification: parsedStatement.classification,
                concurrentIndex: InvalidIndexRecovery.target(of: parsedStatement.tree),
                syntax: parsedStatement.statement
            )
        }
    }

    /// Whether a statement drops the session's prepared statements (`DEALLOCATE`, `DISCARD ALL`).
    var dropsPreparedStatements: Bool {
        statements.contains { $0.classification.dropsPreparedStatements }
    }

    /// Where a server error points: the error's position inside the statement when the server gave one,
    /// otherwise the statement's start.
    package func location(of error: PostgresError, in statement: Statement) -> SourceLocation {
        location(ofServerPosition: error.position, in: statement)
    }

    /// Where a server error position (characters from 1 in the statement's text) points.
    func location(ofServerPosition position: Int?, in statement: Statement) -> SourceLocation {
        guard let position,
            let place = script.position(ofServerErrorPosition: position, in: statement.syntax)
        else { return statement.location }
        return SourceLocation(file: origin, line: firstLine - 1 + place.line, column: place.column)
    }

    /// Checks the statements can run the way the revision says: no transaction control anywhere, and in a
    /// transactional revision nothing that PostgreSQL refuses inside a transaction block.
    /// - Returns: Caveats worth a warning (e.g. `ALTER TYPE ... ADD VALUE` inside a transaction).
    /// - Throws: ``MigrateError`` `.revisionFile` at the offending statement, saying how to fix it.
    package func checkRunnable(transactional: Bool, revision: String) throws(MigrateError) -> [String] {
        var caveats: [String] = []
        for statement in statements {
            let classification = statement.classification
            if let control = classification.transactionControl {
                throw MigrateError(
                    .revisionFile,
                    "\(control.reason); revision \(revision) must not contain \(control.command)",
                    location: statement.location,
                    hint: "remove it: each revision runs in its own transaction, or statement by statement with "
                        + "`-- migrate:transaction false`"
                )
            }
            if transactional, let restriction = classification.transactionRestriction {
                throw MigrateError(
                    .revisionFile,
                    "\(restriction), but revision \(revision) runs in a transaction",
                    location: statement.location,
                    hint: "add `-- migrate:transaction false` to its header (it then runs statement by statement, "
                        + "and a failed run resumes at the failed statement)"
                )
            }
            if transactional, let caveat = classification.transactionCaveat {
                caveats.append("\(statement.location): \(caveat)")
            }
        }
        return caveats
    }
}
