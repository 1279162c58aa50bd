import Foundation
import MigrateKit
import Testing

@Suite("RevisionTemplate")
struct RevisionTemplateTests {
    private static let created = RevisionTimestamp(secondsSince1970: 1_795_428_900)  // 2026-11-23T10:15:00Z

    private static let full = RevisionTemplate(
        id: "3f2a9c1b7d4e",
        parents: ["1a2b3c4d5e6f"],
        message: "Add agents table",
        created: created,
        branchLabels: ["phase2"],
        dependsOn: ["9c8b7a6d5e4f"],
        isTransactional: false,
        lockTimeout: PostgresDuration(milliseconds: 5_000),
        statementTimeout: PostgresDuration(milliseconds: 600_000),
        upSQL: "CREATE TABLE agents (id uuid PRIMARY KEY);",
        downSQL: "DROP TABLE agents;"
    )

    /// The parser's example file, without its comment: every directive, in the order the template writes them.
    @Test func rendersTheDocumentedFormat() throws {
        let comment = "-- Ordinary comments and blank lines are allowed in the header and are ignored.\n\n"
        let example = RevisionFileTests.example.replacingOccurrences(of: comment, with: "")
        #expect(example != RevisionFileTests.example)
        #expect(try Self.full.render() == example)
        #expect(Self.full.fileName == "3f2a9c1b7d4e_add_agents_table.sql")
    }

    @Test func roundTripsThroughTheParser() throws {
        let template = Self.full
        let revision = try RevisionFile.parse(try template.render(), path: template.fileName)
        #expect(revision.id == template.id)
        #expect(revision.parents == template.parents)
        #expect(revision.message == template.message)
        #expect(revision.created == template.created)
        #expect(revision.branchLabels == template.branchLabels)
        #expect(revision.dependsOn == template.dependsOn)
        #expect(revision.isTransactional == template.isTransactional)
        #expect(revision.lockTimeout == template.lockTimeout)
        #expect(revision.statementTimeout == template.statementTimeout)
        #expect(revision.up.text == "CREATE TABLE agents (id uuid PRIMARY KEY);\n\n")
        #expect(revision.down.text == "DROP TABLE agents;\n")
    }

    @Test(arguments: [[], ["aaa"], ["aaa", "bbb", "ccc"]])
    func roundTripsParentsAndDefaults(parents: [String]) throws {
        let template = RevisionTemplate(
            id: "abc123def456",
            parents: parents,
            message: "",
            created: Self.created,
            upSQL: parents.count > 1 ? nil : "SELECT 1;\r\nSELECT 2;\r\n",
            downSQL: ""
        )
        let text = try template.render()
        #expect(!text.contains("migrate:message"))
        #expect(!text.contains("migrate:transaction"))
        #expect(!text.contains("\r"))
        let revision = try RevisionFile.parse(text, path: template.fileName)
        #expect(revision.parents == parents)
        #expect(revision.isTransactional)
        #expect(revision.lockTimeout == nil)
        #expect(template.fileName == "abc123def456_.sql")
    }

    @Test func rendersTheSameBytesEveryTime() throws {
        #expect(try Self.full.render() == Self.full.render())
    }

    @Test func mergeRevisionHasEmptySectionsAndLoads() throws {
        let template = RevisionTemplate(
            id: "cafe00000001",
            parents: ["aaa", "bbb"],
            message: "Merge aaa and bbb",
            created: Self.created
        )
        let text = try template.render()
        #expect(text.hasSuffix("\n-- migrate:up\n-- migrate:down\n"))
        let revision = try RevisionFile.parse(text, path: template.fileName)
        #expect(revision.isMerge)
        #expect(!revision.up.containsSQL)
        #expect(revision.isReversible)
    }

    @Test func blankRevisionDoesNotLoadUntilItsSQLIsWritten() throws {
        let template = RevisionTemplate(id: "cafe00000002", parents: ["aaa"], message: "Later", created: Self.created)
        let text = try template.render()
        #expect(text.contains("-- Write the SQL that makes the change here."))
        let error = #expect(throws: MigrateError.self) { try RevisionFile.parse(text, path: template.fileName) }
        #expect(error?.message.contains("has no SQL") == true)
        let edited = text.replacingOccurrences(
            of: "-- Write the SQL that makes the change here.\n",
            with: "CREATE TABLE later ();\n"
        )
        #expect(try RevisionFile.parse(edited, path: template.fileName).up.containsSQL)
    }

    @Test func messageIsKeptOnOneLine() throws {
        var template = Self.full
        template.message = "  First line\nsecond\tline\r\n "
        #expect(template.singleLineMessage == "First line second line")
        #expect(try RevisionFile.parse(template.render(), path: "x.sql").message == "First line second line")
        #expect(template.fileName == "3f2a9c1b7d4e_first_line_second_line.sql")
    }

    @Test(arguments: ["head", "a-b", ""])
    func rejectsBadIDs(id: String) {
        var template = Self.full
        template.id = id
        let error = #expect(throws: MigrateError.self) { try template.render() }
        #expect(error?.code == .usage)
    }

    @Test func rejectsBadLabelsParentsAndDependencies() {
        for change: (inout RevisionTemplate) -> Void in [
            { $0.branchLabels = ["ok", "not ok"] }, { $0.parents = ["base"] }, { $0.dependsOn = ["x@head"] },
        ] {
            var template = Self.full
            change(&template)
            let error = #expect(throws: MigrateError.self) { try template.render() }
            #expect(error?.code == .usage)
        }
    }

    @Test(arguments: ["SELECT 1;\n-- migrate:down\nSELECT 2;", "  --Migrate:transaction false\nSELECT 1;"])
    func rejectsSQLThatWouldReadAsADirective(sql: String) {
        var template = Self.full
        template.upSQL = sql
        let error = #expect(throws: MigrateError.self) { try template.render() }
        #expect(error?.code == .usage)
        #expect(error?.message.contains("would be read as a `-- migrate:` directive") == true)
    }

    @Test func writesIntoADirectoryWithoutReplacingFiles() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try Self.full.write(into: directory)
        #expect(path == directory + "/3f2a9c1b7d4e_add_agents_table.sql")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.full.render())
        let revisions = try RevisionDirectory(path: directory).loadRevisions()
        #expect(revisions.map(\.id) == ["3f2a9c1b7d4e"])
        let error = #expect(throws: MigrateError.self) { try Self.full.write(into: directory) }
        #expect(error?.code == .io)
        #expect(error?.message.hasSuffix("File exists") == true)
    }

    // MARK: - Ids and slugs

    @Test func randomIDsAreTwelveLowercaseHexDigits() {
        let ids = (0..<100).map { _ in Revision.randomID() }
        for id in ids {
            #expect(id.count == 12)
            #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(Revision.isValidIdentifier(id))
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test func randomIDsFollowTheGenerator() {
        var first = LargeHistory.SplitMix64(state: 7)
        var second = LargeHistory.SplitMix64(state: 7)
        #expect(Revision.randomID(using: &first) == Revision.randomID(using: &second))
        var generator = LargeHistory.SplitMix64(state: 7)
        let value = generator.next()
        var again = LargeHistory.SplitMix64(state: 7)
        #expect(Revision.randomID(using: &again) == String(value & 0xFFFF_FFFF_FFFF, radix: 16).leftPadded(to: 12))
    }

    @Test(arguments: [
        ("Add agents table", "add_agents_table"),
        ("Ajouter la table élève", "ajouter_la_table_eleve"),
        ("Cre\u{0301}er l'e\u{0301}le\u{0300}ve", "creer_l_eleve"),
        ("Größe ändern", "gro_e_andern"),
        ("  --Fix: user's e-mail!! ", "fix_user_s_e_mail"),
        ("CamelCase v2.1", "camelcase_v2_1"),
        ("", ""),
        ("日本語", ""),
        (
            "Add a column to the accounts table for storing the last login time",
            "add_a_column_to_the_accounts_table_for"
        ),
        (String(repeating: "x", count: 50), String(repeating: "x", count: 40)),
    ])
    func slugs(message: String, slug: String) {
        #expect(RevisionFile.slug(from: message) == slug)
        #expect(RevisionFile.isValidSlug(slug))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
