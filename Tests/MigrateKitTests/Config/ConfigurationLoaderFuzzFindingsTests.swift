import Testing

@testable import MigrateKit

/// Inputs `scripts/fuzz` found that crashed the loader: toml++ asserted (and aborted the process) on a table header
/// whose name starts with a character no key can start with.
@Suite struct ConfigurationLoaderFuzzFindingsTests {
    @Test(
        arguments: [
            ("[# database]\nurl = \"x\"\n", 1, 2, "#"),
            ("[#]", 1, 2, "#"),
            ("[.a]\n", 1, 2, "."),
            ("[=]\n", 1, 2, "="),
            ("[,]\n", 1, 2, ","),
            ("[\\]\n", 1, 2, "\\"),
            ("[é]\n", 1, 2, "é"),
            ("[migrations]\ndirectory = \"db\"\n[\nlock_wait = \"1min\"\n", 3, 2, "\n"),
            ("[[\n]]\n", 1, 3, "\n"),
            ("[[ #x]]\n", 1, 4, "#"),
            // The input the fuzzer found first, as it was.
            ("[# database]\nurmigrate.l = \"t${", 1, 2, "#"),
        ] as [(String, Int, Int, Character)]
    )
    func malformedTableHeaderIsAnErrorNotACrash(text: String, line: Int, column: Int, character: Character) throws {
        let error = try #require(throws: MigrateError.self) { try parseConfiguration(text) }
        #expect(error.code == .configuration)
        #expect(error.location == SourceLocation(file: "migrate.toml", line: line, column: column))
        #expect(error.message == "invalid TOML: a table name cannot start with '\(character)'")
    }

    /// Brackets inside values, strings and comments are not headers, and valid headers pass.
    @Test func headersAreFoundOnlyAtTheTopLevel() throws {
        let text = """
            # [# not a header]
            [database]
            url = "postgresql://app@localhost/app?x=[#]"  # [#]
            [ "migrations" ]
            directory = '''
            [# inside a string]
            '''
            """
        #expect(TOMLHeaderCheck.firstMalformedHeader(in: text) == nil)
        #expect(TOMLHeaderCheck.firstMalformedHeader(in: "a = [\n  [+1],\n  {b = 1},\n]\n[ 'x' ]\n[[y]]\n") == nil)
        _ = try parseConfiguration("[ \"database\" ]\nurl = \"postgresql://app@localhost/app\"\n")
    }
}
