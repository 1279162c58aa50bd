/// The settings `migrate` runs with: `migrate.toml` (and the chosen environment's overrides) over the defaults.
///
/// Built by ``ConfigurationLoader``. Paths in the file are relative to ``projectRoot``; the computed
/// properties give them as absolute paths.
package struct MigrateConfiguration: Sendable, Hashable {
    /// Where the settings came from.
    package enum Origin: Sendable, Hashable, CustomStringConvertible {
        /// Read from this file (the path as given to `--config`, or `migrate.toml`).
        case file(String)
        /// No `migrate.toml` in the project root (the absolute path that was looked at); defaults apply.
        case defaults(searched: String)

        package var description: String {
            switch self {
            case .file(let path): "configuration from \(path)"
            case .defaults(let searched): "no configuration file at \(searched); using defaults"
            }
        }
    }

    /// `[database]`.
    package struct Database: Sendable, Hashable {
        /// `url`: the database to migrate; one step of the precedence ``DatabaseTarget/resolve(flagURL:environment:configuration:)`` applies.
        package var url: ConnectionSetting?
        /// `shadow_url`: the server on which autogenerate creates scratch databases.
        package var shadowURL: ConnectionSetting?

        package init(url: ConnectionSetting? = nil, shadowURL: ConnectionSetting? = nil) {
            self.url = url
            self.shadowURL = shadowURL
        }
    }

    /// `[migrations]`.
    package struct Migrations: Sendable, Hashable {
        /// `directory`: holds the revision files in its `versions/` subdirectory; relative to the project root.
        package var directory = "migrations"
        /// `version_table`: the table recording which revisions are applied.
        package var versionTable = "schema_migrations"
        /// `version_table_schema`: the schema of ``versionTable``.
        package var versionTableSchema = "public"
        /// `transaction`: one transaction per revision, or one for the whole batch.
        package var transaction = TransactionMode.perRevision
        /// `lock_timeout`: set with `SET LOCAL` in each revision's transaction, so a migration waiting for a lock
        /// fails instead of queueing the application's queries behind it.
        package var lockTimeout = TimeoutSetting(uncheckedAmount: 5, unit: .seconds)
        /// `statement_timeout`: set with `SET LOCAL` in each revision's transaction.
        package var statementTimeout = TimeoutSetting.none
        /// `lock_wait`: how long to wait for another deployer's migration lock before giving up.
        package var lockWait = TimeoutSetting(uncheckedAmount: 60, unit: .seconds)

        package init() {}
    }

    /// `[autogenerate]`.
    package struct Autogenerate: Sendable, Hashable {
        /// `schema`: the desired-state SQL, a file or a directory of `.sql` files applied in name order;
        /// relative to the project root.
        package var schema = "schema"
        /// `privileges`: whether `diff`, `revision --autogenerate` and `check --drift` compare owners, `GRANT`s
        /// and default privileges.
        package var privileges = false

        package init() {}
    }

    /// The absolute directory paths are relative to: the directory holding the configuration file, or the
    /// current directory when there is none.
    package var projectRoot: String
    package var origin: Origin
    /// The chosen `[environments.NAME]`, if any.
    package var environmentName: String?
    package var database = Database()
    package var migrations = Migrations()
    package var autogenerate = Autogenerate()
    /// `[lint]`: the rules of `migrate check`.
    package var lint = LintSettings()

    /// The defaults, for a project rooted at `projectRoot`.
    package init(projectRoot: String, origin: Origin) {
        self.projectRoot = projectRoot
        self.origin = origin
    }

    /// The configuration file that was read, or `nil` when defaults apply.
    package var file: String? {
        if case .file(let path) = origin { path } else { nil }
    }

    /// Absolute path of `[migrations] directory`.
    package var migrationsDirectory: String {
        FileSystemPath.absolute(migrations.directory, base: projectRoot)
    }

    /// Absolute path of the directory holding the revision files: `<directory>/versions`.
    package var versionsDirectory: String {
        migrationsDirectory == "/" ? "/versions" : migrationsDirectory + "/versions"
    }

    /// Absolute path of `[autogenerate] schema`.
    package var schemaPath: String {
        FileSystemPath.absolute(autogenerate.schema, base: projectRoot)
    }
}
