import MigrateTestSupport
import Testing

/// A run that the pre-run checks refuse leaves the database exactly as it was: not even the version tables.
@Suite struct RefusedRunTests {
    @Test func aRevisionThatCannotRunCreatesNoVersionTables() throws {
        try MigrateProject.with { project in
            try project.write([
                GeneratedRevision("r001"),
                GeneratedRevision("r002", parents: ["r001"], up: "CREATE TABLE broken (id int;\n"),
            ])
            let refused = try project.migrate("upgrade", "head")
            #expect(refused.status == .exited(2), "\(refused.combinedOutput)")
            #expect(refused.standardError.contains("nothing was run"))
            #expect(!refused.standardError.contains("created the version tables"))
            #expect(try project.scalar("SELECT to_regclass('schema_migrations')::text") == nil)

            let fine = try project.migrate("upgrade", "r001")
            #expect(fine.status == .exited(0), "\(fine.combinedOutput)")
            #expect(fine.standardError.contains("created the version tables"))
            #expect(try project.versionRows() == ["r001": "applied"])
        }
    }
}

/// Warnings and notices as a person reads them: said once, with paths from the project root.
@Suite struct MessageFormTests {
    @Test func theOutsideATransactionWarningIsSaidOnce() throws {
        try MigrateProject.with { project in
            try project.directory.write("a.sql", "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE tt (m mood);\n")
            try project.directory.write("b.sql", "CREATE TYPE mood AS ENUM ('a', 'b');\nCREATE TABLE tt (m mood DEFAULT 'b');\n")
            let diff = try project.migrate("diff", "a.sql", "b.sql")
            #expect(diff.status == .exited(0), "\(diff.combinedOutput)")
            #expect(diff.standardError.components(separatedBy: "outside a transaction").count == 2, "\(diff.standardError)")
        }
    }

    @Test func noticesNameTheFileFromTheProjectRoot() throws {
        try MigrateProject.with { project in
            let revision = GeneratedRevision("n001", up: "DO $$ BEGIN RAISE NOTICE 'hello'; END $$;\n")
            try project.write([revision])
            let upgrade = try project.migrate("upgrade", "head")
            #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
            #expect(upgrade.standardError.contains("  \(revision.relativePath):"), "\(upgrade.standardError)")
            #expect(!upgrade.standardError.contains(project.directory.path + "/" + revision.relativePath))
        }
    }
}
