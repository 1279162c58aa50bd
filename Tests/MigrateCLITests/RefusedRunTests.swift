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
