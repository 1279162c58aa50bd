import PostgresClient

/// Applies and reverts revisions on one database: the heart of `upgrade`, `downgrade` and `stamp`.
///
/// Every run holds the migration lock (``MigrationLock``) from planning to the last commit, so concurrent
/// deployers serialise and never apply a revision twice. Each revision runs in a transaction together with
/// its version-table row: it is applied and recorded, or neither. Revisions marked
/// `-- migrate:transaction false` run statement by statement and record their progress, so a failure or a
/// crash part-way can be resumed.
package final class Migrator {
    package let connection: PostgresConnection
    package let graph: RevisionGraph
    package let versionTable: VersionTable
    package let options: MigrationOptions
    let report: (MigrationEvent) -> Void

    package init(
        connection: PostgresConnection,
        graph: RevisionGraph,
        versionTable: VersionTable,
        options: MigrationOptions,
        report: @escaping (MigrationEvent) -> Void = { _ in }
    ) {
        self.connection = connection
        self.graph = graph
        self.versionTable = versionTable
        self.options = options
        self.report = report
    }

    // MARK: - Commands

    /// Applies the revisions needed to reach `target`.
    /// - Returns: The ids applied, in order; empty when the database was already there.
    /// - Throws: ``MigrateError``: `.validation` when applied files changed (unless `allowChanged`),
    ///   `.revisionFile` when a revision cannot run as written (nothing ran), `.statementFailed` when a
    ///   statement failed (that revision rolled back; earlier ones stay applied, or none in atomic mode),
    ///   `.lockTimeout` when another deployer held the lock too long.
    /// - Parameter stoppingBeforePostDeploy: `upgrade --phase pre`: apply what comes before the first
    ///   post-deploy revision of the plan, and report the rest as deferred.
    @discardableResult
    package func upgrade(to target: RevisionTarget, stoppingBeforePostDeploy: Bool = false) throws -> [String] {
        // The version tables are made only once the revisions to run have been prepared: a revision that cannot
        // run leaves the database as it was.
        try withLock(creatingVersionTables: false) {
            let tablesExist = try versionTable.existingLayout(on: connection) != nil
            if tablesExist { try createVersionTablesIfNeeded() }  // checks their layout
            let rows = try versionTable.appliedRevisions(on: connection, knownToExist: tablesExist)
            let integrity = IntegrityReport(rows: rows, graph: graph)
            if !integrity.isClean && !options.allowChanged { throw integrity.error(command: "upgrade") }
            let applied = Set(rows.filter { $0.status == .applied }.map(\.revision))
            var plan = try graph.upgradePlan(to: target, applied: applied)
            if stoppingBeforePostDeploy {
                let (before, deferred) = plan.beforeFirstPostDeployStep()
                plan = before
                if let first = deferred.first { report(.postDeployDeferred(first: first.revisionID, count: deferred.count)) }
            }
            // Every step is prepared (read, parsed, checked) before the plan is announced and anything runs.
            let steps = try prepareUpgrades(plan.steps)
            if !tablesExist { try createVersionTablesIfNeeded() }
            report(.planned(direction: .upgrade, steps: plan.steps))
            guard !plan.isEmpty else { return [] }
            let partial = Dictionary(rows.filter { $0.status != .applied }.map { ($0.revision, $0) }) { first, _ in
                first
            }
            if options.transactionMode == .all {
                try runAtomically(steps)
            } else {
                try runEach(steps, partial: partial)
            }
            return steps.map(\.revision)
        }
    }

    /// Reverts applied revisions down to `target`.
    /// - Returns: The ids reverted, in order.
    @discardableResult
    package func downgrade(to target: RevisionTarget) throws -> [String] {
        try withLock {
            let rows = try versionTable.appliedRevisions(on: connection, knownToExist: true)
            let applied = Set(rows.map(\.revision))
            let rowByID = Dictionary(rows.map { ($0.revision, $0) }) { first, _ in first }
            let plan = try graph.downgradePlan(
                to: target,
                applied: applied,
                recordedParents: rowByID.mapValues(\.parents)
            )
            let steps = try plan.steps.map { step throws(MigrateError) in
                try prepareDowngrade(step, row: rowByID[step.revisionID])
            }
            report(.planned(direction: .downgrade, steps: plan.steps))
            guard !plan.isEmpty else { return [] }
            if options.transactionMode == .all {
                try runAtomically(steps)
            } else {
                try runEach(steps, partial: [:])
            }
            return steps.map(\.revision)
        }
    }

    /// Records revisions as applied (or forgets them) without running their SQL.
    /// - Parameters:
    ///   - purge: Forget every row first, including revisions no file declares.
    ///   - confirmed: The person agreed to un-record revisions (`--yes`); without it, a stamp that would forget
    ///     any applied revision changes nothing.
    /// - Throws: ``MigrateError`` `.usage` listing the revisions a stamp would un-record, when not `confirmed`.
    @discardableResult
    package func stamp(to target: RevisionTarget, purge: Bool, confirmed: Bool = true) throws -> StampPlan {
        try withLock {
            var rows = try versionTable.appliedRevisions(on: connection, knownToExist: true)
            if !confirmed {
                let applied = Set((purge ? [] : rows).map(\.revision))
                let plan = try graph.stampPlan(to: target, applied: applied)
                // What a purge deletes and does not record again is un-recorded too.
                let forgotten = rows.filter { !plan.appliedAfter.contains($0.revision) }
                if !forgotten.isEmpty { throw Self.unrecordingError(forgotten, target: target) }
            }
            var statements: [String] = []
            if purge {
                for row in rows {
                    statements.append(versionTable.deleteStatement(revision: row.revision))
                    statements.append(stampLogStatement(.unstamp, row.revision, detail: "purged"))
                }
                rows = []
            }
            let applied = Set(rows.map(\.revision))
            let plan = try graph.stampPlan(to: target, applied: applied)
            for id in plan.removed {
                statements.append(versionTable.deleteStatement(revision: id))
                statements.append(stampLogStatement(.unstamp, id, detail: nil))
            }
            for id in plan.added {
                let revision = try graph.resolve(id)
                statements.append(
                    versionTable.upsertStatement(
                        Self.record(for: revision),
                        status: .applied,
                        elapsed: .unknown,
                        clientHost: options.clientHost
                    )
                )
                statements.append(stampLogStatement(.stamp, id, detail: nil))
            }
            if !statements.isEmpty {
                try connection.execute(
                    "BEGIN;\n" + statements.joined(separator: ";\n") + ";\nCOMMIT"
                )
            }
            report(.stamped(added: plan.added, removed: (purge ? [] : plan.removed)))
            return plan
        }
    }

    /// Records the current checksum of an applied revision whose file was edited on purpose, so that `upgrade`
    /// and `validate` accept the file as it is now; the event log names who did it (database user, client host)
    /// and why.
    /// - Parameters:
    ///   - reference: The revision: an id, a unique prefix or a branch label.
    ///   - reason: Why the edit is accepted; recorded in the log.
    /// - Returns: The checksums before and after, or `nil` when the row already matches the file.
    /// - Throws: ``MigrateError`` `.target` when the revision has no file or is not applied.
    @discardableResult
    package func acceptChecksum(of reference: String, reason: String) throws -> (
        revision: Revision, previous: String
    )? {
        let revision = try graph.resolve(reference)
        return try withLock {
            let rows = try versionTable.appliedRevisions(on: connection, knownToExist: true, detail: .withoutDownSQL)
            guard let row = rows.first(where: { $0.revision == revision.id }), row.status == .applied else {
                throw MigrateError(
                    .target,
                    "revision \(revision.id) is not applied, so there is no checksum to accept",
                    hint: "--accept is for an applied revision whose file was edited on purpose; see `migrate status`"
                )
            }
            guard row.checksum != revision.checksum else { return nil }
            let detail =
                "accepted the edited file \(revision.fileName): checksum \(row.checksum.prefix(12))… -> "
                + "\(revision.checksum.prefix(12))…; reason: \(reason)"
            try connection.execute(
                "BEGIN;\n"
                    + versionTable.acceptStatement(revision: revision.id, checksum: revision.checksum) + ";\n"
                    + stampLogStatement(.stamp, revision.id, detail: detail) + ";\nCOMMIT"
            )
            return (revision, row.checksum)
        }
    }

    /// The refusal of a stamp that would un-record applied revisions without `--yes`.
    static func unrecordingError(_ rows: [AppliedRevision], target: RevisionTarget) -> MigrateError {
        let list = rows.reversed().map { "\($0.revision)  \($0.message)" }
        return MigrateError(
            .usage,
            "stamping to \(target) would un-record \(rows.count) applied revision(s), whose objects stay in the "
                + "database; nothing was changed:\n  " + list.joined(separator: "\n  "),
            hint: "pass --yes to un-record them; to undo their changes too, use `migrate downgrade`"
        )
    }

    // MARK: - Lock and version table

    /// Runs `body` holding the migration lock, with the version tables in place unless `creatingVersionTables` is
    /// false (`body` then makes them when it needs them).
    func withLock<Result>(creatingVersionTables: Bool = true, _ body: () throws -> Result) throws -> Result {
        let lock = MigrationLock(key: versionTable.lockKey)
        try lock.acquire(on: connection, timeoutSeconds: options.lockWaitSeconds) { holders in
            report(.waitingForLock(holders))
        }
        defer { try? lock.release(on: connection) }
        if creatingVersionTables { try createVersionTablesIfNeeded() }
        return try body()
    }

    /// Makes the version tables unless they exist; checks the layout of existing ones.
    func createVersionTablesIfNeeded() throws {
        if try versionTable.ensureExists(on: connection) {
            // `CREATE SCHEMA IF NOT EXISTS public` says "already exists" as a NOTICE; left queued, it would be
            // reported as coming from the first statement of the first revision.
            _ = connection.takeNotices()
            report(.createdVersionTable(versionTable))
        }
    }

    // MARK: - Helpers

    /// What the version table records for `revision`: what its file gives (status, timing and the rest are the
    /// runner's to write).
    static func record(for revision: Revision) -> AppliedRevision {
        AppliedRevision(
            revision: revision.id,
            parents: revision.parents,
            dependsOn: revision.dependsOn,
            branchLabels: revision.branchLabels,
            message: revision.message,
            fileName: String(revision.fileName),
            checksum: revision.checksum,
            // A revision whose up section has no SQL (a merge) is undone by doing nothing: store its (empty) down
            // section rather than nil, which would mark it irreversible once its file is gone.
            downSQL: revision.down.containsSQL || !revision.up.containsSQL ? revision.down.text : nil,
            isTransactional: revision.isTransactional
        )
    }

    /// The log entry of a stamp or unstamp: it always succeeds with its transaction, and takes no time to speak of.
    func stampLogStatement(_ event: VersionTable.Event, _ revision: String, detail: String?) -> String {
        let row = versionTable.logValues(
            event,
            revision: revision,
            succeeded: true,
            detail: detail,
            elapsed: .unknown,
            clientHost: options.clientHost
        )
        return versionTable.logStatement(rows: [row])
    }
}
