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

    init(_ options: GlobalOptions) throws {
        Terminal.isQuiet = options.quiet
        Terminal.isVerbose = options.verbose
        environment = ChildProcess.currentEnvironment()
        configuration = try ConfigurationLoader.load(
            configPath: options.configPath,
            environmentName: options.environmentName,
            environment: environment,
            currentDirectory: Self.currentDirectory()
        )
        Terminal.detail("configuration: \(configuration.origin)")
        target = try DatabaseTarget.resolve(flagURL: options.url, environment: environment, configuration: configuration)
    }

    /// Connects to the target (starting the embedded cluster if needed) and says which database is used.
    func connect() throws -> DatabaseConnector.Session {
        let session = try DatabaseConnector.connect(to: target)
        if let outcome = session.clusterOutcome {
            if outcome.created {
                Terminal.info("created the embedded PostgreSQL cluster in \(target.embeddedClusterDirectory ?? ".migrate")")
            } else if outcome.started {
                Terminal.info("started the embedded PostgreSQL server")
            }
        }
        Terminal.info(session.announcement)
        return session
    }

    static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
