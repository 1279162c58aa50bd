import LocalPostgres
import MigrateKit
import SystemProcess

/// What every command needs first, the engine's ``ProjectContext``, and what it reports printed on stderr.
struct CommandContext {
    let project: ProjectContext

    var configuration: MigrateConfiguration { project.configuration }
    var target: DatabaseTarget { project.target }
    var versionTable: VersionTable { project.versionTable }

    init(_ options: GlobalOptions) throws {
        Terminal.isQuiet = options.quiet
        Terminal.isVerbose = options.verbose
        let currentDirectory = ProjectContext.processCurrentDirectory()
        project = try ProjectContext(
            configPath: options.configPath,
            environmentName: options.environmentName,
            flagURL: options.url,
            environment: ChildProcess.currentEnvironment(),
            currentDirectory: currentDirectory
        )
        if options.configPath == nil {
            Terminal.detail(
                project.location?.description
                    ?? "no project: no migrate.toml or migrations/ in \(currentDirectory) or above it"
            )
        }
        Terminal.detail("configuration: \(configuration.origin)")
        // A URL from migrate.toml, with its variables substituted (--url and DATABASE_URL are registered in main).
        if case .url(let url, _) = target { Terminal.registerSecrets(of: url) }
    }

    /// Connects to the target (starting the embedded cluster if needed) and says which database is used.
    func connect() throws -> DatabaseConnector.Session {
        let session = try project.connect()
        announce(session)
        return session
    }

    /// The revision graph from `<migrations>/versions`; empty when the directory does not exist yet.
    func loadGraph() throws -> RevisionGraph {
        let revisions = try project.loadGraph()
        describe(revisions)
        return revisions.graph
    }

    /// What `heads` and `history` say in a project without revisions.
    var noRevisionsYet: String {
        "no revisions yet in \(configuration.versionsDirectory); write the first with `migrate revision -m MESSAGE`"
    }

    /// The revision graph and a database session, read and opened at once (see
    /// ``ProjectContext/loadGraphAndConnect(thenRead:)``).
    func loadGraphAndConnect() throws -> (RevisionGraph, DatabaseConnector.Session) {
        let (revisions, session, _) = try project.loadGraphAndConnect { _ in () }
        describe(revisions)
        announce(session)
        return (revisions.graph, session)
    }

    /// The revision graph and where the database stands against it.
    func loadGraphAndStatus(detail: MigrationStatus.Detail = .full) throws -> (RevisionGraph, MigrationStatus) {
        let (graph, _, status) = try loadGraphSessionAndStatus(detail: detail)
        return (graph, status)
    }

    /// The revision graph, the session it was read on, and where the database stands against the graph.
    func loadGraphSessionAndStatus(detail: MigrationStatus.Detail = .full) throws
        -> (RevisionGraph, DatabaseConnector.Session, MigrationStatus)
    {
        let (revisions, session, status) = try project.loadGraphAndStatus(detail: detail)
        describe(revisions)
        announce(session)
        return (revisions.graph, session, status)
    }

    /// The `--sql` script maker of `upgrade` and `downgrade`, over the project's revisions.
    func offlineScript(_ flags: RunOptions) throws -> OfflineScript {
        OfflineScript(graph: try loadGraph(), versionTable: versionTable, options: try migrationOptions(flags))
    }

    /// Options for running revisions: configuration values, overridden by flags.
    func migrationOptions(_ flags: RunOptions? = nil) throws -> MigrationOptions {
        try project.migrationOptions(
            atomic: flags?.atomic ?? false,
            lockWait: flags?.lockWait,
            allowChanged: flags?.allowChanged ?? false
        )
    }

    // MARK: - Printing what the engine reports

    private func describe(_ revisions: LoadedRevisions) {
        guard let milliseconds = revisions.milliseconds else {
            Terminal.detail("no revisions yet: \(revisions.directory) does not exist")
            return
        }
        // scripts/bench reads this line.
        Terminal.detail(
            "revision graph loaded in \(milliseconds) ms (\(revisions.graph.revisions.count) revisions from "
                + "\(revisions.directory))"
        )
    }

    private func announce(_ session: DatabaseConnector.Session) {
        if let outcome = session.clusterOutcome {
            if outcome.created {
                Terminal.info(
                    "created the embedded PostgreSQL cluster in \(target.embeddedClusterDirectory ?? ".migrate")"
                )
            } else if let pid = outcome.recoveredFromPID {
                Terminal.info(
                    "the embedded PostgreSQL server had stopped without shutting down (pid \(pid) is gone); "
                        + "started it again, and it recovered its data"
                )
            } else if outcome.started {
                Terminal.info("started the embedded PostgreSQL server")
            }
        }
        Terminal.info(session.announcement)
    }

    /// A migrator on an open session, printing its events.
    func migrator(_ session: DatabaseConnector.Session, graph: RevisionGraph, flags: RunOptions? = nil) throws
        -> Migrator
    {
        InterruptHandler.watch(session.connection)
        let options = try migrationOptions(flags)
        EventPrinter.projectRoot = configuration.projectRoot
        EventPrinter.isAtomic = options.transactionMode == .all
        return Migrator(
            connection: session.connection,
            graph: graph,
            versionTable: versionTable,
            options: options,
            report: EventPrinter.print
        )
    }
}
