import ArgumentParser
import MigrateKit

/// `migrate`: the root command. Holds the options every subcommand shares.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "PostgreSQL schema migrations: a revision graph, transactional upgrades, autogenerate.",
        discussion: """
            With no database configured (--url, DATABASE_URL, migrate.toml, PGHOST/PGSERVICE), migrate uses an \
            embedded PostgreSQL cluster it manages under .migrate/ in the project.

            Exit codes: 0 success; 1 failure (a statement, the connection); 2 bad input (configuration, revision \
            files, targets); 3 pending revisions (current --check-heads, status --exit-code); 4 validation \
            failed (edited, missing or unknown revisions); 5 migration lock not acquired within --lock-wait; \
            64 command-line usage error.
            """,
        version: MigrateVersion.current,
        subcommands: [
            InitCommand.self, UpgradeCommand.self, DowngradeCommand.self, CurrentCommand.self, StatusCommand.self,
            HistoryCommand.self, HeadsCommand.self, BranchesCommand.self, ShowCommand.self, RevisionCommand.self,
            MergeCommand.self, StampCommand.self, ValidateCommand.self, CheckCommand.self, DiffCommand.self,
            ImportCommand.self, ExportCommand.self,
            DatabaseCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}

/// Options shared by every command; given before or after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "Path of migrate.toml (default: the nearest migrate.toml or migrations/ from here upwards)."
    )
    var configPath: String?

    @Option(help: "Database URL or libpq connection string (overrides DATABASE_URL and migrate.toml).")
    var url: String?

    @Option(name: .customLong("env"), help: "Environment from [environments.NAME] in migrate.toml (or MIGRATE_ENV).")
    var environmentName: String?

    @Flag(
        name: .shortAndLong,
        help: "Say more: the project root, configuration origin, timings, each revision as it starts."
    )
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only errors and requested output.")
    var quiet = false
}
