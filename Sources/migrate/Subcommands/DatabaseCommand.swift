import ArgumentParser
import LocalPostgres
import MigrateKit
import PostgresClient

/// `migrate db ...`: the database migrate works on, and the embedded cluster.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Inspect the database, and manage the embedded local cluster.",
        discussion: """
            Examples:
              migrate db status
              psql "$(migrate db url)"
              migrate db destroy --yes
            """,
        subcommands: [Start.self, Stop.self, Status.self, URL.self, Destroy.self]
    )

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Create (if needed) and start the embedded cluster.",
            discussion: """
                Examples:
                  migrate db start
                  psql "$(migrate db start)"
                """
        )
        @ParentCommand var root: MigrateCommand

        func run() throws {
            let context = try CommandContext(root.global)
            let cluster = try DatabaseConnector.embeddedCluster(for: context.target)
            let started = monotonicSeconds()
            let outcome: LocalCluster.StartOutcome
            do { outcome = try cluster.start() } catch { throw MigrateError(error) }
            let elapsed = formatSeconds(monotonicSeconds() - started)
            if let pid = outcome.recoveredFromPID {
                Terminal.info("the server had stopped without shutting down (pid \(pid) is gone); starting it again")
            }
            switch (outcome.created, outcome.started) {
            case (true, _): Terminal.info("created and started the embedded cluster in \(cluster.home) (\(elapsed))")
            case (false, true): Terminal.info("started the embedded cluster in \(cluster.home) (\(elapsed))")
            case (false, false): Terminal.info("the embedded cluster in \(cluster.home) is already running")
            }
            Terminal.output(cluster.connectionString)
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Stop the embedded cluster's server.",
            discussion: """
                Examples:
                  migrate db stop
                  migrate -q db stop
                """
        )
        @ParentCommand var root: MigrateCommand

        func run() throws {
            let context = try CommandContext(root.global)
            let cluster = try DatabaseConnector.embeddedCluster(for: context.target)
            guard case .running = cluster.status() else {
                Terminal.info("the embedded cluster in \(cluster.home) is not running")
                return
            }
            do { try cluster.stop() } catch { throw MigrateError(error) }
            Terminal.info("stopped the embedded cluster in \(cluster.home)")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the database in use: server version, where it lives, and the embedded cluster's state.",
            discussion: """
                Examples:
                  migrate db status
                  migrate --env production db status
                """
        )
        @ParentCommand var root: MigrateCommand

        func run() throws {
            let context = try CommandContext(root.global)
            if case .embedded = context.target {
                let cluster = try DatabaseConnector.embeddedCluster(for: context.target)
                Terminal.output("embedded cluster: \(cluster.home)")
                Terminal.output("  data directory: \(cluster.dataDirectory)")
                Terminal.output("  socket:         \(cluster.socketDirectory)/.s.PGSQL.\(cluster.port)")
                Terminal.output("  log:            \(cluster.logFile)")
                Terminal.output(
                    "  server programs: \(cluster.binaries.directory) (server account: \(cluster.account.name))"
                )
                switch cluster.status() {
                case .notCreated:
                    Terminal.output(
                        "  state:          not created (any command that needs it, or `migrate db start`, creates it)"
                    )
                    return
                case .stopped:
                    Terminal.output(
                        "  state:          stopped (any command that needs it, or `migrate db start`, starts it)"
                    )
                    return
                case .crashed(let pid):
                    Terminal.output(
                        "  state:          stopped without shutting down (pid \(pid) in postmaster.pid is gone; any "
                            + "command that needs it, or `migrate db start`, starts it and it recovers)"
                    )
                    return
                case .running(let pid):
                    Terminal.output("  state:          running (pid \(pid))")
                }
            }
            let session = try context.project.connect()
            let endpoint = session.connection.endpoint
            Terminal.output("server:   \(try session.serverVersion())")
            Terminal.output("database: \(endpoint.database)")
            Terminal.output("user:     \(endpoint.user)")
            Terminal.output(
                "host:     \(endpoint.host.hasPrefix("/") ? "socket directory \(endpoint.host)" : endpoint.host)"
            )
            Terminal.output("port:     \(endpoint.port)")
            Terminal.output("source:   \(context.target.sourceDescription)")
        }
    }

    struct URL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the connection string of the database in use (passwords masked), e.g. for psql.",
            discussion: """
                Examples:
                  migrate db url
                  psql "$(migrate db url)"
                """
        )
        @ParentCommand var root: MigrateCommand

        func run() throws {
            let context = try CommandContext(root.global)
            switch context.target {
            case .embedded:
                Terminal.output(try DatabaseConnector.embeddedCluster(for: context.target).connectionString)
            case .url(let url, _):
                Terminal.output(ConnectionString.redacted(url))
            case .unresolvedURL(_, let failure):
                throw failure
            case .libpqEnvironment:
                Terminal.output("")
                Terminal.info("(empty: libpq reads PGHOST, PGSERVICE and the other PG* variables)")
            }
        }
    }

    struct Destroy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "destroy",
            abstract: "Stop the embedded cluster and delete it with all its data.",
            discussion: """
                Examples:
                  migrate db destroy
                  migrate db destroy --yes
                """
        )
        @ParentCommand var root: MigrateCommand
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() throws {
            let context = try CommandContext(root.global)
            let cluster = try DatabaseConnector.embeddedCluster(for: context.target)
            guard cluster.status() != .notCreated else {
                Terminal.info("there is no embedded cluster in \(cluster.home)")
                return
            }
            if !yes {
                guard Terminal.isInteractive else {
                    throw MigrateError(
                        .usage,
                        "refusing to delete \(cluster.dataDirectory) without --yes (no terminal to ask)"
                    )
                }
                Terminal.info("delete the embedded cluster in \(cluster.home) and all its data? type 'yes': ")
                guard readLine()?.lowercased() == "yes" else {
                    Terminal.info("nothing deleted")
                    return
                }
            }
            do { try cluster.destroy() } catch { throw MigrateError(error) }
            Terminal.info("deleted the embedded cluster in \(cluster.home)")
        }
    }
}
