import Testing

@testable import MigrateKit

@Suite struct ConfigurationSchemaTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("kitten", "sitting", 3),
        ("lock_timout", "lock_timeout", 1), ("flaw", "lawn", 2), ("same", "same", 0),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(ConfigurationSchema.editDistance(a, b) == expected)
        #expect(ConfigurationSchema.editDistance(b, a) == expected)
    }

    @Test func closestAllowsMoreEditsForLongerNames() {
        let keys = ConfigurationSchema.Section.migrations.keys.map(\.rawValue)
        #expect(ConfigurationSchema.closest(to: "lock-timeout", among: keys) == "lock_timeout")
        #expect(ConfigurationSchema.closest(to: "LOCK_TIMEOUT", among: keys) == "lock_timeout")
        #expect(ConfigurationSchema.closest(to: "statment_timout", among: keys) == "statement_timeout")
        #expect(ConfigurationSchema.closest(to: "dir", among: keys) == nil)
        #expect(ConfigurationSchema.closest(to: "url", among: ["uri", "urls"]) == "uri")  // tie: first wins
        #expect(ConfigurationSchema.closest(to: "xyz", among: ["url"]) == nil)
    }

    @Test func dottedPathsQuoteWhatIsNotABareKey() {
        #expect(ConfigurationSchema.dotted(["migrations", "lock_timeout"]) == "migrations.lock_timeout")
        #expect(ConfigurationSchema.dotted(["environments", "eu-west_1"]) == "environments.eu-west_1")
        #expect(ConfigurationSchema.dotted(["environments", "a.b", ""]) == "environments.\"a.b\".\"\"")
        #expect(ConfigurationSchema.dotted(["say \"hi\"\n"]) == "\"say \\\"hi\\\"\\n\"")
        #expect(ConfigurationSchema.dotted(["bell\u{07}"]) == "\"bell\\u0007\"")
    }

    @Test func keysAreLookedUpWithinTheirSection() {
        #expect(ConfigurationSchema.key(named: "url", in: .database) == .url)
        #expect(ConfigurationSchema.key(named: "url", in: .migrations) == nil)
        #expect(ConfigurationSchema.key(named: "lock_timeout", in: .migrations) == .lockTimeout)
        #expect(ConfigurationSchema.key(named: "lockTimeout", in: .migrations) == nil)
        #expect(ConfigurationSchema.Section.autogenerate.keys == [.schema, .privileges])
    }
}
