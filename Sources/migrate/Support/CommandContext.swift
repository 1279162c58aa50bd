import LocalPostgres
import MigrateKit
import SystemProcess

#if canImport(Glibc)
    import Glibc
#endif

/// What every command needs first: the configuration and the chosen database target.
struct CommandContext {
    let configuration: MigrateConfiguration
    let target: DatabaseTarget
    let environment: [String: String]
    /// Whether there is a project: `--config` was given, or one was found from the current directory. Without one,
    /// nothing that reads revisions or uses the embedded cluster runs, so nothing is created in a stray directory.
    let hasProject: Bool

    init(_ options: GlobalOptions) throws {
        Terminal.isQuiet = options.quiet
        Terminal.isVerbose = options.verbose
        environment = ChildProcess.currentEnvironment()
        let currentDirectory = Self.currentDirectory()
        var configPath = options.configPath
        var rootDirectory = currentDirectory
        if configPath == nil {
            let project = ProjectLocation.find(from: currentDirectory)
            if let project {
                Terminal.detail(project.description)
                configPath = project.configurationPath
                rootDirectory = project.root
            } else {
                Terminal.detail("no project: no migrate.toml or migrations/ in \(currentDirectory) or above it")
            }
            hasProject = project != nil
        } else {
            hasProject = true
        }
        configuration = try ConfigurationLoader.load(
            configPath: configPath,
            environmentName: options.environmentName,
            environment: environment,
            currentDirectory: configPath == nil ? rootDirectory : currentDirectory
        )
        Terminal.detail("configuration: \(configuration.origin)")
        target = DatabaseTarget.resolve(
            flagURL: options.url,
            environment: environment,
            configuration: configuration
        )
        // A URL from migrate.toml, with its variables substituted (--url and DATABASE_URL are registered in main).
        if case .url(let url, _) = target { Terminal.registerSecrets(of: url) }
        if case .embedded = target, !hasProject {
            throw ProjectLocation.notFound(
                from: currentDirectory,
                reason: "so there is no place for the embedded database (give --url for another one)"
            )
        }
    }

    /// Throws when there is no project, for what only a project has (its revisions).
    func requireProject() throws {
        guard hasProject else {
            throw ProjectLocation.notFound(from: Self.currentDirectory(), reason: "so there are no revisions to read")
        }
    }

    /// Connects to the target (starting the embedded cluster if needed) and says which database is used.
    func connect() throws -> DatabaseConnector.Session {
        let session = try DatabaseConnector.connect(to: target)
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
        return session
    }

    /// The version table named in the configuration.
    var versionTable: VersionTable {
        VersionTable(schema: configuration.migrations.versionTableSchema, name: configuration.migrations.versionTable)
    }

    /// The revision graph from `<migrations>/versions`; empty when the directory does not exist yet.
    func loadGraph() throws -> RevisionGraph {
        try requireProject()
        return try Self.readGraph(directory: configuration.versionsDirectory)
    }

    /// What `heads` and `history` say in a project without revisions.
    var noRevisionsYet: String {
        "no revisions yet in \(configuration.versionsDirectory); write the first with `migrate revision -m MESSAGE`"
    }

    /// The revision graph and a database session: the files are read on another thread while the connection
    /// is set up, since the two take about as long. A broken revision file is reported before a failed
    /// connection, as when the graph is read first.
    func loadGraphAndConnect() throws -> (RevisionGraph, DatabaseConnector.Session) {
        let (graph, session, _) = try loadGraphAndConnect(thenRead: { _ in () })
        return (graph, session)
    }

    /// The revision graph, a database session, and what `read` fetches through the session before the graph is
    /// needed (the version table's rows, say): the files are read on another thread meanwhile. A broken revision
    /// file is reported before a failed connection or read, as when the graph is read first.
    func loadGraphAndConnect<Value>(
        thenRead read: (DatabaseConnector.Session) throws -> Value
    ) throws -> (RevisionGraph, DatabaseConnector.Session, Value) {
        try requireProject()
        // Connecting to the embedded default may create or start a cluster: not for a broken revision file.
        if case .embedded = target {
            let graph = try loadGraph()
            let session = try connect()
            return (graph, session, try read(session))
        }
        let directory = configuration.versionsDirectory
        let graph = BackgroundRead { try Self.readGraph(directory: directory) }
        let session: DatabaseConnector.Session
        let value: Value
        do {
            session = try connect()
            value = try read(session)
        } catch {
            _ = try graph.wait()
            throw error
        }
        return (try graph.wait(), session, value)
    }

    /// The revision graph and where the database stands against it; the version table is read while the files
    /// are.
    func loadGraphAndStatus(detail: MigrationStatus.Detail = .full) throws -> (RevisionGraph, MigrationStatus) {
        let (graph, _, rows) = try loadGraphAndConnect { session in
            try AppliedRows.read(connection: session.connection, versionTable: versionTable, detail: detail)
        }
        return (graph, try MigrationStatus(rows, graph: graph))
    }

    private static func readGraph(directory: String) throws -> RevisionGraph {
        guard access(directory, F_OK) == 0 else {
            Terminal.detail("no revisions yet: \(directory) does not exist")
            return try RevisionGraph([])
        }
        let started = monotonicSeconds()
        let graph = try RevisionDirectory(path: directory).loadGraph()
        // scripts/bench reads this line.
        let milliseconds = ((monotonicSeconds() - started) * 10_000).rounded() / 10
        Terminal.detail(
            "revision graph loaded in \(milliseconds) ms (\(graph.revisions.count) revisions from \(directory))"
        )
        // Kept until the process exits: freeing 10,000 revisions one by one takes longer than the exit that
        // frees the whole address space at once.
        _ = Unmanaged.passRetained(KeptUntilExit(graph))
        return graph
    }

    /// Options for running revisions: configuration values, overridden by flags.
    func migrationOptions(_ flags: RunOptions? = nil) throws -> MigrationOptions {
        var options = MigrationOptions()
        let settings = configuration.migrations
        options.transactionMode = flags?.atomic == true ? .all : settings.transaction
        options.lockTimeout = settings.lockTimeout.postgresValue
        options.statementTimeout = settings.statementTimeout.postgresValue
        options.lockWaitSeconds = Double(settings.lockWait.milliseconds) / 1000
        if let wait = flags?.lockWait {
            do {
                options.lockWaitSeconds = Double(try TimeoutSetting(parsing: wait).milliseconds) / 1000
            } catch {
                throw MigrateError(.usage, "--lock-wait \(wait): \(error)")
            }
        }
        options.allowChanged = flags?.allowChanged ?? false
        options.clientHost = Self.hostName()
        return options
    }

    /// This machine's name as `gethostname` gives it: no name-service lookup on the way to every run.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
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

    /// The connection string of the target for tools that open their own connections (autogenerate).
    func connectionString(_ session: DatabaseConnector.Session) throws -> String {
        switch target {
        case .url(let url, _): url
        case .libpqEnvironment: ""
        case .embedded: try DatabaseConnector.embeddedCluster(for: target).connectionString
        case .unresolvedURL(_, let failure): throw failure
        }
    }

    static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// A value that is never freed: see `readGraph(directory:)`.
private final class KeptUntilExit<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
