import LibC
import LocalPostgres

/// What every command starts from: the project's configuration, the database it targets, and the two slow
/// things most commands need, its revision graph and a connection.
///
/// Nothing here prints: what a person may want to know (where the project is, how long the revisions took to
/// read, what happened to the embedded cluster) comes back in the results for the caller to show.
package struct ProjectContext {
    package let configuration: MigrateConfiguration
    package let target: DatabaseTarget
    /// The process environment the configuration's `${VAR}`s were read from.
    package let environment: [String: String]
    /// The project found from the current directory; `nil` when `--config` named the file, or when there is none.
    package let location: ProjectLocation?
    /// Whether there is a project: a configuration file was named, or one was found from the current directory.
    /// Without one, nothing that reads revisions or uses the embedded cluster runs, so nothing is created in a
    /// stray directory.
    package let hasProject: Bool
    /// The absolute current directory, which relative paths on the command line start from.
    package let currentDirectory: String

    /// Finds the project (unless `configPath` names its configuration), loads the configuration and picks the
    /// database.
    /// - Parameters:
    ///   - configPath: `--config`, relative to `currentDirectory`.
    ///   - environmentName: `--env`.
    ///   - flagURL: `--url`.
    /// - Throws: ``MigrateError`` `.configuration` for a configuration that does not load, or the embedded
    ///   database outside any project.
    package init(
        configPath: String?,
        environmentName: String?,
        flagURL: String?,
        environment: [String: String],
        currentDirectory: String
    ) throws(MigrateError) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        var configPath = configPath
        var rootDirectory = currentDirectory
        if configPath == nil {
            location = ProjectLocation.find(from: currentDirectory)
            configPath = location?.configurationPath
            rootDirectory = location?.root ?? currentDirectory
            hasProject = location != nil
        } else {
            location = nil
            hasProject = true
        }
        configuration = try ConfigurationLoader.load(
            configPath: configPath,
            environmentName: environmentName,
            environment: environment,
            // A found migrate.toml is named from the current directory (`../migrate.toml`); without one, the
            // defaults' relative paths start at the root that `migrations/` marked.
            currentDirectory: configPath == nil ? rootDirectory : currentDirectory
        )
        target = DatabaseTarget.resolve(flagURL: flagURL, environment: environment, configuration: configuration)
        if case .embedded = target, !hasProject {
            throw ProjectLocation.notFound(
                from: currentDirectory,
                reason: "so there is no place for the embedded database (give --url for another one)"
            )
        }
    }

    /// The version table named in the configuration.
    package var versionTable: VersionTable {
        VersionTable(schema: configuration.migrations.versionTableSchema, name: configuration.migrations.versionTable)
    }

    /// Throws when there is no project, for what only a project has (its revisions).
    package func requireProject() throws(MigrateError) {
        guard hasProject else {
            throw ProjectLocation.notFound(from: currentDirectory, reason: "so there are no revisions to read")
        }
    }

    // MARK: - Revisions and connection

    /// The revision graph from `<migrations>/versions`; empty when the directory does not exist yet.
    package func loadGraph() throws -> LoadedRevisions {
        try requireProject()
        return try LoadedRevisions(directory: configuration.versionsDirectory)
    }

    /// Connects to the target, starting the embedded cluster if needed (the session says whether it did).
    package func connect() throws(MigrateError) -> DatabaseConnector.Session {
        try DatabaseConnector.connect(to: target)
    }

    /// The revision graph, a database session, and what `read` fetches through the session before the graph is
    /// needed (the version table's rows, say).
    ///
    /// The files are read on another thread while the connection is set up, since the two take about as long.
    /// A broken revision file is reported before a failed connection or read, as when the graph is read first;
    /// and the embedded database is not created or started for a project whose revisions do not load.
    package func loadGraphAndConnect<Value>(
        thenRead read: (DatabaseConnector.Session) throws -> Value
    ) throws -> (LoadedRevisions, DatabaseConnector.Session, Value) {
        try requireProject()
        if case .embedded = target {
            let revisions = try loadGraph()
            let session = try connect()
            return (revisions, session, try read(session))
        }
        let directory = configuration.versionsDirectory
        let revisions = BackgroundRead { try LoadedRevisions(directory: directory) }
        let session: DatabaseConnector.Session
        let value: Value
        do {
            session = try connect()
            value = try read(session)
        } catch {
            _ = try revisions.wait()
            throw error
        }
        return (try revisions.wait(), session, value)
    }

    /// The revision graph, a session, and where the database stands against the graph; the version table is
    /// read while the files are.
    package func loadGraphAndStatus(detail: MigrationStatus.Detail = .full) throws
        -> (LoadedRevisions, DatabaseConnector.Session, MigrationStatus)
    {
        let (revisions, session, rows) = try loadGraphAndConnect { session in
            try AppliedRows.read(connection: session.connection, versionTable: versionTable, detail: detail)
        }
        return (revisions, session, try MigrationStatus(rows, graph: revisions.graph))
    }

    /// The connection string of the target, for what opens its own connections (autogenerate's reader).
    package func connectionString() throws -> String {
        switch target {
        case .url(let url, _): url
        case .libpqEnvironment: ""
        case .embedded: try DatabaseConnector.embeddedCluster(for: target).connectionString
        case .unresolvedURL(_, let failure): throw failure
        }
    }

    // MARK: - Options

    /// Options for running revisions: the configuration's values, overridden by the command's flags.
    /// - Parameters:
    ///   - atomic: `--atomic`: the whole batch in one transaction.
    ///   - lockWait: `--lock-wait`, as written (`60s`, `5min`).
    ///   - allowChanged: `--allow-changed`.
    /// - Throws: ``MigrateError`` `.usage` when `lockWait` is not a duration.
    package func migrationOptions(atomic: Bool = false, lockWait: String? = nil, allowChanged: Bool = false)
        throws(MigrateError) -> MigrationOptions
    {
        var options = MigrationOptions()
        let settings = configuration.migrations
        options.transactionMode = atomic ? .all : settings.transaction
        options.lockTimeout = settings.lockTimeout.postgresValue
        options.statementTimeout = settings.statementTimeout.postgresValue
        options.lockWaitSeconds = Double(settings.lockWait.milliseconds) / 1000
        if let lockWait {
            do {
                options.lockWaitSeconds = Double(try TimeoutSetting(parsing: lockWait).milliseconds) / 1000
            } catch {
                throw MigrateError(.usage, "--lock-wait \(lockWait): \(error)")
            }
        }
        options.allowChanged = allowChanged
        options.clientHost = Self.hostName()
        return options
    }

    /// This machine's name as `gethostname` gives it: no name-service lookup on the way to every run.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// The absolute current directory of the process.
    package static func processCurrentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// A project's revision graph as read from its versions directory, and how long reading it took.
package struct LoadedRevisions: Sendable {
    package let graph: RevisionGraph
    /// The versions directory.
    package let directory: String
    /// Milliseconds spent reading, parsing and checking the files; `nil` when the directory does not exist yet
    /// (the graph is then empty).
    package let milliseconds: Double?

    /// Reads every revision in `directory`; an empty graph when it does not exist.
    /// - Throws: ``MigrateError`` naming the file, for a revision file or graph that is wrong.
    package init(directory: String) throws {
        self.directory = directory
        guard access(directory, F_OK) == 0 else {
            graph = try RevisionGraph([])
            milliseconds = nil
            return
        }
        let started = monotonicSeconds()
        graph = try RevisionDirectory(path: directory).loadGraph()
        milliseconds = ((monotonicSeconds() - started) * 10_000).rounded() / 10
    }
}
