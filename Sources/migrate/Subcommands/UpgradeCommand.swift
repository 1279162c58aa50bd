import ArgumentParser
import MigrateKit

/// `migrate upgrade [TARGET]`: apply revisions.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Apply revisions up to a target (default: head).",
        // The target is an array only so that `-1` parses as a target; it is one word.
        usage: "migrate upgrade [<target>] [--atomic] [--lock-wait <lock-wait>] [--allow-changed] [--sql] [--phase <phase>]",
        discussion: """
            Each revision runs in its own transaction together with its schema_migrations row; --atomic runs \
            the whole batch in one. Concurrent runs wait for each other (a session advisory lock), so every \
            replica of a deployment can run `migrate upgrade head` safely. Applied revisions whose files \
            changed stop the run (exit 4) unless --allow-changed.

            Targets: head, heads, a revision id or unique prefix, +N, REV+N, label@head, label@+N.
            With --phase pre, stop before the first revision marked `-- migrate:phase post` (run before a \
            rolling deploy); --phase post, or no --phase, applies everything.
            With --sql [FROM:]TO, print the SQL instead of running it (no connection; FROM defaults to base).

            Examples:
              migrate upgrade
              migrate upgrade +1 --lock-wait 2min
              migrate upgrade --sql ae10:head > up.sql
            """
    )

    @ParentCommand var root: MigrateCommand
    // An array that takes unrecognised words, so a mistaken `upgrade -1` reaches the target check (which
    // points at `downgrade`) rather than failing as an unknown option.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Where to go: head, heads, REV, +N, label@head...", valueName: "target")
    ) var targetWords: [String] = []

    var target: String { targetWords.first ?? "head" }

    func validate() throws {
        guard targetWords.count <= 1 else {
            throw ValidationError("Expected one target, got \(targetWords.joined(separator: " "))")
        }
    }
    @OptionGroup var runOptions: RunOptions
    @Flag(help: "Print the SQL that would run, for TARGET given as [FROM:]TO, without connecting.") var sql = false
    @Option(
        help: ArgumentHelp(
            "pre: stop before the first post-deploy revision (`-- migrate:phase post`); post: apply everything (the default).",
            valueName: "phase"
        )
    )
    var phase: DeployPhase?

    func run() throws {
        let context = try CommandContext(root.global)
        if sql {
            let script = try context.offlineScript(runOptions)
            let range = try OfflineScript.range(target, fromRequired: false)
            Terminal.output(
                try script.upgrade(from: range.from, to: range.to, stoppingBeforePostDeploy: phase == .pre)
            )
            return
        }
        let revisionTarget = try RevisionTarget(parsing: target)
        let (graph, session) = try context.loadGraphAndConnect()
        let started = monotonicSeconds()
        let applied = try context.migrator(session, graph: graph, flags: runOptions)
            .upgrade(to: revisionTarget, stoppingBeforePostDeploy: phase == .pre)
        if !applied.isEmpty {
            let elapsed = formatSeconds(monotonicSeconds() - started)
            let reached = try ReachedRevision.describe(session, graph: graph, context: context)
            Terminal.info("upgraded to \(reached): \(applied.count) revision(s) in \(elapsed)")
        }
    }
}

extension DeployPhase: ExpressibleByArgument {}
