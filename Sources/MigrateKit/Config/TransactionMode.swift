/// How an upgrade or downgrade groups its revisions into transactions (`[migrations] transaction`).
package enum TransactionMode: String, Sendable, CaseIterable {
    /// Each revision runs in its own transaction; a failure rolls back only that revision, and the ones before
    /// it stay applied.
    case perRevision = "per-revision"
    /// The whole batch runs in one transaction, as with `--atomic`: a failure leaves the database as it was.
    case all
}
