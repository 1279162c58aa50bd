import ArgumentParser
import MigrateKit

/// `migrate branches`: where history splits.
struct BranchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "branches",
        abstract: "List branch points and the revisions that follow each (offline).",
        discussion: """
            Examples:
              migrate branches
              migrate --config services/api/migrate.toml branches
            """
    )

    @ParentCommand var root: MigrateCommand

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        if graph.branchPoints.isEmpty { Terminal.info("no branch points: history is linear") }
        for point in graph.branchPoints {
            Terminal.output("\(point.id) (branchpoint) \(point.message)")
            for child in try graph.children(of: point.id) {
                Terminal.output("  -> \(child.id) \(child.message)")
            }
        }
    }
}
