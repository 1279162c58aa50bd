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
            """
    )

    @ParentCommand var root: MigrateCommand
    @Argument(help: "A revision id, unique prefix or branch label.") var revision: String

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        let found = try graph.resolve(revision)
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
