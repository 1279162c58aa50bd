import Testing

@testable import MigrateKit

@Suite struct DatabaseTargetTests {
    private let fileWithURL = """
        [database]
        url = "postgresql://app@config-host/app"
        [environments.production.database]
        url = "postgresql://deploy:${PROD_PASSWORD}@prod-host/app"
        """

    private func resolve(
        flag: String? = nil,
        environment: [String: String] = [:],
        file: String = "",
        env: String? = nil
    ) throws -> DatabaseTarget {
        let configuration = try parseConfiguration(file, env: env)
        return DatabaseTarget.resolve(flagURL: flag, environment: environment, configuration: configuration)
    }

    private let everything = [
        "DATABASE_URL": "postgresql://env-host/app",
        "PGHOST": "pg-host",
        "PGSERVICE": "svc",
    ]

    @Test func flagComesFirst() throws {
        let target = try resolve(flag: "postgresql://flag-host/app", environment: everything, file: fileWithURL)
        #expect(target == .url("postgresql://flag-host/app", source: .urlFlag))
        #expect(target.connectionString == "postgresql://flag-host/app")
        #expect(target.description == "postgresql://flag-host/app (from --url)")
    }

    @Test func thenDATABASE_URL() throws {
        let target = try resolve(environment: everything, file: fileWithURL)
        #expect(target == .url("postgresql://env-host/app", source: .environmentVariable("DATABASE_URL")))
        #expect(target.description == "postgresql://env-host/app (from DATABASE_URL)")
    }

    @Test func thenTheChosenEnvironmentsURL() throws {
        let target = try resolve(
            environment: ["PROD_PASSWORD": "hunter2", "PGHOST": "pg-host"],
            file: fileWithURL,
            env: "production"
        )
        #expect(
            target
                == .url(
                    "postgresql://deploy:hunter2@prod-host/app",
                    source: .configuration(file: "migrate.toml", key: "environments.production.database.url")
                )
        )
        #expect(
            target.description
                == "postgresql://deploy:****@prod-host/app (from environments.production.database.url in migrate.toml)"
        )
    }

    @Test func thenTheTopLevelURL() throws {
        let target = try resolve(environment: ["PGHOST": "pg-host"], file: fileWithURL)
        #expect(
            target
                == .url(
                    "postgresql://app@config-host/app",
                    source: .configuration(file: "migrate.toml", key: "database.url")
                )
        )
    }

    @Test(arguments: [["PGHOST": "pg-host"], ["PGSERVICE": "svc"], ["PGHOST": "h", "PGSERVICE": "s"]])
    func thenLibpqsEnvironment(environment: [String: String]) throws {
        let target = try resolve(environment: environment, file: "[migrations]\n")
        #expect(target == .libpqEnvironment)
        #expect(target.connectionString == "")
    }

    @Test func otherPGVariablesAloneDoNotChooseLibpq() throws {
        let target = try resolve(environment: ["PGUSER": "app", "PGPASSWORD": "x", "PGDATABASE": "app"])
        #expect(target == .embedded(projectRoot: "/srv/app"))
    }

    @Test func finallyTheEmbeddedCluster() throws {
        let target = try resolve()
        #expect(target == .embedded(projectRoot: "/srv/app"))
        #expect(target.connectionString == nil)
        #expect(target.embeddedClusterDirectory == "/srv/app/.migrate")
        #expect(target.description == "the embedded cluster in /srv/app/.migrate")
    }

    @Test func emptyValuesCountAsNotGiven() throws {
        let target = try resolve(flag: "", environment: ["DATABASE_URL": "", "PGHOST": "", "PGSERVICE": ""])
        #expect(target == .embedded(projectRoot: "/srv/app"))
    }

    /// The failure waits until the database is used, so offline commands run without the variable.
    @Test func unsetVariableInTheChosenURLFailsOnlyWhenUsed() throws {
        let target = try resolve(file: fileWithURL, env: "production")
        guard case .unresolvedURL(let setting, _) = target else {
            Issue.record("expected an unresolved URL, got \(target)")
            return
        }
        #expect(setting.key == "environments.production.database.url")
        #expect(target.connectionString == nil)
        #expect(
            target.description
                == "postgresql://deploy:****@prod-host/app (from environments.production.database.url in migrate.toml)"
        )
        let error = try #require(target.unresolvedFailure)
        #expect(throws: MigrateError.self) { try DatabaseConnector.connect(to: target) }
        #expect(error.code == .configuration)
        #expect(error.message.contains("`environments.production.database.url` uses ${PROD_PASSWORD}"))
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 4, column: 7))
    }

    @Test func unsetVariableDoesNotMatterWhenAnEarlierSourceWins() throws {
        let byFlag = try resolve(flag: "postgresql://flag-host/app", file: fileWithURL, env: "production")
        #expect(byFlag.connectionString == "postgresql://flag-host/app")
        let byVariable = try resolve(environment: ["DATABASE_URL": "host=x"], file: fileWithURL, env: "production")
        #expect(byVariable.connectionString == "host=x")
    }

    @Test func passwordsAreRedactedInDescriptions() {
        let target = DatabaseTarget.url(
            "host=db user=app password=hunter2",
            source: .environmentVariable("DATABASE_URL")
        )
        #expect(target.description == "host=db user=app password=**** (from DATABASE_URL)")
    }
}
