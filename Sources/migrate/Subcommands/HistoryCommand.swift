import ArgumentParser
import MigrateKit

/// `migrate history`: the revision graph, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List revisions, newest first (offline unless --indicate-current).",
        discussion: """
            -r START:END limits the list to revisions from START to END (either may be left out or base/head).

            Examples:
              migrate history
              migrate history -i
              migrate history -r base:ae10 --verbose
            """
    )

    @ParentCommand var root: MigrateCommand
    @Option(name: .shortAndLong, help: "Range START:END, e.g. base:ae10, ae10:, :head.") var range: String?
    @Flag(name: .shortAndLong, help: "Mark the database's current revision(s) (connects).") var indicateCurrent = false
    // Also set by the global -v/--verbose, which takes `--verbose` written after the subcommand (as the
    // README's `migrate history -r base:ae10 --verbose` does) before this flag can see it.
    @Flag(help: "Show every field of each revision.") var verbose = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(root.global)
        let graph: RevisionGraph
        var applied: Set<String> = []
        if indicateCurrent {
            let status: MigrationStatus
            (graph, status) = try context.loadGraphAndStatus(detail: .position)
            applied = Set(status.rows.filter { $0.status == .applied }.map(\.revision))
        } else {
            graph = try context.loadGraph()
        }
        if graph.revisions.isEmpty && !json {
            Terminal.info(context.noRevisionsYet)
            return
        }
        var entries = graph.history(applied: applied)
        if let range { entries = try filter(entries, range: range, graph: graph) }
        if json {
            try JSONOutput.print(entries.map(RevisionJSON.init(entry:)))
            return
        }
        let verbose = self.verbose || root.global.verbose
        for entry in entries {
            guard verbose else {
                Terminal.output(entry.description)
                continue
            }
            let revision = entry.revision
            Terminal.output("Rev: \(revision.id)\(entry.isHead ? " (head)" : "")\(entry.isCurrent ? " (current)" : "")")
            Terminal.output("Parent: \(revision.parents.isEmpty ? "<base>" : revision.parents.joined(separator: ", "))")
            if !revision.branchLabels.isEmpty {
                Terminal.output("Branch labels: \(revision.branchLabels.joined(separator: ", "))")
            }
            if !revision.dependsOn.isEmpty {
                Terminal.output("Depends on: \(revision.dependsOn.joined(separator: ", "))")
            }
            if let created = revision.created { Terminal.output("Created: \(created)") }
            Terminal.output("Transactional: \(revision.isTransactional)")
            Terminal.output("Path: \(revision.path)")
            Terminal.output("\n    \(revision.message)\n")
        }
    }

    private func filter(
        _ entries: [RevisionGraph.HistoryEntry],
        range: String,
        graph: RevisionGraph
    ) throws -> [RevisionGraph.HistoryEntry] {
        let parts = range.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            throw MigrateError(.target, "`\(range)` is not a range; expected START:END such as base:head or ae10:")
        }
        func bound(_ text: String) -> String? {
            ["", "base", "head", "heads"].contains(text.lowercased()) ? nil : text
        }
        var keep = Set(entries.map(\.revision.id))
        if let start = bound(parts[0]) {
            let revision = try graph.resolve(start)
            keep.formIntersection(Set(try graph.descendants(of: revision.id).map(\.id) + [revision.id]))
        }
        if let end = bound(parts[1]) {
            let revision = try graph.resolve(end)
            keep.formIntersection(Set(try graph.ancestors(of: revision.id).map(\.id) + [revision.id]))
        }
        return entries.filter { keep.contains($0.revision.id) }
    }
}

extension RevisionJSON {
    init(entry: RevisionGraph.HistoryEntry) {
        self.init(entry.revision)
    }
}
