import ArgumentParser
import MigrateKit

/// `migrate heads`: revisions no other revision follows.
struct HeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heads",
        abstract: "List the head revisions (offline).",
        discussion: """
            Examples:
              migrate heads
              migrate heads --json
            """
    )

    @ParentCommand var root: MigrateCommand
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        if json {
            try JSONOutput.print(graph.heads.map(RevisionJSON.init))
            return
        }
        if graph.revisions.isEmpty {
            Terminal.info(context.noRevisionsYet)
            return
        }
        for head in graph.heads {
            let labels = head.branchLabels.isEmpty ? "" : " (\(head.branchLabels.joined(separator: ", ")))"
            Terminal.output("\(head.id)\(labels) (head) \(head.message)")
        }
        if graph.heads.count > 1 {
            Terminal.info(
                "\(graph.heads.count) heads: upgrade with `migrate upgrade heads`, or join them with `migrate merge -m MSG heads`"
            )
        }
    }
}
