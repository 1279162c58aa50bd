import MigrateTestSupport
import Testing

/// A version table migrate cannot use is refused before anything runs.
@Suite struct VersionTableLayoutTests {
    static let history = [GeneratedRevision("v001")]

    @Test func aTableOfTheSameNameNotMadeByMigrateIsRefused() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            _ = try project.rows("CREATE TABLE schema_migrations (version bigint PRIMARY KEY)")
            let output = try project.migrate("upgrade", "head")
            #expect(output.status == .exited(4), "\(output.combinedOutput)")
            #expect(output.standardError.contains("public.schema_migrations exists but was not created by migrate"))
            #expect(try project.tables() == [])
        }
    }

    @Test func aLayoutFromANewerMigrateIsRefused() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            #expect(try project.migrate("downgrade", "base").status == .exited(0))
            _ = try project.rows("COMMENT ON TABLE schema_migrations IS 'migrate version table, layout 99'")
            let output = try project.migrate("upgrade", "head")
            #expect(output.status == .exited(4), "\(output.combinedOutput)")
            #expect(output.standardError.contains("has layout 99, written by a newer migrate"))
            #expect(output.standardError.contains("hint: upgrade migrate"))
            #expect(try project.tables() == [])
        }
    }
}
