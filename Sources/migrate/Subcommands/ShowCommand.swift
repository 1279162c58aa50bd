import ArgumentParser
import MigrateKit

/// `migrate show REV`: one revision, whole.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a revision: its header fields and its up and down SQL (offline).",
        discussion: """
            Examples:
              migrate show ae10
              migrate show billing
              migrate show ae10 --json
            """
    )

    @ParentCommand var root: MigrateCommand
    @Argument(help: "A revision id, unique prefix or branch label.") var revision: String
    @Flag(help: "Print JSON.") var json = false

    /// A revision with everything `show` prints.
    struct ShownRevision: Encodable {
        struct Section: Encodable {
            var firstLine: Int
            var sql: String
        }
        var revision: RevisionJSON
        var children: [String]
        var created: String?
        var lockTimeout: String?
        var statementTimeout: String?
        var checksum: String
        var up: Section
        var down: Section

        func encode(to encoder: any Encoder) throws {
            // The fields of the revision as other commands print it, and the rest beside them.
            try revision.encode(to: encoder)
            enum Keys: String, CodingKey { case children, created, lockTimeout, statementTimeout, checksum, up, down }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(children, forKey: .children)
            try container.encode(created, forKey: .created)
            try container.encode(lockTimeout, forKey: .lockTimeout)
            try container.encode(statementTimeout, forKey: .statementTimeout)
            try container.encode(checksum, forKey: .checksum)
            try container.encode(up, forKey: .up)
            try container.encode(down, forKey: .down)
        }
    }

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        let found = try graph.resolve(revision)
        if json {
            try JSONOutput.print(
                ShownRevision(
                    revision: RevisionJSON(found),
                    children: try graph.children(of: found.id).map(\.id),
                    created: found.created.map { "\($0)" },
                    lockTimeout: found.lockTimeout.map { "\($0)" },
                    statementTimeout: found.statementTimeout.map { "\($0)" },
                    checksum: found.checksum,
                    up: ShownRevision.Section(firstLine: found.up.firstLine, sql: found.up.text),
                    down: ShownRevision.Section(firstLine: found.down.firstLine, sql: found.down.text)
                )
            )
            return
        }
        Terminal.output("Rev: \(found.id)")
        Terminal.output("Parent: \(found.parents.isEmpty ? "<base>" : found.parents.joined(separator: ", "))")
        if !found.branchLabels.isEmpty {
            Terminal.output("Branch labels: \(found.branchLabels.joined(separator: ", "))")
        }
        if !found.dependsOn.isEmpty { Terminal.output("Depends on: \(found.dependsOn.joined(separator: ", "))") }
        let children = try graph.children(of: found.id).map(\.id)
        Terminal.output("Children: \(children.isEmpty ? "none (head)" : children.joined(separator: ", "))")
        if let created = found.created { Terminal.output("Created: \(created)") }
        Terminal.output("Transactional: \(found.isTransactional)")
        if let timeout = found.lockTimeout { Terminal.output("Lock timeout: \(timeout)") }
        if let timeout = found.statementTimeout { Terminal.output("Statement timeout: \(timeout)") }
        Terminal.output("Checksum: \(found.checksum)")
        Terminal.output("Path: \(found.path)")
        Terminal.output("\n    \(found.message)\n")
        Terminal.output("-- up (line \(found.up.firstLine))\n\(found.up.text)")
        Terminal.output("-- down (line \(found.down.firstLine))\n\(found.down.text)")
    }
}
