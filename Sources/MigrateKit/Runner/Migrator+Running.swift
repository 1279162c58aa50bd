import PostgresClient

/// Preparing steps, and running them in the mode the options ask for (the modes are in `RunModes/`).
extension Migrator {
    /// Prepares every step of an upgrade, in order, reporting their caveats; the first step (in plan order)
    /// that cannot run as written throws.
    ///
    /// Parsing is most of the client's own work in a large upgrade, so it is spread over the cores
    /// (libpg_query keeps its state per thread).
    func prepareUpgrades(_ steps: [MigrationPlan.Step]) throws(MigrateError) -> [PreparedStep] {
        let options = options
        let versionTable = versionTable
        let results = steps.concurrentResults(minimumCount: 64) { step in
            guard let revision = step.revision else {
                throw MigrateError(.internal, "upgrade step \(step.revisionID) has no revision file")
            }
            return try PreparedStep.upgrade(revision, options: options, versionTable: versionTable)
        }
        var prepared: [PreparedStep] = []
        prepared.reserveCapacity(results.count)
        for result in results {
            let step = try Self.migrateErrorOrValue(result)
            step.caveats.forEach { report(.warning($0)) }
            prepared.append(step)
        }
        return prepared
    }

    private static func migrateErrorOrValue<Value>(_ result: Result<Value, any Error>) throws(MigrateError) -> Value {
        switch result {
        case .success(let value): return value
        case .failure(let error as MigrateError): throw error
        case .failure(let error): throw MigrateError(.internal, "\(error)")
        }
    }

    func prepareDowngrade(_ step: MigrationPlan.Step, row: AppliedRevision?) throws(MigrateError) -> PreparedStep {
        if step.revision == nil { report(.usingStoredDownSQL(revision: step.revisionID)) }
        return try PreparedStep.downgrade(step, row: row, options: options, versionTable: versionTable)
    }

    // MARK: - Running

    /// One transaction per revision (``TransactionPerRevisionRun``); non-transactional revisions statement by
    /// statement (``StatementByStatementRun``).
    func runEach(_ steps: [PreparedStep], partial: [String: AppliedRevision]) throws {
        let context = RunContext(self)
        // Commits before the last need not wait for their WAL flush: the last commit flushes everything
        // before it, and a server crash in between loses only whole revisions, row and DDL together.
        if steps.count > 1 { try connection.execute("SET synchronous_commit = off") }
        defer { if steps.count > 1 { _ = try? connection.execute("RESET synchronous_commit") } }
        var index = 0
        while index < steps.count {
            let step = steps[index]
            guard step.isTransactional else {
                try StatementByStatementRun(context: context).run(
                    step,
                    resumeFrom: partial[step.revision],
                    durable: index == steps.count - 1
                )
                index += 1
                continue
            }
            let end = steps[index...].firstIndex { !$0.isTransactional } ?? steps.count
            try TransactionPerRevisionRun(context: context).run(steps[index..<end], endsRun: end == steps.count)
            index = end
        }
    }

    /// The whole batch in one transaction (``AtomicRun``).
    func runAtomically(_ steps: [PreparedStep]) throws {
        try AtomicRun(context: RunContext(self)).run(steps)
    }
}
