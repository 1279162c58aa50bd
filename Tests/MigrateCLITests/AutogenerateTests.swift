import Foundation
import MigrateTestSupport
import Testing

/// `migrate diff` and `migrate revision --autogenerate` through the binary.
@Suite("Autogenerate through the CLI")
struct AutogenerateTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func repositoryMigrationsAgreeWithTheDeclarativeSchema() throws {
        try TestDatabase.with { database in
            let output = try MigrateExecutable.run(
                ["--url", database.connectionString, "diff", "migrations@head", "schema/phase2.sql"],
                in: Self.repositoryRoot
            )
            #expect(output.status == .exited(0), "\(output.standardError)")
            #expect(output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "-- no differences")
        }
    }

    @Test func autogenerateWritesARevisionThatConverges() throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { project in
                try project.write("migrate.toml", "[autogenerate]\nschema = \"schema.sql\"\n")
                try project.write(
                    "migrations/versions/aaaaaaaaaaaa_base.sql",
                    """
                    -- migrate:revision aaaaaaaaaaaa
                    -- migrate:down_revision none
                    -- migrate:message base
                    -- migrate:up
                    CREATE TABLE "Items" (id int PRIMARY KEY, name text);
                    -- migrate:down
                    DROP TABLE "Items";

                    """
                )
                try project.write(
                    "schema.sql",
                    """
                    CREATE TYPE mood AS ENUM ('happy', 'sad');
                    CREATE TABLE "Items" (id int PRIMARY KEY, name text NOT NULL, mood mood DEFAULT 'happy');
                    CREATE INDEX items_name ON "Items" (name);
                    CREATE VIEW item_names AS SELECT id, name FROM "Items";

                    """
                )
                let url = ["--url", database.connectionString]
                #expect(try MigrateExecutable.run(url + ["upgrade", "head"], in: project.path).status == .exited(0))

                let written = try MigrateExecutable.run(
                    url + ["revision", "--autogenerate", "-m", "add mood", "--rev-id", "bbbbbbbbbbbb"],
                    in: project.path
                )
                #expect(written.status == .exited(0), "\(written.standardError)")
                let path = written.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(path.hasSuffix("bbbbbbbbbbbb_add_mood.sql"))
                let text = try String(contentsOfFile: path, encoding: .utf8)
                #expect(text.contains("-- migrate:down_revision aaaaaaaaaaaa"))
                #expect(text.contains("CREATE TYPE"))
                #expect(text.contains("CREATE VIEW"))

                // Applying it brings the database to the desired schema: autogenerate then finds nothing,
                // and writes nothing.
                let upgrade = try MigrateExecutable.run(url + ["upgrade", "head"], in: project.path)
                #expect(upgrade.status == .exited(0), "\(upgrade.standardError)")
                let again = try MigrateExecutable.run(
                    url + ["revision", "--autogenerate", "-m", "nothing"],
                    in: project.path
                )
                #expect(again.status == .exited(0), "\(again.standardError)")
                #expect(again.standardOutput.isEmpty)
                #expect(again.standardError.contains("no changes"))
                let files = try FileManager.default.contentsOfDirectory(atPath: project.path + "/migrations/versions")
                #expect(files.count == 2)

                // And its down section returns to the base schema.
                #expect(try MigrateExecutable.run(url + ["downgrade", "-1"], in: project.path).status == .exited(0))
                let back = try MigrateExecutable.run(
                    url + ["diff", database.connectionString, "migrations@aaaaaaaaaaaa"],
                    in: project.path
                )
                #expect(back.standardOutput.contains("no differences"), "\(back.standardOutput)\n\(back.standardError)")
            }
        }
    }

    @Test func autogenerateRefusesADatabaseWithPendingRevisions() throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { project in
                try project.write("schema.sql", "CREATE TABLE t (id int);\n")
                try project.write("migrate.toml", "[autogenerate]\nschema = \"schema.sql\"\n")
                try project.write(
                    "migrations/versions/aaaaaaaaaaaa_base.sql",
                    "-- migrate:revision aaaaaaaaaaaa\n-- migrate:down_revision none\n-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n"
                )
                let output = try MigrateExecutable.run(
                    ["--url", database.connectionString, "revision", "--autogenerate", "-m", "x"],
                    in: project.path
                )
                #expect(output.status == .exited(3))
                #expect(output.standardError.contains("pending"))
            }
        }
    }

    @Test func destructiveChangesAreMarkedAndListed() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE t (id int PRIMARY KEY, legacy text)")
            try TemporaryDirectory.with { project in
                try project.write("desired.sql", "CREATE TABLE t (id int PRIMARY KEY);\n")
                let output = try MigrateExecutable.run(
                    ["--url", database.connectionString, "diff", database.connectionString, "desired.sql"],
                    in: project.path
                )
                #expect(output.status == .exited(0), "\(output.standardError)")
                #expect(output.standardOutput.contains("-- DESTRUCTIVE: drops column"))
                #expect(output.standardOutput.contains("DROP COLUMN"))
                #expect(output.standardError.contains("destructive"))
            }
        }
    }
}
