/// How a run applies revisions: transactions, timeouts, waiting for other deployers.
package struct MigrationOptions: Sendable {
    /// One transaction per revision, or one for the whole batch (`--atomic`, `transaction = "all"`).
    package var transactionMode: TransactionMode = .perRevision
    /// `lock_timeout` for each revision unless its header sets one; PostgreSQL syntax (`5s`), `0` = none.
    package var lockTimeout: String = "5s"
    /// `statement_timeout` for each revision unless its header sets one.
    package var statementTimeout: String = "0"
    /// How long to wait for another process's migration lock.
    package var lockWaitSeconds: Double = 60
    /// Run even when applied revisions' files changed or are missing (`--allow-changed`).
    package var allowChanged = false
    /// Recorded as `client_host` with every revision: the machine running migrate.
    package var clientHost: String? = nil
    /// One transaction per revision: a message of revisions that took less than this lets the next message
    /// take twice as many; a slower one sets it back to one. Not configurable: tests set it to pin the packing.
    package var quickMessageSeconds = 0.05

    package init() {}
}
