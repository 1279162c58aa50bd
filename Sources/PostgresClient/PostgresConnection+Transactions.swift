extension PostgresConnection {
    /// Opens a transaction block.
    package func begin() throws(PostgresError) { try execute("BEGIN") }

    package func commit() throws(PostgresError) { try execute("COMMIT") }

    package func rollback() throws(PostgresError) { try execute("ROLLBACK") }

    /// Marks a savepoint inside the current transaction.
    package func savepoint(_ name: String) throws(PostgresError) {
        try execute("SAVEPOINT " + SQLQuoting.identifier(name))
    }

    package func releaseSavepoint(_ name: String) throws(PostgresError) {
        try execute("RELEASE SAVEPOINT " + SQLQuoting.identifier(name))
    }

    package func rollbackToSavepoint(_ name: String) throws(PostgresError) {
        try execute("ROLLBACK TO SAVEPOINT " + SQLQuoting.identifier(name))
    }

    /// Runs `body` inside `BEGIN ... COMMIT`, rolling back if it throws.
    package func withTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            if isHealthy, transactionState != .idle { try? rollback() }
            throw error
        }
    }
}
