import PostgresClient

/// What a run reports as it goes; the CLI prints these, tests collect them.
package enum MigrationEvent: Sendable {
    /// The migration lock is busy; these sessions hold it.
    case waitingForLock([MigrationLock.Holder])
    /// The version tables did not exist and were created.
    case createdVersionTable(VersionTable)
    /// What the run is about to do (possibly nothing).
    case planned(direction: MigrationPlan.Direction, steps: [MigrationPlan.Step])
    /// A non-transactional revision that stopped part-way is resumed at a statement.
    case resuming(revision: String, statement: Int, location: SourceLocation)
    /// `upgrade --phase pre` left these out: `count` revisions from the post-deploy revision `first` on.
    case postDeployDeferred(first: String, count: Int)
    /// A revision starts running.
    case started(revision: String, message: String, direction: MigrationPlan.Direction)
    /// A revision finished and was recorded.
    case finished(revision: String, direction: MigrationPlan.Direction, milliseconds: Double)
    /// A NOTICE or WARNING the server sent while running a revision's statement.
    case notice(PostgresNotice, revision: String, location: SourceLocation?)
    /// Something the person should know that does not stop the run.
    case warning(String)
    /// A downgrade uses the down SQL stored when the revision was applied, because its file is gone.
    case usingStoredDownSQL(revision: String)
    /// A stamp recorded or forgot revisions without running SQL.
    case stamped(added: [String], removed: [String])
}
