import Foundation
import MigrateTestSupport
import Testing

/// What a new user reads on the way in: the revision a run reached, an empty project, a URL of another database,
/// and the examples at the end of each command's help.
@Suite struct RoughEdgesTests {
    @Test func upgradeAndDowngradeNameTheRevisionReached() throws {
        try MigrateProject.with { project in
            var revisions = GeneratedRevision.chain(3, prefix: "e")
            revisions[1].message = "Add tags"
            try project.write(revisions)
            let upgrade = try project.migrate("upgrade", "+2")
            #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
            #expect(upgrade.standardError.contains("upgraded to e002 (Add tags): 2 revision(s) in "))
            let downgrade = try project.migrate("downgrade", "-2")
            #expect(downgrade.status == .exited(0), "\(downgrade.combinedOutput)")
            #expect(downgrade.standardError.contains("downgraded to base: 2 revision(s) in "))
        }
    }

    @Test(arguments: [["heads"], ["history"], ["-q", "heads"]])
    func anEmptyProjectSaysItHasNoRevisions(arguments: [String]) throws {
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(arguments, in: project.path)
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            #expect(output.standardOutput.isEmpty)
            if arguments.contains("-q") {
                #expect(output.standardError.isEmpty)
            } else {
                #expect(
                    output.standardError
                        == "no revisions yet in \(project.path)/migrations/versions; write the first with "
                        + "`migrate revision -m MESSAGE`\n"
                )
            }
        }
    }

    @Test(arguments: [
        (["--url", "mysql://app:pw-in-url@localhost/app", "current"], [String: String](), "(from --url)"),
        (["current"], ["DATABASE_URL": "sqlite:///tmp/app.db?pw-in-url"], "(from DATABASE_URL)"),
        (["--url", "MySQL+tcp://app:pw-in-url@h/app", "db", "status"], [:], "(from --url)"),
    ])
    func anotherDatabasesURLIsAnUnsupportedScheme(
        arguments: [String],
        environment: [String: String],
        source: String
    ) throws {
        try TemporaryDirectory.with { project in
            let output = try MigrateExecutable.run(arguments, in: project.path, environment: environment)
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains("error: unsupported URL scheme `"), "\(output.standardError)")
            #expect(output.standardError.contains(source))
            #expect(output.standardError.contains("hint: give a postgresql:// (or postgres://) URI"))
            #expect(!output.combinedOutput.contains("pw-in-url"))
        }
    }

    @Test func aDiffSideWithAnotherSchemeIsRefused() throws {
        try TemporaryDirectory.with { project in
            try project.write("schema.sql", "CREATE TABLE t (id int);\n")
            let output = try MigrateExecutable.run(
                ["--url", "postgresql://app@127.0.0.1:1/app", "diff", "mysql://app@db/app", "schema.sql"],
                in: project.path
            )
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains("unsupported URL scheme `mysql://` (a side of the diff)"))
        }
    }

    static let subcommands: [[String]] = [
        ["init"], ["upgrade"], ["downgrade"], ["current"], ["status"], ["history"], ["heads"], ["branches"],
        ["show"], ["revision"], ["merge"], ["stamp"], ["validate"], ["diff"], ["import"], ["export"], ["db"], ["db", "start"],
        ["db", "stop"], ["db", "status"], ["db", "url"], ["db", "destroy"],
    ]

    @Test(arguments: subcommands)
    func everyHelpEndsWithExamples(subcommand: [String]) throws {
        for arguments in [subcommand + ["--help"], ["help"] + subcommand] {
            let output = try TemporaryDirectory.withEmpty { directory in
                try MigrateExecutable.run(arguments, in: directory.path)
            }
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: true)
            let start = try #require(lines.firstIndex(of: "Examples:"), "\(output.standardOutput)")
            let examples = lines[(start + 1)...]
            #expect((2...3).contains(examples.count), "\(output.standardOutput)")
            #expect(examples.allSatisfy { $0.hasPrefix("  migrate ") || $0.hasPrefix("  psql ") })
            #expect(examples.contains { $0.hasPrefix("  migrate \(subcommand.joined(separator: " "))") })
            // After the usage line and the options, with the description before them.
            #expect(lines.firstIndex { $0.hasPrefix("USAGE: migrate ") }.map { $0 < start } == true)
            #expect(output.standardOutput.hasSuffix("\n") && !output.standardOutput.hasSuffix("\n\n\n"))
        }
    }
}
