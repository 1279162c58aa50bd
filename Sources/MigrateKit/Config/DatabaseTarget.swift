import PostgresClient

/// The database `migrate` works on, and which setting chose it.
package enum DatabaseTarget: Sendable, Hashable, CustomStringConvertible {
    /// A connection string (URI or `key=value`) from a flag, an environment variable or the configuration.
    case url(String, source: Source)
    /// No connection string: libpq reads `PGHOST`, `PGSERVICE`, `PGUSER`... itself.
    case libpqEnvironment
    /// The embedded cluster `migrate` manages under `<projectRoot>/.migrate/`.
    case embedded(projectRoot: String)
    /// The configuration's URL, chosen but unusable: a `${VAR}` in it is unset, or the result is no connection
    /// string. Commands that need no database (`heads`, `history`, `upgrade --sql`...) run anyway; connecting throws
    /// `failure`.
    case unresolvedURL(ConnectionSetting, failure: MigrateError)

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
    /// A configuration URL whose `${VAR}` is unset, or that is no valid connection string, gives
    /// ``unresolvedURL(_:failure:)``: the failure is thrown only when that database is used.
    package static func resolve(
        flagURL: String?,
        environment: [String: String],
        configuration: MigrateConfiguration
    ) -> DatabaseTarget {
        if let flagURL, !flagURL.isEmpty {
            return .url(flagURL, source: .urlFlag)
        }
        if let url = environment[environmentVariable], !url.isEmpty {
            return .url(url, source: .environmentVariable(environmentVariable))
        }
        if let setting = configuration.database.url {
            do throws(MigrateError) {
                let url = try setting.resolve(environment: environment)
                return .url(url, source: .configuration(file: setting.location.file, key: setting.key))
            } catch {
                return .unresolvedURL(setting, failure: error)
            }
        }
        if libpqVariables.contains(where: { environment[$0].map { !$0.isEmpty } ?? false }) {
            return .libpqEnvironment
        }
        return .embedded(projectRoot: configuration.projectRoot)
    }

    /// The connection string to give libpq: the URL, or empty for libpq's environment; `nil` for the embedded
    /// cluster, whose address is known only once it runs, and for an unresolved URL.
    package var connectionString: String? {
        switch self {
        case .url(let url, _): url
        case .libpqEnvironment: ""
        case .embedded, .unresolvedURL: nil
        }
    }

    /// The reason this target cannot be connected to, for ``unresolvedURL(_:failure:)``.
    package var unresolvedFailure: MigrateError? {
        guard case .unresolvedURL(_, let failure) = self else { return nil }
        return failure
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
        case .unresolvedURL(let setting, _):
            "\(setting) (from \(setting.key) in \(setting.location.file))"
        }
    }
}
