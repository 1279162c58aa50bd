import Foundation
import MigrateTestSupport
import Testing

/// Revision files that do not load: every command stops with exit 2 and an error naming the files.
@Suite struct InvalidRevisionFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Relative path → contents, written after a valid root `a1`.
        var files: [(String, String)]
        /// What stderr must contain; `{dir}` stands for the project directory.
        var expected: [String]

        var testDescription: String { name }
    }

    static let root = GeneratedRevision("a1")

    static let cases: [Case] = [
        Case(
            name: "SQL in the header",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision a1\nSELECT 1;\n-- migrate:up\nSELECT 1;\n"
                        + "-- migrate:down\n"
                )
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:3:1: expected a `-- migrate:` directive, a comment or "
                    + "`-- migrate:up`; found SQL before `-- migrate:up`"
            ]
        ),
        Case(
            name: "unknown directive",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision a1\n-- migrate:colour blue\n"
                        + "-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                )
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:3:12: unknown directive `-- migrate:colour`; expected "
                    + "one of the keys revision, down_revision"
            ]
        ),
        Case(
            name: "missing down_revision",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                )
            ],
            expected: ["error: {dir}/migrations/versions/b2_two.sql:3: the header has no `-- migrate:down_revision`"]
        ),
        Case(
            name: "duplicate directive",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision a1\n-- migrate:message x\n-- migrate:message "
                        + "y\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                )
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:4: duplicate directive `-- migrate:message` on lines 3 "
                    + "and 4"
            ]
        ),
        Case(
            name: "no down marker",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision a1\n-- migrate:up\nSELECT 1;\n"
                )
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:4: expected `-- migrate:down` after the up section "
                    + "that starts on line 3"
            ]
        ),
        Case(
            name: "id and file name disagree",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b3\n-- migrate:down_revision a1\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                )
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:1: the file name says revision `b2` but `"
                    + "-- migrate:revision` says `b3`"
            ]
        ),
        Case(
            name: "unknown parent",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision zz\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                )
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:2: revision `b2` has `down_revision` `zz`, but no file "
                    + "declares revision `zz`"
            ]
        ),
        Case(
            name: "two files, one id",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision a1\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                ),
                (
                    "migrations/versions/b2_again.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision a1\n-- migrate:up\nSELECT 2;\n-- migrate:down\n"
                ),
            ],
            expected: [
                "two files claim revision `b2`: {dir}/migrations/versions/b2_again.sql and "
                    + "{dir}/migrations/versions/b2_two.sql",
                "hint: every revision needs its own id",
            ]
        ),
        Case(
            name: "cycle",
            files: [
                (
                    "migrations/versions/b2_two.sql",
                    "-- migrate:revision b2\n-- migrate:down_revision c3\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                ),
                (
                    "migrations/versions/c3_three.sql",
                    "-- migrate:revision c3\n-- migrate:down_revision b2\n-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                ),
            ],
            expected: [
                "error: {dir}/migrations/versions/b2_two.sql:2: revisions form a cycle: `b2` → `c3` → `b2` (each "
                    + "must come before the next through `down_revision`); files: "
                    + "{dir}/migrations/versions/b2_two.sql, {dir}/migrations/versions/c3_three.sql"
            ]
        ),
    ]

    @Test(arguments: cases)
    func offlineAndOnlineCommandsReportTheFile(_ testCase: Case) throws {
        try MigrateProject.with { project in
            try project.write([Self.root])
            for (path, text) in testCase.files { try project.directory.write(path, text) }
            for command in [["history"], ["heads"], ["upgrade", "head"], ["validate"]] {
                let output = try project.migrate(arguments: command)
                #expect(output.status == .exited(2), "\(command): \(output.combinedOutput)")
                for expected in testCase.expected {
                    let text = expected.replacingOccurrences(of: "{dir}", with: project.directory.path)
                    #expect(output.standardError.contains(text), "\(command): \(output.standardError)")
                }
            }
            // Nothing ran, not even the valid root.
            #expect(try project.tables().isEmpty)
        }
    }

    /// With no database configured, a broken revision file stops `upgrade` before the embedded cluster is
    /// created or started.
    @Test func aBrokenFileDoesNotStartTheEmbeddedCluster() throws {
        try MigrateProject.with { project in
            try project.write([Self.root])
            try project.directory.write("migrations/versions/b2_two.sql", "-- migrate:revision b2\nSELECT 1;\n")
            let output = try project.migrateWithoutURL("upgrade", "head")
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains("b2_two.sql"), "\(output.standardError)")
            #expect(!FileManager.default.fileExists(atPath: project.directory.path + "/.migrate"))
        }
    }
}
