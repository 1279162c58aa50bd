import Testing

@testable import MigrateKit

/// `[lint]` of `migrate.toml`: the small-table threshold and rule severities, with environments.
@Suite struct LintConfigurationTests {
    @Test func defaultsWithoutALintSection() throws {
        let configuration = try parseConfiguration("[migrations]\ndirectory = \"db\"\n")
        #expect(configuration.lint.smallTableRows == 10_000)
        #expect(configuration.lint.severity(of: .truncate) == .error)
        #expect(configuration.lint.severity(of: .refreshNotConcurrently) == .warning)
    }

    @Test func thresholdAndRuleSeveritiesWithAnEnvironmentOverride() throws {
        let text = """
            [lint]
            small_table_rows = 50000
            truncate = "off"
            create-index-not-concurrently = "warning"

            [environments.ci.lint]
            small_table_rows = 0
            truncate = "error"
            """
        let top = try parseConfiguration(text)
        #expect(top.lint.smallTableRows == 50_000)
        #expect(top.lint.severity(of: .truncate) == nil)
        #expect(top.lint.severity(of: .createIndexNotConcurrently) == .warning)
        #expect(top.lint.severity(of: .dropTable) == .error)
        let ci = try parseConfiguration(text, env: "ci")
        #expect(ci.lint.smallTableRows == 0)
        #expect(ci.lint.severity(of: .truncate) == .error)
        #expect(ci.lint.severity(of: .createIndexNotConcurrently) == .warning)
    }

    @Test func mistakesNameTheLineAndSuggest() throws {
        let unknown = try #require(throws: MigrateError.self) {
            try parseConfiguration("[lint]\nsmall_table_row = 5\n")
        }
        #expect(unknown.message == "unknown key `lint.small_table_row`; did you mean `small_table_rows`?")
        #expect(unknown.location?.line == 2)
        #expect(unknown.hint?.contains("`create-index-not-concurrently`") == true)

        let severity = try #require(throws: MigrateError.self) {
            try parseConfiguration("[lint]\ntruncate = \"errror\"\n")
        }
        #expect(severity.message.contains("it must be `off`, `info`, `warning` or `error`; did you mean `error`?"))
        #expect(severity.location?.line == 2)

        let quoted = try #require(throws: MigrateError.self) {
            try parseConfiguration("[lint]\nsmall_table_rows = \"100\"\n")
        }
        #expect(quoted.message.contains("must be a whole number"))

        let negative = try #require(throws: MigrateError.self) {
            try parseConfiguration("[lint]\nsmall_table_rows = -1\n")
        }
        #expect(negative.message.contains("it must be zero or more"))

        let notString = try #require(throws: MigrateError.self) { try parseConfiguration("[lint]\ntruncate = false\n") }
        #expect(notString.message.contains("must be a string"))
    }
}
