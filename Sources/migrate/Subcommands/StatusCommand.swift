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
                    pending: status.pending.map(RevisionJSON.init),
                    current: status.currentHeads,
                    problems: status.integrity.lines,
                    upToDate: status.isUpToDate
                )
            )
        } else {
            Terminal.output("applied (\(status.rows.filter { $0.status == .applied }.count)):")
            for row in status.rows {
                var line = "  \(row.revision)  \(row.appliedAt)  \(row.message)"
                if row.status != .applied {
                    line += "  [\(row.status.rawValue.uppercased()) after \(row.statementsDone) statement(s)]"
                }
                Terminal.output(line)
            }
            Terminal.output("pending (\(status.pending.count)):")
            for revision in status.pending {
                Terminal.output("  \(revision.id)  \(revision.message)  (\(revision.path))")
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
        if !status.pending.isEmpty {
            throw MigrateError(
                .pending,
                "\(status.pending.count) revision(s) pending",
                hint: "run `migrate upgrade heads`"
            )
        }
    }
}
