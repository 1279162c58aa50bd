import Foundation
import Testing

@testable import MigrateKit

/// The repository's own `migrate.toml`, which the README and the test suite rely on.
@Suite struct RepositoryConfigurationTests {
    @Test func repositoryConfigurationUsesTheEmbeddedClusterAndPhase2Schema() throws {
        // Tests/MigrateKitTests/Config/<this file> → the package root.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let configuration = try ConfigurationLoader.load(
            configPath: nil,
            environmentName: nil,
            environment: [:],
            currentDirectory: root
        )
        #expect(configuration.origin == .file("migrate.toml"))
        #expect(configuration.database.url == nil)
        #expect(configuration.autogenerate.schema == "schema/phase2.sql")
        #expect(configuration.migrations == MigrateConfiguration.Migrations())
        #expect(configuration.versionsDirectory == root + "/migrations/versions")
        let target = DatabaseTarget.resolve(flagURL: nil, environment: [:], configuration: configuration)
        #expect(target == .embedded(projectRoot: root))
    }
}
