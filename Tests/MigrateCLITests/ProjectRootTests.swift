import Foundation
import MigrateTestSupport
import Testing

/// How `migrate` finds the project it works on: walking up from the current directory to `migrate.toml` or
/// `migrations/`, as git finds a repository; and what it refuses to do outside any project.
@Suite struct ProjectRootTests {
    @Test func aSubdirectoryWorksOnTheProjectAbove() throws {
        try MigrateProject.with { project in
            try project.directory.write("migrate.toml", "[migrations]\nversion_table = \"versions\"\n")
            try project.write(GeneratedRevision.chain(2, prefix: "r"))
            try project.directory.write("schema/tables/README", "desired state\n")
            let subdirectory = project.directory.absolute("schema/tables")
            let run = { (arguments: [String]) in
                try MigrateExecutable.run(arguments + ["--url", project.database.connectionString], in: subdirectory)
            }

            let upgrade = try run(["-v", "upgrade", "head"])
            #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
            #expect(upgrade.standardError.contains("project root: \(project.directory.path) (it holds migrate.toml)"))
            // The configuration of the root applies: its version table.
            #expect(try project.versionRows(table: "public.versions").count == 2)

            let current = try run(["current", "--json"])
            #expect(current.status == .exited(0), "\(current.combinedOutput)")
            #expect(try JSONValue.parse(current.standardOutput)["current"].strings == ["r002"])

            // New revisions go to the root's migrations/versions, not into the subdirectory.
            let revision = try run(["revision", "-m", "From below", "--rev-id", "r003"])
            #expect(revision.status == .exited(0), "\(revision.combinedOutput)")
            #expect(revision.standardOutput == project.directory.absolute("migrations/versions/r003_from_below.sql\n"))
            #expect(!FileManager.default.fileExists(atPath: subdirectory + "/migrations"))

            // The embedded cluster would live in the root too; nothing is created below it.
            let url = try MigrateExecutable.run(["db", "url"], in: subdirectory)
            #expect(url.status == .exited(0), "\(url.combinedOutput)")
            #expect(url.standardOutput.contains(project.directory.path + "/.migrate/run"), "\(url.standardOutput)")
            #expect(!FileManager.default.fileExists(atPath: subdirectory + "/.migrate"))
        }
    }

    @Test func messagesNameTheConfigurationFileFromWhereMigrateRuns() throws {
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[migrations]\nlock_timout = \"5s\"\n")
            try project.write("db/schema.sql", "\n")
            let output = try MigrateExecutable.run(["heads"], in: project.absolute("db"))
            #expect(output.status == .exited(2))
            #expect(output.standardError.contains("../migrate.toml:2:1"), "\(output.standardError)")
        }
    }

    @Test func migrationsDirectoryMarksAProjectWithoutConfiguration() throws {
        try TemporaryDirectory.withEmpty { project in
            try project.write(GeneratedRevision.chain(1, prefix: "m"))
            try project.write("migrations/versions/notes/README", "\n")
            let output = try MigrateExecutable.run(["-v", "heads"], in: project.absolute("migrations/versions/notes"))
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(output.standardOutput.contains("m001 (head)"))
            #expect(
                output.standardError.contains("project root: \(project.path) (it holds migrations/; no migrate.toml)")
            )
        }
    }

    @Test func theNearestConfigurationFileWinsOverANearerMigrationsDirectory() throws {
        try TemporaryDirectory.withEmpty { project in
            try project.write("migrate.toml", "[migrations]\ndirectory = \"db\"\n")
            try project.write("db/versions/ab01_first.sql", GeneratedRevision("ab01").text)
            try project.write("app/migrations/0001_other_tool.py", "\n")
            let output = try MigrateExecutable.run(["heads"], in: project.absolute("app"))
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(output.standardOutput.contains("ab01 (head)"), "\(output.standardOutput)")
        }
    }

    @Test func theWalkStopsAtTheTopOfAGitRepository() throws {
        try TemporaryDirectory.withEmpty { outer in
            try outer.write("migrate.toml", "\n")
            try outer.write("repository/.git/HEAD", "ref: refs/heads/main\n")
            try outer.write("repository/src/README", "\n")
            let output = try MigrateExecutable.run(["heads"], in: outer.absolute("repository/src"))
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains("no migrate project found"))
        }
    }

    @Test(arguments: [
        ["current"], ["upgrade"], ["heads"], ["history"], ["revision", "-m", "First"], ["db", "start"],
        ["db", "status"],
        ["status"], ["--url", "postgresql://app@127.0.0.1:1/app", "current"],
        ["--url", "postgresql://app@127.0.0.1:1/app", "upgrade", "--sql", "head"],
    ])
    func outsideAnyProjectNothingIsCreated(arguments: [String]) throws {
        try TemporaryDirectory.withEmpty { directory in
            let output = try MigrateExecutable.run(arguments, in: directory.path)
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.hasPrefix("error: no migrate project found: neither \(directory.path) nor"))
            #expect(output.standardError.contains("hint: run `migrate init`"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    @Test func anExplicitConfigurationFileNeedsNoProjectAround() throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write("elsewhere/migrate.toml", "\n")
            try directory.write("elsewhere/migrations/versions/0001_first.sql", GeneratedRevision("0001").text)
            let output = try MigrateExecutable.run(["--config", "elsewhere/migrate.toml", "heads"], in: directory.path)
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(output.standardOutput.contains("0001 (head)"))
        }
    }
}
