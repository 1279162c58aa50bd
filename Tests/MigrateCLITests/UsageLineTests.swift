import MigrateTestSupport
import Testing

/// Usage lines say what is required, and argument errors carry the same `error:` prefix as every other error.
@Suite struct UsageLineTests {
    static let required: [(command: String, usage: String)] = [
        ("downgrade", "migrate downgrade <target> "),
        ("stamp", "migrate stamp <target> "),
        ("upgrade", "migrate upgrade [<target>] "),
    ]

    @Test func usageShowsOneTargetAndWhetherItIsRequired() throws {
        #expect(Self.required.count == 3)
        for (command, usage) in Self.required {
            let help = try TemporaryDirectory.withEmpty { try MigrateExecutable.run([command, "--help"], in: $0.path) }
            #expect(help.standardOutput.contains("USAGE: " + usage), "\(help.standardOutput)")
        }
    }

    @Test func argumentErrorsUseTheErrorPrefix() throws {
        let missing = try TemporaryDirectory.withEmpty { try MigrateExecutable.run(["downgrade"], in: $0.path) }
        #expect(missing.status == .exited(64))
        #expect(missing.standardError.hasPrefix("error: Missing expected argument '<target>'"), "\(missing.standardError)")
        #expect(missing.standardError.contains("Usage: migrate downgrade <target> "))
        let unknown = try TemporaryDirectory.withEmpty { try MigrateExecutable.run(["heads", "--bogus"], in: $0.path) }
        #expect(unknown.status == .exited(64))
        #expect(unknown.standardError.hasPrefix("error: Unknown option '--bogus'"), "\(unknown.standardError)")
    }
}
