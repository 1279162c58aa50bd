import Foundation
import Testing

@testable import MigrateKit

/// Parses `text` as `migrate.toml` of a project in `/srv/app`.
func parseConfiguration(
    _ text: String,
    env: String? = nil,
    environment: [String: String] = [:]
) throws(MigrateError) -> MigrateConfiguration {
    try ConfigurationLoader.parse(
        text,
        file: "migrate.toml",
        projectRoot: "/srv/app",
        environmentName: env,
        environment: environment
    )
}

@Suite struct ConfigurationLoaderTests {
    // MARK: - Values

    @Test func emptyFileGivesDefaults() throws {
        let configuration = try parseConfiguration("# nothing set\n")
        #expect(configuration.origin == .file("migrate.toml"))
        #expect(configuration.file == "migrate.toml")
        #expect(configuration.projectRoot == "/srv/app")
        #expect(configuration.environmentName == nil)
        #expect(configuration.database == MigrateConfiguration.Database())
        #expect(configuration.database.url == nil)
        #expect(configuration.database.shadowURL == nil)
        #expect(configuration.migrations.directory == "migrations")
        #expect(configuration.migrations.versionTable == "schema_migrations")
        #expect(configuration.migrations.versionTableSchema == "public")
        #expect(configuration.migrations.transaction == .perRevision)
        #expect(configuration.migrations.lockTimeout.sqlLiteral == "'5s'")
        #expect(configuration.migrations.statementTimeout == .none)
        #expect(configuration.migrations.lockWait.postgresValue == "60s")
        #expect(configuration.autogenerate.schema == "schema")
        #expect(configuration.migrationsDirectory == "/srv/app/migrations")
        #expect(configuration.versionsDirectory == "/srv/app/migrations/versions")
        #expect(configuration.schemaPath == "/srv/app/schema")
    }

    @Test func readsEveryKey() throws {
        let configuration = try parseConfiguration(
            """
            [database]
            url = "postgresql://app@db.internal/app"
            shadow_url = "host=localhost dbname=postgres"

            [migrations]
            directory = "db/migrations"
            version_table = "revisions"
            version_table_schema = "meta"
            transaction = "all"
            lock_timeout = "2s"
            statement_timeout = "10min"
            lock_wait = 90000

            [autogenerate]
            schema = "db/schema.sql"
            """
        )
        #expect(configuration.database.url?.template == "postgresql://app@db.internal/app")
        #expect(configuration.database.url?.key == "database.url")
        #expect(configuration.database.url?.location == SourceLocation(file: "migrate.toml", line: 2, column: 7))
        #expect(configuration.database.shadowURL?.template == "host=localhost dbname=postgres")
        #expect(configuration.migrations.directory == "db/migrations")
        #expect(configuration.migrations.versionTable == "revisions")
        #expect(configuration.migrations.versionTableSchema == "meta")
        #expect(configuration.migrations.transaction == .all)
        #expect(configuration.migrations.lockTimeout == (try TimeoutSetting(2, .seconds)))
        #expect(configuration.migrations.statementTimeout == (try TimeoutSetting(10, .minutes)))
        #expect(configuration.migrations.lockWait == (try TimeoutSetting(90_000, .milliseconds)))
        #expect(configuration.autogenerate.schema == "db/schema.sql")
        #expect(configuration.versionsDirectory == "/srv/app/db/migrations/versions")
        #expect(configuration.schemaPath == "/srv/app/db/schema.sql")
    }

    @Test func acceptsDottedKeysAndInlineTables() throws {
        let configuration = try parseConfiguration(
            """
            migrations.lock_timeout = "0"
            autogenerate = { schema = "schema/phase2.sql" }
            """
        )
        #expect(configuration.migrations.lockTimeout == .none)
        #expect(configuration.autogenerate.schema == "schema/phase2.sql")
    }

    @Test func pathsMayBeAbsoluteOrLeaveTheProject() throws {
        let configuration = try parseConfiguration(
            """
            [migrations]
            directory = "/var/lib/app/migrations/"
            [autogenerate]
            schema = "../shared/./schema"
            """
        )
        #expect(configuration.versionsDirectory == "/var/lib/app/migrations/versions")
        #expect(configuration.schemaPath == "/srv/shared/schema")
    }

    @Test func timesAcceptStringsAndIntegerMilliseconds() throws {
        let configuration = try parseConfiguration(
            """
            [migrations]
            lock_timeout = 0
            statement_timeout = "1500"
            lock_wait = "2 h"
            """
        )
        #expect(configuration.migrations.lockTimeout.isNone)
        #expect(configuration.migrations.statementTimeout.postgresValue == "1500ms")
        #expect(configuration.migrations.lockWait.milliseconds == 7_200_000)
    }

    // MARK: - Environments

    private let environmentsFile = """
        [database]
        url = "postgresql://localhost/app_dev"

        [migrations]
        lock_timeout = "5s"
        statement_timeout = "1min"

        [environments.production.database]
        url = "${PROD_DATABASE_URL}"
        [environments.production.migrations]
        lock_timeout = "2s"

        [environments.test]
        migrations = { version_table = "test_versions" }
        """

    @Test func noEnvironmentUsesTopLevelValues() throws {
        let configuration = try parseConfiguration(environmentsFile)
        #expect(configuration.environmentName == nil)
        #expect(configuration.database.url?.key == "database.url")
        #expect(configuration.migrations.lockTimeout.postgresValue == "5s")
        #expect(configuration.migrations.versionTable == "schema_migrations")
    }

    @Test func chosenEnvironmentOverridesOnlyWhatItSets() throws {
        let configuration = try parseConfiguration(environmentsFile, env: "production")
        #expect(configuration.environmentName == "production")
        #expect(configuration.database.url?.template == "${PROD_DATABASE_URL}")
        #expect(configuration.database.url?.key == "environments.production.database.url")
        #expect(configuration.database.url?.location.line == 9)
        #expect(configuration.migrations.lockTimeout.postgresValue == "2s")
        #expect(configuration.migrations.statementTimeout.postgresValue == "1min")
        #expect(configuration.migrations.versionTable == "schema_migrations")
    }

    @Test func environmentComesFromMIGRATE_ENVUnlessTheFlagChooses() throws {
        let fromVariable = try parseConfiguration(environmentsFile, environment: ["MIGRATE_ENV": "test"])
        #expect(fromVariable.environmentName == "test")
        #expect(fromVariable.migrations.versionTable == "test_versions")

        let fromFlag = try parseConfiguration(environmentsFile, env: "production", environment: ["MIGRATE_ENV": "test"])
        #expect(fromFlag.environmentName == "production")
        #expect(fromFlag.migrations.versionTable == "schema_migrations")

        let emptyVariable = try parseConfiguration(environmentsFile, environment: ["MIGRATE_ENV": ""])
        #expect(emptyVariable.environmentName == nil)
    }

    @Test func emptyEnvironmentSectionIsDefined() throws {
        let configuration = try parseConfiguration("[environments.staging]\n", env: "staging")
        #expect(configuration.environmentName == "staging")
        #expect(configuration.migrations == MigrateConfiguration.Migrations())
    }

    @Test func unknownEnvironmentListsTheDefinedOnes() throws {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration(environmentsFile, env: "staging")
        }
        #expect(error.code == .configuration)
        #expect(error.location == SourceLocation(file: "migrate.toml"))
        #expect(error.message.contains("environment `staging` (from --env) is not defined in migrate.toml"))
        #expect(error.message.contains("defined: `production` and `test`"))
        #expect(error.hint?.contains("[environments.staging]") == true)

        let fromVariable = try #require(throws: MigrateError.self) {
            try parseConfiguration("[migrations]\n", environment: ["MIGRATE_ENV": "prod"])
        }
        #expect(fromVariable.message.contains("`prod` (from MIGRATE_ENV)"))
        #expect(fromVariable.message.contains("it defines no environments"))
    }

    @Test func valuesOfOtherEnvironmentsAreCheckedToo() throws {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration(
                """
                [environments.production.migrations]
                lock_timeout = "2 seconds"
                """
            )
        }
        #expect(error.message.contains("`environments.production.migrations.lock_timeout`"))
        #expect(error.message.contains("unknown time unit \"seconds\""))
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 2, column: 16))
    }

    // MARK: - Variables

    @Test func substitutesVariablesInValuesInEffect() throws {
        let configuration = try parseConfiguration(
            """
            [migrations]
            directory = "${APP_ROOT}/migrations"
            lock_timeout = "${LOCK_TIMEOUT}"
            version_table = "versions_$$"
            """,
            environment: ["APP_ROOT": "/opt/app", "LOCK_TIMEOUT": "750ms"]
        )
        #expect(configuration.migrations.directory == "/opt/app/migrations")
        #expect(configuration.migrations.lockTimeout.postgresValue == "750ms")
        #expect(configuration.migrations.versionTable == "versions_$")
    }

    @Test func substitutedValuesAreChecked() throws {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration("[migrations]\nlock_wait = \"${WAIT}\"\n", environment: ["WAIT": "forever"])
        }
        #expect(error.message.contains("`migrations.lock_wait` \"forever\" is not a time"))
        #expect(error.location?.line == 2)
    }

    @Test func unsetVariableNamesTheVariableAndTheKey() throws {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration(
                """
                [autogenerate]

                schema = "${SCHEMA_DIR}/schema.sql"
                """
            )
        }
        #expect(error.code == .configuration)
        #expect(error.message.contains("`autogenerate.schema`"))
        #expect(error.message.contains("SCHEMA_DIR is not set"))
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 3, column: 10))
        #expect(error.hint?.contains("set SCHEMA_DIR") == true)
    }

    @Test func variablesOfValuesNotInEffectNeedNotBeSet() throws {
        let file = """
            [migrations]
            lock_timeout = "${DEV_LOCK_TIMEOUT}"
            [environments.production.migrations]
            lock_timeout = "${PROD_LOCK_TIMEOUT}"
            """
        let production = try parseConfiguration(file, env: "production", environment: ["PROD_LOCK_TIMEOUT": "1s"])
        #expect(production.migrations.lockTimeout.postgresValue == "1s")

        let error = try #require(throws: MigrateError.self) { try parseConfiguration(file) }
        #expect(error.message.contains("DEV_LOCK_TIMEOUT is not set"))
    }

    @Test func malformedReferencesAreReportedEverywhere() throws {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration(
                """
                [environments.other.migrations]
                directory = "$HOME/migrations"
                """
            )
        }
        #expect(error.message.contains("`environments.other.migrations.directory` has a `$` (character 1)"))
        #expect(error.hint?.contains("$$") == true)
        #expect(error.location?.line == 2)
    }

    @Test func connectionStringsKeepTheirVariablesUntilUsed() throws {
        // No PROD_DATABASE_URL in the environment: loading still works (offline commands, --url).
        let configuration = try parseConfiguration(
            "[database]\nurl = \"postgresql://deploy:${DB_PASSWORD}@db/app\"\n"
        )
        let url = try #require(configuration.database.url)
        #expect(url.template == "postgresql://deploy:${DB_PASSWORD}@db/app")
        #expect(try url.resolve(environment: ["DB_PASSWORD": "s3cr$t"]) == "postgresql://deploy:s3cr$t@db/app")

        let error = try #require(throws: MigrateError.self) { try url.resolve(environment: [:]) }
        #expect(error.message.contains("`database.url` uses ${DB_PASSWORD}"))
        #expect(error.location?.line == 2)
    }

    @Test func literalDollarInAPasswordIsDoubled() throws {
        let configuration = try parseConfiguration("[database]\nurl = \"postgresql://app:pa$$word@db/app\"\n")
        #expect(try configuration.database.url?.resolve(environment: [:]) == "postgresql://app:pa$word@db/app")
        #expect(configuration.database.url?.description == "postgresql://app:****@db/app")
    }

    @Test func strayDollarInAURLDoesNotEchoThePassword() throws {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration("[database]\nurl = \"postgresql://app:pa$word@db/app\"\n")
        }
        #expect(error.message.contains("`database.url` has a `$` (character 20)"))
        #expect(!error.description.contains("pa$word"))
        #expect(!error.description.contains("word@"))
    }
}

// MARK: - Files

@Suite struct ConfigurationFileTests {
    /// A fresh empty directory, removed after `body`.
    private func withDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.path + "/migrate-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func noFileMeansDefaultsAndSaysSo() throws {
        try withDirectory { directory in
            let configuration = try ConfigurationLoader.load(
                configPath: nil,
                environmentName: nil,
                environment: [:],
                currentDirectory: directory
            )
            #expect(configuration.origin == .defaults(searched: directory + "/migrate.toml"))
            #expect(configuration.file == nil)
            #expect(configuration.origin.description.contains("no configuration file at \(directory)/migrate.toml"))
            #expect(configuration.projectRoot == directory)
            #expect(configuration.migrations == MigrateConfiguration.Migrations())
            #expect(configuration.versionsDirectory == directory + "/migrations/versions")
        }
    }

    @Test func readsMigrateTomlInTheCurrentDirectory() throws {
        try withDirectory { directory in
            try write("[migrations]\ndirectory = \"db\"\n", to: directory + "/migrate.toml")
            let configuration = try ConfigurationLoader.load(
                configPath: nil,
                environmentName: nil,
                environment: [:],
                currentDirectory: directory
            )
            #expect(configuration.origin == .file("migrate.toml"))
            #expect(configuration.projectRoot == directory)
            #expect(configuration.migrationsDirectory == directory + "/db")
        }
    }

    @Test func explicitFileMakesItsDirectoryTheProjectRoot() throws {
        try withDirectory { directory in
            try write("[autogenerate]\nschema = \"desired.sql\"\n", to: directory + "/deploy/app.toml")
            let configuration = try ConfigurationLoader.load(
                configPath: "deploy/./app.toml",
                environmentName: nil,
                environment: [:],
                currentDirectory: directory
            )
            #expect(configuration.origin == .file("deploy/./app.toml"))
            #expect(configuration.projectRoot == directory + "/deploy")
            #expect(configuration.schemaPath == directory + "/deploy/desired.sql")
            #expect(configuration.migrationsDirectory == directory + "/deploy/migrations")
        }
    }

    @Test func missingExplicitFileIsAnError() throws {
        try withDirectory { directory in
            let error = try #require(throws: MigrateError.self) {
                try ConfigurationLoader.load(
                    configPath: "conf/migrate.toml",
                    environmentName: nil,
                    environment: [:],
                    currentDirectory: directory
                )
            }
            #expect(error.code == .configuration)
            #expect(error.message == "configuration file conf/migrate.toml does not exist")
            #expect(error.location == SourceLocation(file: "conf/migrate.toml"))
            #expect(error.hint?.contains(directory) == true)
        }
    }

    @Test func directoryIsNotAConfigurationFile() throws {
        try withDirectory { directory in
            let error = try #require(throws: MigrateError.self) {
                try ConfigurationLoader.load(
                    configPath: ".",
                    environmentName: nil,
                    environment: [:],
                    currentDirectory: directory
                )
            }
            #expect(error.message.contains(". is a directory"))
            #expect(error.hint?.contains("./migrate.toml") == true)
        }
    }

    @Test func environmentWithoutAFileIsAnError() throws {
        try withDirectory { directory in
            let error = try #require(throws: MigrateError.self) {
                try ConfigurationLoader.load(
                    configPath: nil,
                    environmentName: nil,
                    environment: ["MIGRATE_ENV": "production"],
                    currentDirectory: directory
                )
            }
            #expect(error.message.contains("environment `production` (from MIGRATE_ENV) is not defined"))
            #expect(error.message.contains("no migrate.toml in \(directory)"))
        }
    }

    @Test func fileThatIsNotUTF8IsAnError() throws {
        try withDirectory { directory in
            try Data([0x5B, 0xFF, 0xFE, 0x5D]).write(to: URL(fileURLWithPath: directory + "/migrate.toml"))
            let error = try #require(throws: MigrateError.self) {
                try ConfigurationLoader.load(
                    configPath: nil,
                    environmentName: nil,
                    environment: [:],
                    currentDirectory: directory
                )
            }
            #expect(error.message == "migrate.toml is not UTF-8 text")
        }
    }

    @Test func loadsTheEnvironmentFromTheFile() throws {
        try withDirectory { directory in
            try write(
                "[environments.ci.migrations]\nlock_wait = \"${CI_WAIT}\"\n",
                to: directory + "/migrate.toml"
            )
            let configuration = try ConfigurationLoader.load(
                configPath: nil,
                environmentName: "ci",
                environment: ["CI_WAIT": "5min"],
                currentDirectory: directory
            )
            #expect(configuration.environmentName == "ci")
            #expect(configuration.migrations.lockWait.postgresValue == "5min")
        }
    }
}
