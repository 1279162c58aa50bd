import MigrateTestSupport
import Testing

@testable import MigrateKit

/// What `migrate init` writes, without running the binary: the configuration loads back, URLs are quoted.
@Suite struct ProjectScaffoldTests {
    @Test(arguments: [
        nil, "postgresql://app@db.internal/app", "${DATABASE_URL}", "host=/tmp dbname='my \"app\"' user=a\\b",
    ])
    func theConfigurationLoadsBackWithTheURLAsGiven(url: String?) throws {
        let scaffold = try ProjectScaffold(root: "/srv/app", url: url)
        let configuration = try ConfigurationLoader.parse(
            scaffold.configurationText,
            file: "migrate.toml",
            projectRoot: "/srv/app",
            environmentName: nil,
            environment: [:]
        )
        #expect(configuration.database.url?.template == url)
        #expect(configuration.schemaPath == "/srv/app/schema")
        #expect(configuration.versionsDirectory == "/srv/app/migrations/versions")
    }

    @Test(arguments: [
        ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("tab\there", #""tab\there""#), ("\u{1}", #""\u0001""#),
    ])
    func tomlStringsAreEscaped(value: String, expected: String) {
        #expect(ConfigurationSchema.basicString(value) == expected)
    }

    @Test func existingPathsNameTheOutermostOnly() throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write("migrations/versions/x.sql", "\n")
            try directory.write("schema/schema.sql", "\n")
            let scaffold = try ProjectScaffold(root: directory.path, url: nil)
            #expect(scaffold.existingPaths == ["migrations", "schema"])
        }
    }
}
