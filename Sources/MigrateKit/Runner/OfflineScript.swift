import PostgresClient

/// The exact SQL an `upgrade` or `downgrade` would run, as a script for `psql`, computed without a
/// connection (`migrate upgrade --sql`, `migrate downgrade --sql`).
///
/// It takes the migration lock the way the online run does (polling `pg_try_advisory_lock` up to the lock
/// wait), creates the version tables if missing, and wraps every revision in the same transaction control
/// and version-table statements.
package struct OfflineScript {
    package let graph: RevisionGraph
    package let versionTable: VersionTable
    package let options: MigrationOptions

    package init(graph: RevisionGraph, versionTable: VersionTable, options: MigrationOptions) {
        self.graph = graph
        self.versionTable = versionTable
        self.options = options
    }

    /// Parses `FROM:TO` or `TO` (from base) as `upgrade --sql` and `downgrade --sql` take them.
    package static func range(_ text: String, fromRequired: Bool) throws(MigrateError) -> (from: String?, to: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where !fromRequired && !parts[0].isEmpty: return (nil, parts[0])
        case 2 where !parts[1].isEmpty && !(fromRequired && parts[0].isEmpty):
            return (parts[0].isEmpty ? nil : parts[0], parts[1])
        default:
            throw MigrateError(
                .target,
                "`\(text)` is not a range; expected \(fromRequired ? "FROM:TO" : "[FROM:]TO") such as "
                    + (fromRequired ? "`head:base` or `ae10:-1`" : "`head` or `ae10:head`"),
                hint: "offline mode cannot ask the database where it is, so it needs the starting revision"
                    + (fromRequired ? "" : " (default: base, an empty database)")
            )
        }
    }

    /// The script that upgrades a database at `from` (default: base) to `to`; with `stoppingBeforePostDeploy`,
    /// only what comes before the first post-deploy revision (`upgrade --sql --phase pre`).
    package func upgrade(from: String?, to: String, stoppingBeforePostDeploy: Bool = false) throws -> String {
        let applied = try appliedSet(at: from)
        var plan = try graph.upgradePlan(to: try RevisionTarget(parsing: to), applied: applied)
        if stoppingBeforePostDeploy { plan = plan.beforeFirstPostDeployStep().plan }
        let steps = try plan.steps.map { step throws(MigrateError) in
            guard let revision = step.revision else {
                throw MigrateError(.internal, "upgrade step \(step.revisionID) has no file")
            }
            return try PreparedStep.upgrade(revision, options: options, versionTable: versionTable)
        }
        return render(steps, title: "upgrade from \(from ?? "base") to \(to)")
    }

    /// The script that downgrades a database at `from` to `to`.
    package func downgrade(from: String, to: String) throws -> String {
        let applied = try appliedSet(at: from)
        let plan = try graph.downgradePlan(to: try RevisionTarget(parsing: to), applied: applied, recordedParents: [:])
        let steps = try plan.steps.map { step throws(MigrateError) in
            try PreparedStep.downgrade(step, row: nil, options: options, versionTable: versionTable)
        }
        return render(steps, title: "downgrade from \(from) to \(to)")
    }

    /// What is applied when the database is at `reference` (a revision or target): it and its ancestors.
    private func appliedSet(at reference: String?) throws -> Set<String> {
        guard let reference, reference.lowercased() != "base" else { return [] }
        return try graph.stampPlan(to: try RevisionTarget(parsing: reference), applied: []).appliedAfter
    }

    private func render(_ steps: [PreparedStep], title: String) -> String {
        var lines = [
            "-- migrate \(MigrateVersion.current): \(title), \(steps.count) revision(s)",
            "-- version table \(versionTable.schema).\(versionTable.name); run with: psql -X -v ON_ERROR_STOP=1 -f FILE",
            "",
        ]
        guard !steps.isEmpty else { return (lines + ["-- nothing to do", ""]).joined(separator: "\n") }
        lines.append(lockStatement())
        lines.append("")
        lines.append("BEGIN;")
        lines += versionTable.createStatements.map { $0 + ";" }
        lines.append("COMMIT;")
        let atomic = options.transactionMode == .all
        if atomic { lines += ["", "BEGIN;"] }
        for step in steps {
            lines.append("")
            let verb = step.direction == .upgrade ? "Upgrade" : "Downgrade"
            lines.append(
                "-- \(verb) \(step.revision)\(step.message.isEmpty ? "" : ": " + step.message) (\(step.section.origin))"
            )
            if step.isTransactional {
                if !atomic { lines.append("BEGIN;") }
                lines.append(step.timeoutSettings(local: true) + ";")
                lines += step.section.statements.map { $0.text + ";" }
                lines += step.finishStatements(elapsed: .unknown, durable: false, detail: "offline script").map {
                    $0 + ";"
                }
                if !atomic { lines.append("COMMIT;") }
            } else {
                lines.append("-- runs outside a transaction, statement by statement")
                if step.direction == .upgrade {
                    lines.append(step.recordStatement(status: .running, elapsed: .unknown) + ";")
                }
                lines.append(step.timeoutSettings(local: false) + ";")
                for (index, statement) in step.section.statements.enumerated() {
                    lines.append(statement.text + ";")
                    if step.direction == .upgrade {
                        lines.append(
                            versionTable.progressStatement(revision: step.revision, statementsDone: index + 1) + ";"
                        )
                    }
                }
                lines.append("RESET lock_timeout; RESET statement_timeout;")
                lines.append("BEGIN;")
                lines += step.finishStatements(elapsed: .unknown, durable: false, detail: "offline script").map {
                    $0 + ";"
                }
                lines.append("COMMIT;")
            }
        }
        if atomic { lines.append("COMMIT;") }
        lines += ["", "SELECT pg_advisory_unlock(\(versionTable.lockKey));", ""]
        return lines.joined(separator: "\n")
    }

    /// Polls `pg_try_advisory_lock` like the online run (a blocked `pg_advisory_lock` would deadlock with
    /// `CREATE INDEX CONCURRENTLY`), giving up after the lock wait.
    private func lockStatement() -> String {
        let attempts = max(1, Int((options.lockWaitSeconds * 10).rounded()))
        return """
            DO $migrate_lock$
            BEGIN
                FOR attempt IN 1..\(attempts) LOOP
                    IF pg_try_advisory_lock(\(versionTable.lockKey)) THEN
                        RETURN;
                    END IF;
                    PERFORM pg_sleep(0.1);
                END LOOP;
                RAISE EXCEPTION 'another migration holds the migrate lock of \(versionTable.schema).\(versionTable.name)';
            END
            $migrate_lock$;
            """
    }
}
