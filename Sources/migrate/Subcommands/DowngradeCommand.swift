import ArgumentParser
import MigrateKit

/// `migrate downgrade TARGET`: revert revisions.
struct DowngradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downgrade",
        abstract: "Revert revisions down to a target (required: -1, REV, base...).",
        // The target is an array only so that `-1` parses as a target; it is one word.
        usage: "migrate downgrade <target> [--atomic] [--lock-wait <lock-wait>] [--allow-changed] [--sql]",
        discussion: """
            Reverts, newest first, every applied revision that depends on the target; the target itself stays. \
            A revision whose file is gone is reverted with the down SQL stored when it was applied.

            Targets: -N, REV (stays applied), REV-N, base, label@-N, label@base.
            With --sql FROM:TO, print the SQL instead of running it (no connection).

            Examples:
              migrate downgrade -1
              migrate downgrade base
              migrate downgrade --sql head:-1 > down.sql
            """
    )

    @ParentCommand var root: MigrateCommand
    // An array that takes unrecognised words, so `-1` is a target rather than an unknown option.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Where to go: -1, REV, base, label@-1...", valueName: "target")
    ) var targetWords: [String] = []

    var target: String { targetWords.first ?? "" }

    func validate() throws {
        try RunOptions.requireOneTarget(targetWords)
    }
    @OptionGroup var runOptions: RunOptions
    @Flag(help: "Print the SQL that would run, for TARGET given as FROM:TO, without connecting.") var sql = false

    func run() throws {
        let context = try CommandContext(root.global)
        if sql {
            let script = try context.offlineScript(runOptions)
            let range = try OfflineScript.range(target, fromRequired: true)
            Terminal.output(try script.downgrade(from: range.from ?? "base", to: range.to))
            return
        }
        let revisionTarget = try RevisionTarget(parsing: target)
        let (graph, session) = try context.loadGraphAndConnect()
        let started = monotonicSeconds()
        let reverted = try context.migrator(session, graph: graph, flags: runOptions).downgrade(to: revisionTarget)
        if !reverted.isEmpty {
            let elapsed = formatSeconds(monotonicSeconds() - started)
            let reached = try ReachedRevision.describe(session, graph: graph, context: context)
            Terminal.info("downgraded to \(reached): \(reverted.count) revision(s) in \(elapsed)")
        }
    }
}
