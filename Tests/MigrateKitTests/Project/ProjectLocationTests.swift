import MigrateTestSupport
import Testing

@testable import MigrateKit

/// Finding the project root from a directory, as git finds a repository.
@Suite struct ProjectLocationTests {
    @Test func theNearestConfigurationFileIsTheRoot() throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write("migrate.toml", "\n")
            try directory.write("a/migrate.toml", "\n")
            try directory.write("a/b/c/README", "\n")
            let location = try #require(ProjectLocation.find(from: directory.absolute("a/b/c")))
            #expect(location.root == directory.absolute("a"))
            #expect(location.marker == .configurationFile)
            #expect(location.configurationPath == "../../migrate.toml")
            #expect(ProjectLocation.find(from: directory.path)?.configurationPath == "migrate.toml")
        }
    }

    @Test func aMigrationsDirectoryMarksARootWhenNoConfigurationFileIsAbove() throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write("migrations/versions/README", "\n")
            let location = try #require(ProjectLocation.find(from: directory.absolute("migrations/versions")))
            #expect(location.root == directory.path)
            #expect(location.marker == .migrationsDirectory)
            #expect(location.configurationPath == nil)
        }
    }

    @Test func aFileNamedMigrationsOrADirectoryNamedMigrateTomlMarksNothing() throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write("migrations", "not a directory\n")
            try directory.write("migrate.toml/README", "\n")
            #expect(ProjectLocation.find(from: directory.path) == nil)
        }
    }
}
