/// What the engine must know about a statement before it runs it inside a transaction.
package struct StatementClassification: Sendable, Hashable {
    /// Why the statement cannot run inside a transaction block, when it cannot
    /// ("CREATE INDEX CONCURRENTLY cannot run inside a transaction block").
    package var transactionRestriction: String?
    /// The transaction-control command the statement is, if it is one.
    package var transactionControl: TransactionControl?
    /// A warning about a statement that runs in a transaction but behaves unexpectedly there.
    package var transactionCaveat: String?
    /// Whether the statement drops the session's prepared statements (`DEALLOCATE`, `DISCARD ALL`), which a
    /// runner that prepared its own must know.
    package var dropsPreparedStatements: Bool

    package init(
        transactionRestriction: String? = nil,
        transactionControl: TransactionControl? = nil,
        transactionCaveat: String? = nil,
        dropsPreparedStatements: Bool = false
    ) {
        self.transactionRestriction = transactionRestriction
        self.transactionControl = transactionControl
        self.transactionCaveat = transactionCaveat
        self.dropsPreparedStatements = dropsPreparedStatements
    }

    /// True when nothing about transactions was flagged.
    package var isPlain: Bool {
        transactionRestriction == nil && transactionControl == nil && transactionCaveat == nil
    }
}
