import ArgumentParser
import MigrateKit

/// `migrate validate`: do the version table and the files agree?
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check applied revisions against their files: edited, missing, failed, gaps (exit 4 if any).",
        discussion: """
            A revision whose file was edited on purpose after it was applied (a comment, a fix that must not \
            re-run) is accepted with --accept REV -m WHY: its new checksum is recorded, with an entry in the \
            event log naming the database user, the client host and the reason.

            Examples:
              migrate validate
              migrate validate --accept ae10 -m "comment fixed, nothing to re-run"
              migrate validate --json
            """
    )

    @ParentCommand var root: MigrateCommand
    @Option(
        name: .customLong("accept"),
        help: ArgumentHelp("Record the current checksum of an applied revision edited on purpose.", valueName: "rev")
    )
    var acceptedRevision: String?
    @Option(name: [.customShort("m"), .customLong("message")], help: "Why the edit is accepted (with --accept).")
    var message: String?
    @Flag(help: "Print JSON (problems are listed, and the exit code is the same).") var json = false

    func validate() throws {
        if acceptedRevision != nil, (message ?? "").allSatisfy(\.isWhitespace) {
            throw ValidationError("--accept needs -m MESSAGE saying why the edit is accepted")
        }
        if acceptedRevision == nil, message != nil {
            throw ValidationError("-m is the reason for --accept REV; there is no --accept")
        }
    }

    func run() throws {
        let context = try CommandContext(root.global)
        let status: MigrationStatus
        if let acceptedRevision, let message {
            let (graph, session) = try context.loadGraphAndConnect()
            let migrator = try context.migrator(session, graph: graph)
            if let accepted = try migrator.acceptChecksum(of: acceptedRevision, reason: message) {
                Terminal.info(
                    "accepted \(accepted.revision.id) as edited in \(accepted.revision.path): checksum "
                        + "\(accepted.previous.prefix(12))… -> \(accepted.revision.checksum.prefix(12))… (logged)"
                )
            } else {
                Terminal.info("revision \(acceptedRevision) already matches its file: nothing to accept")
            }
            status = try MigrationStatus.read(
                connection: session.connection,
                graph: graph,
                versionTable: context.versionTable
            )
        } else {
            status = try context.loadGraphAndStatus().1
        }
        if json {
            struct Validation: Encodable {
                var ok: Bool
                var applied: Int
                var problems: [String]
            }
            try JSONOutput.print(
                Validation(
                    ok: status.integrity.isEmpty,
                    applied: status.rows.filter { $0.status == .applied }.count,
                    problems: status.integrity.lines
                )
            )
        }
        guard status.integrity.isEmpty else {
            if !json { status.integrity.lines.forEach { Terminal.output($0) } }
            throw MigrateError(
                .validation,
                "\(status.integrity.lines.count) problem(s) between the version table and the revision files",
                hint: "see `migrate help validate`; never edit an applied revision, add a new one"
            )
        }
        Terminal.info("ok: \(status.rows.count) applied revision(s) match their files")
    }
}
