import LocalPostgres
import PostgresClient

/// Opens the connection a command works on, whatever the ``DatabaseTarget``: a URL, libpq's own
/// environment, or the embedded cluster (created and started on first use).
package enum DatabaseConnector {
    /// An open connection and how to describe it.
    package struct Session {
        package let connection: PostgresConnection
        package let target: DatabaseTarget
        /// What happened to the embedded cluster to make it available, if anything.
        package let clusterOutcome: LocalCluster.StartOutcome?

        /// "using database "app" as user "deploy" on host db.internal, port 5432 (from DATABASE_URL)".
        /// Never contains a password.
        package var announcement: String {
            "using \(connection.endpoint) (\(target.sourceDescription))"
        }

        /// The server's `version()`: "PostgreSQL 15.18 on x86_64-pc-linux-gnu, compiled by ...".
        /// - Throws: ``MigrateError`` `.connection` when the query fails.
        package func serverVersion() throws(MigrateError) -> String {
            do {
                return try connection.execute("SELECT version()").scalar ?? "unknown"
            } catch {
                throw MigrateError(.connection, "reading the server's version failed: \(error.message)")
            }
        }
    }

    /// Connects to the target, starting the embedded cluster if that is the target.
    /// - Throws: ``MigrateError`` `.connection` or `.embeddedCluster` with what to do about it.
    package static func connect(to target: DatabaseTarget) throws(MigrateError) -> Session {
        switch target {
        case .url(let url, _):
            return Session(connection: try open(url, target: target), target: target, clusterOutcome: nil)
        case .libpqEnvironment:
            return Session(connection: try open("", target: target), target: target, clusterOutcome: nil)
        case .unresolvedURL(_, let failure):
            throw failure
        case .embedded:
            let cluster = try embeddedCluster(for: target)
            let outcome: LocalCluster.StartOutcome
            do { outcome = try cluster.start() } catch { throw MigrateError(error) }
            return Session(
                connection: try open(cluster.connectionString, target: target),
                target: target,
                clusterOutcome: outcome
            )
        }
    }

    /// The embedded cluster object for an `.embedded` target (not started).
    package static func embeddedCluster(for target: DatabaseTarget) throws(MigrateError) -> LocalCluster {
        guard let directory = target.embeddedClusterDirectory else {
            throw MigrateError(
                .usage,
                "this command manages the embedded database, but \(target) is configured",
                hint: "run it without --url/DATABASE_URL/database.url to manage the local cluster under .migrate/"
            )
        }
        do { return try LocalCluster(root: directory) } catch { throw MigrateError(error) }
    }

    /// Connects with a libpq connection string, turning failures into actionable messages.
    package static func open(_ connectionString: String, target: DatabaseTarget) throws(MigrateError)
        -> PostgresConnection
    {
        try ConnectionScheme.check(connectionString, source: target.sourceDescription)
        do {
            return try PostgresConnection(connectionString)
        } catch {
            throw connectionFailure(error, target: target)
        }
    }

    static func connectionFailure(_ error: PostgresError, target: DatabaseTarget) -> MigrateError {
        let reason = error.message
        let lowered = reason.lowercased()
        let hint: String
        if error.code == .invalidConnectionString {
            hint =
                "write it as a URI (postgresql://user@host:5432/dbname?sslmode=require) or as key=value pairs "
                + "(host=... dbname=...); see https://www.postgresql.org/docs/15/libpq-connect.html"
        } else if lowered.contains("password authentication failed") || lowered.contains("no password supplied") {
            hint = "check the user and password (in the URL, PGPASSWORD or ~/.pgpass)"
        } else if lowered.contains("does not exist") && lowered.contains("database") {
            hint = "create the database (createdb NAME, or CREATE DATABASE) or fix the database name"
        } else if lowered.contains("does not exist") && lowered.contains("role") {
            hint = "create the role or connect as an existing user"
        } else if lowered.contains("timeout expired") {
            hint =
                "the server did not answer within the connect timeout; check host, port and firewalls "
                + "(connect_timeout in the URL changes the wait)"
        } else if lowered.contains("is the server running") {
            hint = "start the server, or fix the host and port"
        } else if lowered.contains("connection refused") || lowered.contains("no such file or directory") {
            hint = "is a PostgreSQL server running there and accepting connections on that port?"
        } else if lowered.contains("could not translate host name") {
            hint = "check the host name"
        } else {
            hint = "check the connection settings"
        }
        return MigrateError(
            .connection,
            // PostgresClient has scrubbed libpq's message of the password already.
            "cannot connect to \(target): \(reason)",
            hint: hint
        )
    }
}

extension MigrateError {
    /// The embedded cluster's failure (`initdb`, `pg_ctl`, its files), as code `.embeddedCluster`.
    package init(_ error: LocalClusterError) {
        self.init(.embeddedCluster, error.message, hint: error.hint)
    }
}

extension DatabaseTarget {
    /// Where the target came from, for "using database ... (from DATABASE_URL)".
    package var sourceDescription: String {
        switch self {
        case .url(_, let source): "from \(source)"
        case .libpqEnvironment: "from libpq's PG* environment"
        case .embedded(let root): "embedded cluster in \(root == "/" ? "" : root)/.migrate"
        case .unresolvedURL(let setting, _): "from \(setting.key) in \(setting.location.file)"
        }
    }
}
