import MigrateTestSupport
import SystemProcess
import Testing

/// Help, usage errors and completion scripts: what ArgumentParser prints for migrate.
@Suite struct HelpAndCompletionTests {
    static func run(_ arguments: String...) throws -> ProcessOutput {
        try TemporaryDirectory.with { directory in try MigrateExecutable.run(arguments, in: directory.path) }
    }

    @Test func helpNamesTheCommandOnce() throws {
        let root = try Self.run("--help")
        #expect(root.status == .exited(0))
        #expect(root.standardOutput.contains("USAGE: migrate [--config <config>]"), "\(root.standardOutput)")
        let upgrade = try Self.run("help", "upgrade")
        #expect(upgrade.status == .exited(0))
        #expect(upgrade.standardOutput.contains("USAGE: migrate upgrade [<target>]"), "\(upgrade.standardOutput)")
        #expect(try Self.run("upgrade", "--help").standardOutput == upgrade.standardOutput)
        let version = try Self.run("--version")
        #expect(version.status == .exited(0))
        #expect(version.standardOutput.hasPrefix("0.") && version.standardOutput.hasSuffix("\n"))
    }

    @Test func verboseDoesWhatItsHelpSays() throws {
        let help = try Self.run("--help").standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("Say more: the project root, configuration origin, timings, each revision as it starts."))
        #expect(!help.contains("every statement"))
        try MigrateProject.with { project in
            try project.write(GeneratedRevision.chain(2, prefix: "v"))
            let upgrade = try project.migrate("-v", "upgrade")
            #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
            #expect(upgrade.standardError.contains("applying v001 Revision v001\n"))
            #expect(upgrade.standardError.contains("applying v002 Revision v002\n"))
            #expect(upgrade.standardError.contains("configuration: "))
        }
    }

    @Test func aUsageErrorShowsTheCommandsUsage() throws {
        let output = try Self.run("current", "--no-such-flag")
        #expect(output.status == .exited(64))
        #expect(output.standardError.contains("error: Unknown option '--no-such-flag'"), "\(output.standardError)")
        #expect(output.standardError.contains("Usage: migrate current [--check-heads]"), "\(output.standardError)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsAreStillGenerated(shell: String) throws {
        let output = try Self.run("--generate-completion-script", shell)
        #expect(output.status == .exited(0), "\(output.standardError)")
        #expect(output.standardOutput.contains("upgrade"))
        #expect(output.standardOutput.contains("lock-wait"))
        let spelledTogether = try Self.run("--generate-completion-script=\(shell)")
        #expect(spelledTogether.standardOutput == output.standardOutput)
    }
}
