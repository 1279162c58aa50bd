import ArgumentParser
import MigrateKit

/// `migrate status`: applied, pending, failed and changed revisions.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List applied, pending and failed revisions, and applied files that changed.",
        discussion: """
            With --exit-code, exit 3 when revisions are pending and 4 when the files and table disagree.

            Examples:
              migrate status
              migrate status --exit-code
              migrate status --json
            """
    )

    @ParentCommand var root: MigrateCommand
    @Flag(help: "Exit 3 if revisions are pending, 4 if validation finds problems.") var exitCode = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(root.global)
        let (_, status) = try context.loadGraphAndStatus()
        // A revision that stopped part-way has a row, and the graph counts it as pending too: it is shown once,
        // in a section of its own (in JSON, among the rows with its status).
        let partial = status.rows.filter { $0.status != .applied }
        let partialIDs = Set(partial.map(\.revision))
        let pending = status.pending.filter { !partialIDs.contains($0.id) }
        if json {
            struct Status: Encodable {
                var applied: [AppliedJSON]
                var pending: [RevisionJSON]
                var current: [String]
                var problems: [String]
                var upToDate: Bool
            }
            try JSONOutput.print(
                Status(
                    applied: status.rows.map(AppliedJSON.init),
                    pending: pending.map(RevisionJSON.init),
                    current: status.currentHeads,
                    problems: status.integrity.lines,
                    upToDate: status.isUpToDate
                )
            )
        } else {
            let applied = status.rows.filter { $0.status == .applied }
            Terminal.output("applied (\(applied.count)):")
            for row in applied {
                Terminal.output("  \(row.revision)  \(row.appliedAt)  \(row.message)")
            }
            if !partial.isEmpty {
                Terminal.output("stopped part-way (\(partial.count)):")
                for row in partial {
                    Terminal.output(
                        "  \(row.revision)  \(row.appliedAt)  \(row.message)  "
                            + "[\(row.status.rawValue.uppercased()) after \(row.statementsDone) statement(s)]"
                    )
                }
            }
            Terminal.output("pending (\(pending.count)):")
            for revision in pending {
                let phase = revision.phase == .post ? "  [post-deploy]" : ""
                Terminal.output("  \(revision.id)  \(revision.message)  (\(revision.path))\(phase)")
            }
            if !status.integrity.isEmpty {
                Terminal.output("problems (\(status.integrity.lines.count)):")
                status.integrity.lines.forEach { Terminal.output("  " + $0) }
                if !status.integrity.partial.isEmpty {
                    Terminal.output(
                        "  way out: fix the failing statement and run `migrate upgrade` (it resumes at that "
                            + "statement), or finish it by hand and `migrate stamp REV`"
                    )
                }
            }
        }
        guard exitCode else { return }
        if !status.integrity.isEmpty {
            throw MigrateError(
                .validation,
                "\(status.integrity.lines.count) problem(s) between the version table and the revision files "
                    + "(listed above)",
                hint: "see `migrate validate`; never edit an applied revision, add a new one"
            )
        }
        if !pending.isEmpty {
            throw MigrateError(
                .pending,
                "\(pending.count) revision(s) pending",
                hint: "run `migrate upgrade heads`"
            )
        }
    }
}
