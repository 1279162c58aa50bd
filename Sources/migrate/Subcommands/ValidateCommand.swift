import ArgumentParser
import MigrateKit

/// `migrate validate`: do the version table and the files agree?
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check applied revisions against their files: edited, missing, failed, gaps (exit 4 if any).",
        discussion: """
            Examples:
              migrate validate
              migrate --env production validate
            """
    )

    @ParentCommand var root: MigrateCommand

    func run() throws {
        let context = try CommandContext(root.global)
        let (_, status) = try context.loadGraphAndStatus()
        guard status.integrity.isEmpty else {
            status.integrity.lines.forEach { Terminal.output($0) }
            throw MigrateError(
                .validation,
                "\(status.integrity.lines.count) problem(s) between the version table and the revision files",
                hint: "see `migrate help validate`; never edit an applied revision, add a new one"
            )
        }
        Terminal.info("ok: \(status.rows.count) applied revision(s) match their files")
    }
}
