/// A statement of the runner's own, sent around a revision's statements, with what it is there for. The run
/// modes read results by role (the log entry returns the revision's time, a COMMIT ends it), never by position.
struct RunnerStatement: Equatable {
    /// What a runner statement does.
    enum Role: Equatable {
        case begin
        /// `SET LOCAL lock_timeout` and `statement_timeout`.
        case timeouts
        /// Sets the timeouts and returns the server's clock (seconds since 1970): when the revision started.
        case timeoutsAndClock
        /// `SELECT` between two of a revision's statements. A NOTICE that libpq reads with a statement's result
        /// may be the next statement's (libpq handles notices as soon as they arrive, even after a result is
        /// complete); a separator raises none, so a notice read with its result belongs to the statement after it.
        case separator
        /// `SET LOCAL synchronous_commit = on`: the last commit of a run waits for the disk, making all before
        /// it durable.
        case durableCommit
        /// Writes (or deletes) the revision's version-table row.
        case versionRow
        /// Appends the revision's entry to the event log; when the server times the revision, returns its time
        /// in milliseconds.
        case logEntry
        /// Returns the server's clock (seconds since 1970): when the last revision of an atomic batch ended.
        case clockReading
        case commit
    }

    let role: Role
    let sql: String

    static let begin = RunnerStatement(role: .begin, sql: "BEGIN")
    static let commit = RunnerStatement(role: .commit, sql: "COMMIT")
    static let separator = RunnerStatement(role: .separator, sql: "SELECT")
    static let durableCommit = RunnerStatement(role: .durableCommit, sql: "SET LOCAL synchronous_commit = on")
    static let clockReading = RunnerStatement(role: .clockReading, sql: "SELECT extract(epoch FROM clock_timestamp())")
}
