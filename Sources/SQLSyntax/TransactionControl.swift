/// A statement that begins, ends or subdivides the session's transaction. The engine runs revisions in
/// transactions it opens and commits itself, so a revision must not contain these.
package enum TransactionControl: String, Sendable, Hashable, CaseIterable {
    case begin = "BEGIN"
    case startTransaction = "START TRANSACTION"
    /// `COMMIT` or `END`.
    case commit = "COMMIT"
    /// `ROLLBACK` or `ABORT`.
    case rollback = "ROLLBACK"
    case savepoint = "SAVEPOINT"
    case releaseSavepoint = "RELEASE SAVEPOINT"
    case rollbackToSavepoint = "ROLLBACK TO SAVEPOINT"
    case prepareTransaction = "PREPARE TRANSACTION"

    /// The SQL command, as a person would write it.
    package var command: String { rawValue }

    /// Why the statement is out of place in a revision, for an error message.
    package var reason: String {
        "\(command) controls the transaction, which migrate manages itself"
    }
}
