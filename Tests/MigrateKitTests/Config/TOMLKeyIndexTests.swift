import TOMLKit
import Testing

@testable import MigrateKit

@Suite struct TOMLKeyIndexTests {
    /// The index of `text`, after checking that TOMLKit accepts it (the index is only built for valid TOML).
    private func index(_ text: String) throws -> TOMLKeyIndex {
        _ = try TOMLTable(string: text)
        return TOMLKeyIndex(scanning: text)
    }

    private func position(_ index: TOMLKeyIndex, _ path: [String]) -> [Int]? {
        index.entry(for: path).map { [$0.key.line, $0.key.column] }
    }

    @Test func findsKeysUnderTableHeaders() throws {
        let index = try index(
            """
            # settings
            [database]
            url = "x"

              [ environments . production . migrations ]  # indented
                lock_timeout = "2s"
            """
        )
        #expect(position(index, ["database"]) == [2, 1])
        #expect(position(index, ["database", "url"]) == [3, 1])
        #expect(index.entry(for: ["database", "url"])?.value == .init(line: 3, column: 7))
        #expect(position(index, ["environments"]) == [5, 3])
        #expect(position(index, ["environments", "production"]) == [5, 3])
        #expect(position(index, ["environments", "production", "migrations"]) == [5, 3])
        #expect(position(index, ["environments", "production", "migrations", "lock_timeout"]) == [6, 5])
        #expect(position(index, ["url"]) == nil)
    }

    @Test func findsDottedQuotedAndInlineKeys() throws {
        let index = try index(
            """
            migrations . "lock_timeout" = "1s"
            'autogenerate'.schema = 'x'
            database = { url = "a", "shadow\\u005Furl" = "b" }
            [environments]
            prod = { migrations = { lock_wait = 5 } }
            """
        )
        #expect(position(index, ["migrations"]) == [1, 1])
        #expect(position(index, ["migrations", "lock_timeout"]) == [1, 14])
        #expect(position(index, ["autogenerate", "schema"]) == [2, 16])
        #expect(position(index, ["database", "url"]) == [3, 14])
        #expect(position(index, ["database", "shadow_url"]) == [3, 25])
        #expect(position(index, ["environments", "prod", "migrations", "lock_wait"]) == [5, 25])
    }

    @Test func skipsStringsCommentsAndArraysThatLookLikeStructure() throws {
        let index = try index(
            """
            [autogenerate]
            schema = \"\"\"
            [database]
            url = "not a key"
            \"\"\"
            note = '''
            [migrations] '''
            list = [
              "]", # [database]
              { url = "inside an array" },
            ]
            text = "# not a comment [x]"
            [database] # the real one
            url = "y"
            """
        )
        #expect(position(index, ["autogenerate", "schema"]) == [2, 1])
        #expect(position(index, ["autogenerate", "note"]) == [6, 1])
        #expect(position(index, ["autogenerate", "list"]) == [8, 1])
        #expect(position(index, ["autogenerate", "text"]) == [12, 1])
        #expect(position(index, ["database"]) == [13, 1])
        #expect(position(index, ["database", "url"]) == [14, 1])
        #expect(position(index, ["migrations"]) == nil)
        #expect(position(index, ["autogenerate", "list", "url"]) == nil)
    }

    @Test func multilineStringsMayEndWithQuotes() throws {
        let index = try index("a = \"\"\"x\"\"\"\"\"\nb = '''y''''' \nc = \"\"\"\\\"\"\"\"\nd = 1\n")
        #expect(position(index, ["b"]) == [2, 1])
        #expect(position(index, ["c"]) == [3, 1])
        #expect(position(index, ["d"]) == [4, 1])
    }

    @Test func arrayOfTablesAndCRLF() throws {
        let index = try index("[[database]]\r\nurl = 1\r\n[migrations]\r\n  directory = \"m\"\r\n")
        #expect(position(index, ["database"]) == [1, 1])
        #expect(position(index, ["database", "url"]) == [2, 1])
        #expect(position(index, ["migrations", "directory"]) == [4, 3])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let index = try index("\"é\" = 1 \nx = { \"ü\" = 2, y = 3 }\n")
        #expect(position(index, ["é"]) == [1, 1])
        #expect(position(index, ["x", "y"]) == [2, 16])
    }

    @Test func firstAppearanceWins() throws {
        let index = try index("[environments.a]\n[environments.b]\n")
        #expect(position(index, ["environments"]) == [1, 1])
        #expect(position(index, ["environments", "b"]) == [2, 1])
    }
}
