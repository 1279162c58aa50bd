import ArgumentParser
import MigrateKit

/// `migrate current`: where the database is.
struct CurrentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "current",
        abstract: "Show the revision(s) the database is at.",
        discussion: """
            With --check-heads, exit 3 when revisions are pending (the database is not at every head).

            Examples:
              migrate current
              migrate current --check-heads
              migrate current --json | jq -r '.current[]'
            """
    )

    @ParentCommand var root: MigrateCommand
    @Flag(help: "Exit with code 3 if the database is not at the head(s).") var checkHeads = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(root.global)
        let (graph, status) = try context.loadGraphAndStatus(detail: .position)
        let heads = Set(graph.heads.map(\.id))
        if json {
            struct Current: Encodable {
                var current: [String]
                var heads: [String]
                var pending: [String]
                var upToDate: Bool
            }
            try JSONOutput.print(
                Current(
                    current: status.currentHeads,
                    heads: heads.sorted(),
                    pending: status.pending.map(\.id),
                    upToDate: status.isUpToDate
                )
            )
        } else if status.currentHeads.isEmpty {
            Terminal.output("base (no revision applied)")
        } else {
            for id in status.currentHeads {
                let message = graph[id]?.message ?? status.rows.first { $0.revision == id }?.message ?? ""
                var line = id
                if heads.contains(id) { line += " (head)" }
                if graph[id] == nil { line += " (no file here)" }
                if !message.isEmpty { line += " " + message }
                Terminal.output(line)
            }
        }
        if checkHeads && !status.pending.isEmpty {
            throw MigrateError(
                .pending,
                "\(status.pending.count) revision(s) pending: \(PendingPhases(status.pending))",
                hint: "run `migrate upgrade heads`"
            )
        }
    }
}

/// Pending revisions by deploy phase: `a1, b2 (pre-deploy); c3 (post-deploy)`, or just the ids when all are
/// pre-deploy.
struct PendingPhases: CustomStringConvertible {
    let revisions: [Revision]

    init(_ revisions: [Revision]) { self.revisions = revisions }

    var description: String {
        let post = revisions.filter { $0.phase == .post }
        let pre = revisions.filter { $0.phase == .pre }
        if post.isEmpty { return pre.map(\.id).joined(separator: ", ") }
        var parts: [String] = []
        if !pre.isEmpty { parts.append(pre.map(\.id).joined(separator: ", ") + " (pre-deploy)") }
        parts.append(post.map(\.id).joined(separator: ", ") + " (post-deploy)")
        return parts.joined(separator: "; ")
    }
}
