import LibC
import MigrateTestSupport
import Testing

/// What the version table records about who applied a revision, and a table migrate cannot use, which is
/// refused before anything runs.
@Suite struct VersionTableLayoutTests {
    static let history = [GeneratedRevision("v001")]

    @Test func eachRowNamesTheDatabaseUserAndTheClientHost() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            var buffer = [CChar](repeating: 0, count: 256)
            #expect(gethostname(&buffer, 255) == 0)
            let host = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let row = try project.rows("SELECT applied_by = current_user, client_host FROM schema_migrations")
            #expect(row == [["t", host]])
            let log = try project.rows("SELECT performed_by = current_user, client_host FROM schema_migrations_log")
            #expect(log == [["t", host]])
        }
    }

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

    /// Reads find such a table by its columns, not its comment (cheaper in a new session).
    @Test(arguments: ["current", "status", "validate"])
    func readsRefuseATableOfTheSameNameNotMadeByMigrate(command: String) throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            _ = try project.rows("CREATE TABLE schema_migrations (version bigint PRIMARY KEY)")
            let output = try project.migrate(command)
            #expect(output.status == .exited(4), "\(output.combinedOutput)")
            #expect(output.standardError.contains("public.schema_migrations exists but was not created by migrate"))
            #expect(output.standardError.contains("does not exist"), "PostgreSQL's reason: the missing column")
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
