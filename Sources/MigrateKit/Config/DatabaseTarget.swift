import PostgresClient

/// The database `migrate` works on, and which setting chose it.
package enum DatabaseTarget: Sendable, Hashable, CustomStringConvertible {
    /// A connection string (URI or `key=value`) from a flag, an environment variable or the configuration.
    case url(String, source: Source)
    /// No connection string: libpq reads `PGHOST`, `PGSERVICE`, `PGUSER`... itself.
    case libpqEnvironment
    /// The embedded cluster `migrate` manages under `<projectRoot>/.migrate/`.
    case embedded(projectRoot: String)

    /// Which setting a ``DatabaseTarget/url(_:source:)`` came from.
    package enum Source: Sendable, Hashable, CustomStringConvertible {
        /// `--url`.
        case urlFlag
        /// An environment variable (`DATABASE_URL`).
        case environmentVariable(String)
        /// A key of a configuration file (`database.url` or `environments.NAME.database.url`).
        case configuration(file: String, key: String)

        package var description: String {
            switch self {
            case .urlFlag: "--url"
            case .environmentVariable(let name): name
            case .configuration(let file, let key): "\(key) in \(file)"
            }
        }
    }

    /// The environment variable consulted after `--url`.
    package static let environmentVariable = "DATABASE_URL"
    /// libpq's variables that, when set, make its own environment the choice over the embedded cluster.
    package static let libpqVariables = ["PGHOST", "PGSERVICE"]

    /// Chooses the database, first match wins:
    /// 1. `flagURL` (`--url`);
    /// 2. `DATABASE_URL`;
    /// 3. the configuration's `database.url` (the chosen environment's, else the top-level one);
    /// 4. libpq's environment, if `PGHOST` or `PGSERVICE` is set;
    /// 5. the embedded cluster in the project root.
    ///
    /// Empty values (`--url ""`, `DATABASE_URL=`, `PGHOST=`) count as not given.
    ///
    /// - Parameters:
    ///   - flagURL: the `--url` option, if given.
    ///   - environment: the process environment.
    ///   - configuration: the loaded configuration.
    /// - Throws: ``MigrateError`` (`.configuration`) only when the configuration's URL is the one chosen and a
    ///   `${VAR}` in it is unset, or the result is not a valid connection string.
    package static func resolve(
        flagURL: String?,
        environment: [String: String],
        configuration: MigrateConfiguration
    ) throws(MigrateError) -> DatabaseTarget {
        if let flagURL, !flagURL.isEmpty {
            return .url(flagURL, source: .urlFlag)
        }
        if let url = environment[environmentVariable], !url.isEmpty {
            return .url(url, source: .environmentVariable(environmentVariable))
        }
        if let setting = configuration.database.url {
            let url = try setting.resolve(environment: environment)
            return .url(url, source: .configuration(file: setting.location.file, key: setting.key))
        }
        if libpqVariables.contains(where: { environment[$0].map { !$0.isEmpty } ?? false }) {
            return .libpqEnvironment
        }
        return .embedded(projectRoot: configuration.projectRoot)
    }

    /// The connection string to give libpq: the URL, or empty for libpq's environment; `nil` for the embedded
    /// cluster, whose address is known only once it runs.
    package var connectionString: String? {
        switch self {
        case .url(let url, _): url
        case .libpqEnvironment: ""
        case .embedded: nil
        }
    }

    /// The embedded cluster's directory, for ``embedded(projectRoot:)``.
    package var embeddedClusterDirectory: String? {
        guard case .embedded(let projectRoot) = self else { return nil }
        return projectRoot == "/" ? "/.migrate" : projectRoot + "/.migrate"
    }

    /// What `migrate` prints after "using database": the URL with any password replaced by `****`, and where it
    /// came from.
    package var description: String {
        switch self {
        case .url(let url, let source):
            "\(ConnectionString.redacted(url)) (from \(source))"
        case .libpqEnvironment:
            "libpq's default connection (from PGHOST/PGSERVICE and the other PG* variables)"
        case .embedded:
            "the embedded cluster in \(embeddedClusterDirectory ?? ".migrate")"
        }
    }
}
