import Foundation
import MigrateKit
import Testing

@Suite("RevisionFile parsing")
struct RevisionFileTests {
    static let example = """
        -- migrate:revision 3f2a9c1b7d4e
        -- migrate:down_revision 1a2b3c4d5e6f
        -- migrate:message Add agents table
        -- migrate:created 2026-11-23T10:15:00Z
        -- migrate:branch_labels phase2
        -- migrate:depends_on 9c8b7a6d5e4f
        -- migrate:transaction false
        -- migrate:lock_timeout 5s
        -- migrate:statement_timeout 10min

        -- Ordinary comments and blank lines are allowed in the header and are ignored.

        -- migrate:up
        CREATE TABLE agents (id uuid PRIMARY KEY);

        -- migrate:down
        DROP TABLE agents;

        """

    // MARK: - Happy paths

    @Test func parsesEveryDirective() throws {
        let revision = try RevisionFile.parse(Self.example, path: "v/3f2a9c1b7d4e_add_agents_table.sql")
        #expect(revision.id == "3f2a9c1b7d4e")
        #expect(revision.parents == ["1a2b3c4d5e6f"])
        #expect(revision.message == "Add agents table")
        #expect(revision.created?.description == "2026-11-23T10:15:00Z")
        #expect(revision.branchLabels == ["phase2"])
        #expect(revision.dependsOn == ["9c8b7a6d5e4f"])
        #expect(revision.isTransactional == false)
        #expect(revision.lockTimeout?.milliseconds == 5_000)
        #expect(revision.statementTimeout?.milliseconds == 600_000)
        #expect(revision.lines == Revision.Lines(revision: 1, downRevision: 2, branchLabels: 5, dependsOn: 6))
        #expect(revision.path == "v/3f2a9c1b7d4e_add_agents_table.sql")
        #expect(revision.fileName == "3f2a9c1b7d4e_add_agents_table.sql")
    }

    @Test func sectionsKnowTheirFirstLine() throws {
        let revision = try RevisionFile.parse(Self.example, path: "x.sql")
        #expect(revision.up.text == "CREATE TABLE agents (id uuid PRIMARY KEY);\n\n")
        #expect(revision.up.firstLine == 14)
        #expect(revision.up.markerLine == 13)
        #expect(revision.up.containsSQL)
        #expect(revision.down.text == "DROP TABLE agents;\n")
        #expect(revision.down.firstLine == 17)
        #expect(revision.down.containsSQL)
        #expect(revision.isReversible)
    }

    @Test func checksumIsSHA256OfTheUpSection() throws {
        let revision = try RevisionFile.parse(Self.example, path: "x.sql")
        // sha256 of "CREATE TABLE agents (id uuid PRIMARY KEY);\n\n", computed independently.
        #expect(revision.checksum == "f1efb52b81e6ebdfe5f650bd0dbe980b96f614a77d5e8468bd95fc5031de99e5")
    }

    @Test func checksumIgnoresTheDownSectionAndHeader() throws {
        let original = try RevisionFile.parse(Self.example, path: "x.sql")
        let edited = Self.example
            .replacingOccurrences(of: "DROP TABLE agents;", with: "DROP TABLE IF EXISTS agents;")
            .replacingOccurrences(of: "Add agents table", with: "Add the agents table")
        #expect(try RevisionFile.parse(edited, path: "x.sql").checksum == original.checksum)
        let upEdited = Self.example.replacingOccurrences(of: "PRIMARY KEY", with: "PRIMARY KEY, name text")
        #expect(try RevisionFile.parse(upEdited, path: "x.sql").checksum != original.checksum)
    }

    @Test func defaultsWhenOptionalDirectivesAreAbsent() throws {
        let text = "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
        let revision = try RevisionFile.parse(text, path: "abc_x.sql")
        #expect(revision.parents.isEmpty)
        #expect(revision.isRoot)
        #expect(revision.message == "")
        #expect(revision.created == nil)
        #expect(revision.branchLabels.isEmpty)
        #expect(revision.dependsOn.isEmpty)
        #expect(revision.isTransactional)
        #expect(revision.lockTimeout == nil)
        #expect(revision.statementTimeout == nil)
        #expect(revision.down.text == "")
        #expect(!revision.down.containsSQL)
        #expect(!revision.isReversible)
    }

    @Test(arguments: ["", "none", "  none  ", "None"])
    func emptyOrNoneDownRevisionIsARoot(value: String) throws {
        let text =
            "-- migrate:revision abc\n-- migrate:down_revision \(value)\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
        #expect(try RevisionFile.parse(text, path: "abc_x.sql").parents == [])
    }

    @Test(arguments: ["aaa, bbb", "aaa bbb", "aaa,bbb", " aaa ,  bbb ,"])
    func listsSplitOnCommasAndSpaces(value: String) throws {
        let text =
            "-- migrate:revision abc\n-- migrate:down_revision \(value)\n-- migrate:branch_labels \(value)\n"
            + "-- migrate:depends_on \(value)\n-- migrate:up\n-- migrate:down\n"
        let revision = try RevisionFile.parse(text, path: "abc_x.sql")
        #expect(revision.parents == ["aaa", "bbb"])
        #expect(revision.branchLabels == ["aaa", "bbb"])
        #expect(revision.dependsOn == ["aaa", "bbb"])
    }

    @Test func mergeRevisionMayHaveEmptySections() throws {
        let text =
            "-- migrate:revision abc\n-- migrate:down_revision aaa, bbb\n\n-- migrate:up\n-- just a merge\n\n"
            + "-- migrate:down\n"
        let revision = try RevisionFile.parse(text, path: "abc_merge.sql")
        #expect(revision.isMerge)
        #expect(!revision.up.containsSQL)
        #expect(revision.up.text == "-- just a merge\n\n")
        #expect(revision.isReversible)  // nothing to undo
    }

    @Test func crlfFileParsesLikeTheLFFile() throws {
        let crlf = Self.example.replacingOccurrences(of: "\n", with: "\r\n")
        let lf = try RevisionFile.parse(Self.example, path: "x.sql")
        let revision = try RevisionFile.parse(crlf, path: "x.sql")
        #expect(revision.checksum == lf.checksum)
        #expect(revision.up == lf.up)
        #expect(revision.down == lf.down)
        #expect(revision.message == "Add agents table")
        #expect(revision.statementTimeout == lf.statementTimeout)
        #expect(!revision.up.text.contains("\r"))
    }

    @Test func loneCarriageReturnsEndLinesToo() throws {
        let cr = Self.example.replacingOccurrences(of: "\n", with: "\r")
        let revision = try RevisionFile.parse(cr, path: "x.sql")
        #expect(revision.checksum == "f1efb52b81e6ebdfe5f650bd0dbe980b96f614a77d5e8468bd95fc5031de99e5")
        #expect(revision.down.firstLine == 17)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.example.utf8)
        let revision = try RevisionFile.parse(bytes, path: "x.sql")
        #expect(revision.id == "3f2a9c1b7d4e")
        #expect(revision.up.firstLine == 14)
    }

    @Test func sectionMarkersMayHaveTrailingWhitespace() throws {
        let text =
            "-- migrate:revision abc \t\n-- migrate:down_revision none\n-- migrate:up  \nSELECT 1;\n"
            + "-- migrate:down\t\nSELECT 2;"
        let revision = try RevisionFile.parse(text, path: "abc_x.sql")
        #expect(revision.id == "abc")
        #expect(revision.up.text == "SELECT 1;\n")
        #expect(revision.down.text == "SELECT 2;")
    }

    @Test func commentedSQLDoesNotCountAsSQL() throws {
        let text =
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:up\n  -- indented comment\n"
            + "\t\n-- migrate:down\n"
        let error = #expect(throws: MigrateError.self) { try RevisionFile.parse(text, path: "abc_x.sql") }
        #expect(error?.location?.line == 3)
    }

    // MARK: - Errors

    /// Parses `text` expecting a `.revisionFile` error at `line`, whose message contains `fragment`.
    private func expectError(
        _ text: String,
        line: Int,
        column: Int? = nil,
        _ fragment: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let error = #expect(throws: MigrateError.self, sourceLocation: sourceLocation) {
            try RevisionFile.parse(text, path: "versions/abc_x.sql")
        }
        guard let error else { return }
        #expect(error.code == .revisionFile, sourceLocation: sourceLocation)
        #expect(error.location?.file == "versions/abc_x.sql", sourceLocation: sourceLocation)
        #expect(error.location?.line == line, "\(error)", sourceLocation: sourceLocation)
        if let column { #expect(error.location?.column == column, "\(error)", sourceLocation: sourceLocation) }
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }

    private let body = "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n"

    @Test func missingRevision() {
        expectError(
            "-- migrate:down_revision none\n\n" + body,
            line: 3,
            "the header has no `-- migrate:revision`; expected `-- migrate:revision <id>`"
        )
    }

    @Test func missingDownRevision() {
        expectError("-- migrate:revision abc\n" + body, line: 2, "expected `-- migrate:down_revision <parent ids")
    }

    @Test func unknownKey() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:author me\n" + body,
            line: 3,
            column: 12,
            "unknown directive `-- migrate:author`; expected one of the keys revision, down_revision, message"
        )
    }

    @Test func misspeltKeyGetsASuggestion() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revison none\n" + body,
            line: 2,
            column: 12,
            "unknown directive `-- migrate:down_revison`; did you mean `-- migrate:down_revision`? expected one of"
        )
    }

    @Test func duplicateKeyNamesBothLines() {
        expectError(
            "-- migrate:revision abc\n-- migrate:message one\n-- migrate:down_revision none\n-- migrate:message two\n"
                + body,
            line: 4,
            "duplicate directive `-- migrate:message` on lines 2 and 4"
        )
    }

    @Test func sqlBeforeUp() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n  CREATE TABLE t ();\n" + body,
            line: 3,
            column: 3,
            "expected a `-- migrate:` directive, a comment or `-- migrate:up`"
        )
    }

    @Test func downBeforeUp() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:down\nSELECT 2;\n"
                + "-- migrate:up\nSELECT 1;\n",
            line: 3,
            "`-- migrate:down` comes before `-- migrate:up`"
        )
    }

    @Test func upAfterDown() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n" + body + "-- migrate:up\nSELECT 3;\n",
            line: 7,
            "`-- migrate:up` appears a second time (first on line 3)"
        )
    }

    @Test func duplicateDown() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n" + body + "-- migrate:down\n",
            line: 7,
            "`-- migrate:down` appears a second time (first on line 5)"
        )
    }

    @Test func missingUp() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n\n-- a comment\n",
            line: 4,
            "expected `-- migrate:up`"
        )
    }

    @Test func emptyFile() {
        expectError("", line: 1, "expected `-- migrate:up`")
    }

    @Test func missingDown() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:up\nSELECT 1;\n",
            line: 4,
            "expected `-- migrate:down` after the up section that starts on line 3"
        )
    }

    @Test func emptyUpSectionInANonMerge() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision aaa\n-- migrate:up\n\n-- nothing\n-- migrate:down\n",
            line: 3,
            "the up section (after line 3) has no SQL"
        )
    }

    @Test(arguments: [
        ("5 fortnights", "expected a duration"), ("5 sec", "expected a duration"), ("-5s", "expected a duration"),
        ("5S", "expected a duration"), ("1.5s", "expected a duration"), ("", "expected a duration"),
        ("25d", "is too long"), ("99999999999999999999", "is too long"),
    ])
    func badDuration(value: String, fragment: String) {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:lock_timeout \(value)\n" + body,
            line: 3,
            column: 25,
            fragment
        )
    }

    @Test(arguments: [
        "2026-11-23 10:15:00Z", "2026-11-23T10:15:00", "2026-02-30T10:15:00Z", "2026-11-23T24:00:00Z",
        "yesterday",
    ])
    func badCreated(value: String) {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:created \(value)\n" + body,
            line: 3,
            column: 20,
            "expected a UTC timestamp `YYYY-MM-DDTHH:MM:SSZ`"
        )
    }

    @Test(arguments: ["yes", "TRUE", "0", ""])
    func badTransaction(value: String) {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:transaction \(value)\n" + body,
            line: 3,
            "expected `true` or `false`"
        )
    }

    @Test(arguments: ["", "head", "HEADS", "base", "none", "current", "abc-def", "abc def", "é1"])
    func badRevisionID(value: String) {
        expectError(
            "-- migrate:revision \(value)\n-- migrate:down_revision none\n" + body,
            line: 1,
            "expected a revision id"
        )
    }

    @Test func badParentID() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision aaa, b-b\n" + body,
            line: 2,
            "expected a parent revision id (letters, digits and `_`, not head, heads, base, none or current); "
                + "found `b-b`"
        )
    }

    @Test func noneMixedWithParents() {
        expectError("-- migrate:revision abc\n-- migrate:down_revision none aaa\n" + body, line: 2, "found `none`")
    }

    @Test func parentListedTwice() {
        expectError("-- migrate:revision abc\n-- migrate:down_revision aaa aaa\n" + body, line: 2, "listed twice")
    }

    @Test func revisionThatIsItsOwnParent() {
        expectError(
            "-- migrate:down_revision abc\n-- migrate:revision abc\n" + body,
            line: 1,
            "revision `abc` lists itself in `-- migrate:down_revision`"
        )
    }

    @Test func badBranchLabel() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:branch_labels ok, head\n" + body,
            line: 3,
            "expected a branch label"
        )
    }

    @Test func directiveInsideASection() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:up\nSELECT 1;\n"
                + "-- migrate:transaction false\n-- migrate:down\n",
            line: 5,
            "directive `-- migrate:transaction` inside the up section"
        )
    }

    @Test(arguments: [
        "--migrate:transaction false", "  -- migrate:transaction false", "-- Migrate:transaction false",
        "--  migrate:up",
    ])
    func misspelledDirective(line: String) {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n\(line)\n" + body,
            line: 3,
            "looks like a directive but is not written `-- migrate:<key>`"
        )
    }

    @Test(arguments: [
        ("-- migrate:", 12), ("-- migrate: revision abc", 12), ("-- migrate:Revision abc", 12),
        ("-- migrate:lock-timeout 5s", 16),
    ])
    func malformedDirective(line: String, column: Int) {
        expectError(
            "\(line)\n-- migrate:revision abc\n-- migrate:down_revision none\n" + body,
            line: 1,
            column: column,
            "malformed directive; expected a lowercase key"
        )
    }

    @Test func sectionMarkerWithText() {
        expectError(
            "-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:up now\nSELECT 1;\n-- migrate:down\n",
            line: 3,
            column: 15,
            "expected `-- migrate:up` alone on its line"
        )
    }

    @Test func invalidUTF8InASection() {
        var bytes = Array("-- migrate:revision abc\n-- migrate:down_revision none\n-- migrate:up\nSELECT 1;\n".utf8)
        bytes += [0x53, 0xFF, 0x0A] + Array("-- migrate:down\n".utf8)
        let error = #expect(throws: MigrateError.self) { try RevisionFile.parse(bytes, path: "abc_x.sql") }
        #expect(error?.location?.line == 5)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func invalidUTF8InAHeaderValue() {
        var bytes = Array("-- migrate:revision abc\n-- migrate:message caf".utf8) + [0xC3, 0x28, 0x0A]
        bytes += Array("-- migrate:down_revision none\n-- migrate:up\nSELECT 1;\n-- migrate:down\n".utf8)
        let error = #expect(throws: MigrateError.self) { try RevisionFile.parse(bytes, path: "abc_x.sql") }
        #expect(error?.location?.line == 2)
    }

    @Test func errorDescriptionIsClickable() {
        let error = #expect(throws: MigrateError.self) {
            try RevisionFile.parse("-- migrate:revision abc\nSELECT\n", path: "versions/abc_x.sql")
        }
        #expect(error?.description.hasPrefix("versions/abc_x.sql:2:1: expected a `-- migrate:` directive") == true)
    }
}
