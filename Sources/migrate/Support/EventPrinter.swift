import MigrateKit

/// Prints what a migration run reports, on stderr (stdout stays for requested output).
enum EventPrinter {
    /// Files under it are named from it (`migrations/versions/...`), as a person standing there wrote them.
    nonisolated(unsafe) static var projectRoot: String?
    /// In one transaction for the whole batch (`--atomic`), a revision that is done is not applied until the batch
    /// commits.
    nonisolated(unsafe) static var isAtomic = false

    static func print(_ event: MigrationEvent) {
        switch event {
        case .waitingForLock(let holders):
            let who = holders.isEmpty ? "another session" : holders.map(\.description).joined(separator: "; ")
            Terminal.info("waiting for the migration lock, held by \(who)")
        case .createdVersionTable(let table):
            Terminal.info(
                "created the version tables \(table.schema).\(table.name) and \(table.schema).\(table.logName)"
            )
        case .planned(let direction, let steps):
            if steps.isEmpty {
                Terminal.info("nothing to do: the database is already there")
            } else {
                let verb = direction == .upgrade ? "applying" : "reverting"
                Terminal.info("\(verb) \(steps.count) revision\(steps.count == 1 ? "" : "s")")
            }
        case .resuming(let revision, let statement, let location):
            Terminal.info("resuming revision \(revision) at statement \(statement) (\(location))")
        case .started(let revision, let message, let direction):
            Terminal.detail("\(direction == .upgrade ? "applying" : "reverting") \(revision) \(message)")
        case .finished(let revision, let direction, let milliseconds):
            let time = formatSeconds(milliseconds / 1000)
            if isAtomic {
                Terminal.info("  done \(revision) (\(time)), committing with the batch")
            } else {
                Terminal.info("  \(direction == .upgrade ? "applied" : "reverted") \(revision) (\(time))")
            }
        case .notice(let notice, let revision, let location):
            Terminal.info("  \(location.map { "\(relative($0)): " } ?? "")[\(revision)] \(notice)")
        case .warning(let text):
            Terminal.warning(text)
        case .postDeployDeferred(let first, let count):
            Terminal.info(
                "--phase pre: stopping before the post-deploy revision \(first) (\(count) revision(s) left); after "
                    + "every replica runs the new version: migrate upgrade --phase post"
            )
        case .usingStoredDownSQL(let revision):
            Terminal.info("revision \(revision) has no file here: using the down SQL stored when it was applied")
        case .stamped(let added, let removed):
            for id in added { Terminal.info("  stamped \(id) as applied") }
            for id in removed { Terminal.info("  unstamped \(id)") }
            if added.isEmpty && removed.isEmpty { Terminal.info("nothing to stamp: the version table already says so") }
        }
    }

    private static func relative(_ location: SourceLocation) -> SourceLocation {
        guard let root = projectRoot, location.file.hasPrefix(root + "/") else { return location }
        var relative = location
        relative.file = String(location.file.dropFirst(root.count + 1))
        return relative
    }
}
