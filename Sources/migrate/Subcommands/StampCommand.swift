import ArgumentParser
import MigrateKit

/// `migrate stamp TARGET`: record where the database is without running SQL.
struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Record revisions as applied (or not) without running their SQL.",
        // The target is an array only so that `-1` parses as a target; it is one word.
        usage: "migrate stamp <target> [--purge] [--yes] [--lock-wait <lock-wait>]",
        discussion: """
            For a database whose schema already matches a revision (created by hand or by another tool), or to \
            step past a revision you finished or reverted by hand. Stamping to REV marks it and everything it \
            needs as applied; base forgets everything; --purge forgets every row first, including revisions no \
            file declares. A stamp that un-records applied revisions (their objects stay in the database) lists \
            them and changes nothing (exit 2) unless --yes.

            Examples:
              migrate stamp head
              migrate stamp ae10
              migrate stamp base --yes
            """
    )

    @ParentCommand var root: MigrateCommand
    // An array that takes unrecognised words, so `-1` is a target rather than an unknown option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("head, REV, base, -1...", valueName: "target"))
    var targetWords: [String] = []

    var target: String { targetWords.first ?? "" }

    func validate() throws {
        try RunOptions.requireOneTarget(targetWords)
    }
    @Flag(help: "Delete every row of the version table first.") var purge = false
    @Flag(help: "Un-record applied revisions when the target is behind them.") var yes = false
    @Option(help: "How long to wait for another deployer's migration lock (default: lock_wait).") var lockWait: String?

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        let revisionTarget = try RevisionTarget(parsing: target)
        let session = try context.connect()
        var flags = try RunOptions.parse([])
        flags.lockWait = lockWait
        try context.migrator(session, graph: graph, flags: flags)
            .stamp(to: revisionTarget, purge: purge, confirmed: yes)
    }
}
