/// A statement of a script with its parse tree.
package struct ParsedStatement: Sendable, Hashable {
    /// Text and position of the statement in its script.
    package var statement: SQLStatement
    /// The statement's node wrapper, such as `{"IndexStmt": {...}}`.
    package var tree: SyntaxNode

    package init(statement: SQLStatement, tree: SyntaxNode) {
        self.statement = statement
        self.tree = tree
    }

    /// The statement's node type: `"CreateStmt"`, `"IndexStmt"`, `"TransactionStmt"`...
    package var kind: String? { tree.kind }

    /// What the engine must know about the statement before running it in a transaction.
    package var classification: StatementClassification { StatementClassifier.classify(tree) }
}
