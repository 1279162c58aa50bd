import ArgumentParser
import MigrateKit

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `migrate merge -m MSG heads`: join branches.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Write a merge revision whose parents are the given revisions (or all heads); prints its path.",
        discussion: """
            Examples:
              migrate merge -m "join branches" heads
              migrate merge -m "join billing" ae10 b7c2
            """
    )

    @ParentCommand var root: MigrateCommand
    @Option(name: .shortAndLong, help: "What the merge joins.") var message: String
    @Option(help: "Use this id instead of a random 12-hex one.") var revId: String?
    @Argument(help: "`heads`, or two or more revisions.") var revisions: [String] = ["heads"]

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        let parents: [String]
        if revisions == ["heads"] {
            parents = graph.heads.map(\.id)
        } else {
            parents = try revisions.map { try graph.resolve($0).id }
        }
        guard Set(parents).count >= 2 else {
            throw MigrateError(
                .target,
                "a merge needs two or more revisions; found \(parents.count) (\(parents.joined(separator: ", ")))"
            )
        }
        let template = RevisionTemplate(
            id: revId ?? Revision.randomID(),
            parents: parents,
            message: message,
            created: RevisionTimestamp(Date())
        )
        let path = try template.write(into: context.configuration.versionsDirectory)
        Terminal.output(path)
    }
}
