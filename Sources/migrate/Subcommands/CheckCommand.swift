import ArgumentParser
import MigrateKit

/// `migrate check`: is this change safe to ship? Repository, pending revisions, lint, and optionally drift.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check before a deploy: revisions parse, lint for lock hazards and breaking changes, drift.",
        discussion: """
            Changes nothing, in the database or the repository. In order: the revision files load and their SQL \
            parses, there is one head, and (connected) the applied revisions match their files; the revisions \
            `upgrade head` would apply; lint of those revisions (or --range, or --all) on PostgreSQL's parse \
            trees, with table sizes from the live catalog (offline, every existing table counts as big); with \
            --drift, the live schema compared with the applied revisions replayed into a scratch database. \
            Exit codes: 0 clean (warnings allowed), 2 a revision does not load or parse or several heads, \
            4 validation, 6 lint errors, 7 drift, 3 pending revisions (with --fail-on-pending).

            Examples:
              migrate check
              migrate check --offline --all --format github
              migrate check --drift --fail-on-pending --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @ParentCommand var root: MigrateCommand
    @Option(help: "Output: text, json (stable, documented in the README) or github (workflow annotations).")
    var format: Format = .text
    @Flag(help: "Do not connect: lint every revision (or --range), assuming every existing table is big.")
    var offline = false
    @Option(help: "Lint the revisions after FROM up to TO (FROM:TO, as `upgrade --sql` takes it).")
    var range: String?
    @Flag(help: "Lint every revision, base to heads.") var all = false
    @Flag(help: "Compare the live schema with the applied revisions replayed into a scratch database.")
    var drift = false
    @Flag(help: "With --drift: compare owners and privileges too ([autogenerate] privileges).")
    var privileges = false
    @Flag(help: "Exit 3 when revisions are pending.") var failOnPending = false

    func validate() throws {
        if range != nil && all { throw ValidationError("--range and --all cannot be combined") }
        if offline && drift { throw ValidationError("--drift compares with the live database; drop --offline") }
        if offline && failOnPending {
            throw ValidationError("--fail-on-pending needs the database to know what is pending; drop --offline")
        }
    }

    func run() throws {
        let context = try CommandContext(root.global)
        var report = CheckReport()
        let graph: RevisionGraph
        var session: DatabaseConnector.Session?
        var currentHeads: [String] = []
        if offline {
            graph = try context.loadGraph()
        } else {
            let (loaded, connected, status) = try context.loadGraphSessionAndStatus()
            graph = loaded
            session = connected
            report.validationProblems = status.integrity.lines
            report.pending = status.pending
            currentHeads = status.currentHeads
        }
        report.revisionCount = graph.revisions.count
        report.heads = graph.heads.map(\.id)
        let maxHeads = context.configuration.lint.maxHeads
        if graph.heads.count > maxHeads {
            report.repositoryProblems.append(
                MigrateError(
                    .revisionGraph,
                    maxHeads == 1
                        ? "\(graph.heads.count) heads (\(report.heads.joined(separator: ", "))): `upgrade head` would "
                            + "not know which to reach"
                        : "\(graph.heads.count) heads (\(report.heads.joined(separator: ", "))), more than the "
                            + "\(maxHeads) `[lint] max_heads` allows",
                    hint: "join them with `migrate merge -m MESSAGE heads`, or raise `[lint] max_heads` in migrate.toml"
                )
            )
        }

        let linted: [Revision]
        if all {
            linted = try LintScope.all.revisions(in: graph)
            report.lintedScope = "all"
        } else if let range {
            let (from, to) = try OfflineScript.range(range, fromRequired: false)
            linted = try LintScope.range(from: from, to: to).revisions(in: graph)
            report.lintedScope = "range \(range)"
        } else if let pending = report.pending {
            linted = pending
            report.lintedScope = "pending"
        } else {
            linted = try LintScope.all.revisions(in: graph)
            report.lintedScope = "all (offline: what is pending is unknown)"
        }
        let catalog = try session.map { try LintCatalog.read($0.connection) } ?? .offline
        let linter = Linter(settings: context.configuration.lint, catalog: catalog)
        report.lint = linter.lint(linted, isPostDeploy: { $0.phase == .post })
        report.lintedRevisions = linted.count
        report.repositoryProblems += report.lint.problems
        let lintedIDs = Set(linted.map(\.id))
        report.checkSyntax(of: graph.revisions.filter { lintedIDs.contains($0.id) }, upSectionsToo: false)
        report.checkSyntax(of: graph.revisions.filter { !lintedIDs.contains($0.id) }, upSectionsToo: true)

        if drift, session != nil {
            let autogenerator = Autogenerator(project: context.project, report: EventPrinter.print)
            var driftCheck = DriftCheck(
                shadowServer: try autogenerator.shadowServer(),
                graph: graph,
                versionTable: context.versionTable,
                options: try context.migrationOptions()
            )
            driftCheck.comparesPrivileges = privileges || autogenerator.comparesPrivileges
            report.drift = try driftCheck.differences(
                liveConnectionString: try context.project.connectionString(),
                currentHeads: currentHeads
            )
        }

        let failure = report.failure(failOnPending: failOnPending)
        let printer = CheckPrinter(report: report, projectRoot: context.project.currentDirectory)
        switch format {
        case .text: printer.printText()
        case .json: try printer.printJSON(exitCode: failure?.code.exitCode ?? 0)
        case .github: printer.printGitHub()
        }
        if let failure { throw failure }
    }
}
