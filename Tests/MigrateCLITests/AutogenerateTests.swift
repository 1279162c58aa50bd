import Foundation
import MigrateTestSupport
import Testing

/// `migrate diff` and `migrate revision --autogenerate` through the binary.
@Suite("Autogenerate through the CLI")
struct AutogenerateTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A project whose desired schema is `schema.sql` and whose only revision, `aaaaaaaaaaaa`, has these sections.
    static func writeProject(_ project: TemporaryDirectory, baseUp: String, baseDown: String) throws {
        try project.write("migrate.toml", "[autogenerate]\nschema = \"schema.sql\"\n")
        try project.write(
            "migrations/versions/aaaaaaaaaaaa_base.sql",
            "-- migrate:revision aaaaaaaaaaaa\n-- migrate:down_revision none\n-- migrate:message base\n"
                + "-- migrate:up\n\(baseUp)\n-- migrate:down\n\(baseDown)\n"
        )
    }

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
                try Self.writeProject(
                    project,
                    baseUp: """
                        CREATE TABLE "Items" (id int PRIMARY KEY, name text);
                        """,
                    baseDown: """
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
                    url + ["revision", "--autogenerate", "--no-safe", "-m", "add mood", "--rev-id", "bbbbbbbbbbbb"],
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

    /// The default, lock-safe series: one file per part, each the parent of the next, that `migrate check`
    /// passes with every table counted as big, that `upgrade --phase pre` applies up to the contraction, and whose
    /// down sections return to the base.
    @Test func autogenerateWritesALockSafeSeries() throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { project in
                try Self.writeProject(
                    project,
                    baseUp: """
                        CREATE TYPE state AS ENUM ('new', 'done');
                        CREATE TABLE accounts (id int PRIMARY KEY, email text, legacy text NOT NULL);
                        CREATE TABLE orders (id int PRIMARY KEY, account_id int, note text);
                        INSERT INTO accounts VALUES (1, 'a@example.com', 'x'), (2, 'b@example.com', 'y');
                        INSERT INTO orders VALUES (10, 1, 'first'), (11, 2, NULL);
                        """,
                    baseDown: """
                        DROP TABLE orders;
                        DROP TABLE accounts;
                        DROP TYPE state;
                        """
                )
                try project.write(
                    "schema.sql",
                    """
                    CREATE TYPE state AS ENUM ('new', 'paid', 'done');
                    CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, CONSTRAINT accounts_email_key UNIQUE (email));
                    CREATE TABLE orders (
                        id int PRIMARY KEY,
                        account_id int CONSTRAINT orders_account_fkey REFERENCES accounts (id),
                        note text CONSTRAINT orders_note_check CHECK (note <> ''),
                        state state DEFAULT 'paid'
                    );
                    CREATE INDEX orders_account_idx ON orders (account_id);

                    """
                )
                let url = ["--url", database.connectionString]
                #expect(try MigrateExecutable.run(url + ["upgrade", "head"], in: project.path).status == .exited(0))

                let written = try MigrateExecutable.run(
                    url + ["revision", "--autogenerate", "-m", "orders state"],
                    in: project.path
                )
                #expect(written.status == .exited(0), "\(written.standardError)")
                let paths = written.standardOutput.split(separator: "\n").map(String.init)
                try #require(paths.count == 5, "\(written.standardOutput)\n\(written.standardError)")
                #expect(written.standardError.contains("wrote 5 revisions"))
                let texts = try paths.map { try String(contentsOfFile: $0, encoding: .utf8) }
                #expect(texts[0].contains("ADD VALUE 'paid'") && texts[0].contains("-- migrate:transaction false"))
                #expect(texts[1].contains("NOT VALID") && texts[1].contains("-- migrate:down_revision "))
                #expect(
                    texts[2].contains("CREATE INDEX CONCURRENTLY") && texts[2].contains("-- migrate:transaction false")
                )
                #expect(texts[2].contains("CREATE UNIQUE INDEX CONCURRENTLY \"accounts_email_key\""))
                #expect(texts[3].contains("VALIDATE CONSTRAINT") && texts[3].contains("SET NOT NULL"))
                #expect(texts[3].contains("UNIQUE USING INDEX \"accounts_email_key\""))
                #expect(texts[4].contains("DROP COLUMN \"legacy\"") && texts[4].contains("-- migrate:phase post"))
                for (parent, child) in zip(paths, paths.dropFirst()) {
                    let parentID = String(parent.split(separator: "/").last!.prefix(12))
                    #expect(
                        try String(contentsOfFile: child, encoding: .utf8).contains(
                            "-- migrate:down_revision \(parentID)"
                        )
                    )
                }

                // The gate passes it with every existing table counted as big.
                let check = try MigrateExecutable.run(
                    ["check", "--offline", "--range", "aaaaaaaaaaaa:head"],
                    in: project.path
                )
                #expect(check.status == .exited(0), "\(check.standardOutput)\n\(check.standardError)")

                // Before the rollout everything but the contraction; after it, the rest.
                let pre = try MigrateExecutable.run(url + ["upgrade", "head", "--phase", "pre"], in: project.path)
                #expect(pre.status == .exited(0), "\(pre.standardError)")
                let legacy = try MigrateExecutable.run(
                    url + ["diff", database.connectionString, "schema.sql"],
                    in: project.path
                )
                #expect(legacy.standardOutput.contains("DROP COLUMN \"legacy\""), "\(legacy.standardOutput)")
                // The new release inserts without the column it no longer knows.
                let connection = try database.connect()
                defer { connection.close() }
                try connection.execute("INSERT INTO accounts (id, email) VALUES (3, 'c@example.com')")
                let post = try MigrateExecutable.run(url + ["upgrade", "head"], in: project.path)
                #expect(post.status == .exited(0), "\(post.standardError)")
                let converged = try MigrateExecutable.run(
                    url + ["diff", database.connectionString, "schema.sql"],
                    in: project.path
                )
                #expect(converged.standardOutput.contains("no differences"), "\(converged.standardOutput)")

                // A dropped NOT NULL column without a default comes back empty: only empty tables take it.
                try connection.execute("DELETE FROM orders; DELETE FROM accounts")
                let down = try MigrateExecutable.run(url + ["downgrade", "aaaaaaaaaaaa"], in: project.path)
                #expect(down.status == .exited(0), "\(down.standardError)")
                let back = try MigrateExecutable.run(
                    url + ["diff", database.connectionString, "migrations@aaaaaaaaaaaa"],
                    in: project.path
                )
                #expect(back.standardOutput.contains("no differences"), "\(back.standardOutput)\n\(back.standardError)")
            }
        }
    }

    /// A new enum label the change uses goes into a non-transactional parent revision; the change stays one
    /// transaction, so its failure rolls back all of it and leaves only the labels.
    @Test func enumLabelsUsedByTheChangeComeFirstInARevisionOfTheirOwn() throws {
        try MigrateProject.with { project in
            try Self.writeProject(
                project.directory,
                baseUp: """
                    CREATE TYPE mood AS ENUM ('happy', 'sad');
                    CREATE TABLE t (id int PRIMARY KEY, n int);
                    """,
                baseDown: """
                    DROP TABLE t;
                    DROP TYPE mood;
                    """
            )
            try project.directory.write(
                "schema.sql",
                """
                CREATE TYPE mood AS ENUM ('happy', 'meh', 'sad');
                CREATE TABLE t (id int PRIMARY KEY, n int CHECK (n > 0), m mood DEFAULT 'meh', extra text);

                """
            )
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            let written = try project.migrate("revision", "--autogenerate", "--no-safe", "-m", "moods")
            #expect(written.status == .exited(0), "\(written.standardError)")
            let paths = written.standardOutput.split(separator: "\n").map(String.init)
            try #require(paths.count == 2, "\(written.standardOutput)")
            #expect(
                written.standardError.contains(
                    "wrote 2 revisions, each the parent of the next: add enum values; the change"
                )
            )
            let labels = try String(contentsOfFile: paths[0], encoding: .utf8)
            let change = try String(contentsOfFile: paths[1], encoding: .utf8)
            #expect(labels.contains("ALTER TYPE \"public\".\"mood\" ADD VALUE 'meh'"))
            #expect(labels.contains("-- migrate:transaction false"))
            #expect(!change.contains("ADD VALUE") && !change.contains("-- migrate:transaction false"))
            #expect(!written.standardError.contains("must run outside a transaction"))

            // A row the new CHECK refuses: the change fails and leaves nothing of itself behind.
            _ = try project.rows("INSERT INTO t VALUES (1, -1)")
            let failed = try project.migrate("upgrade", "head")
            #expect(failed.status != .exited(0))
            #expect(
                try project.scalar(
                    "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype"
                ) == "happy,meh,sad"
            )
            #expect(
                try project.scalar(
                    "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname IN ('m', 'extra')"
                ) == "0"
            )
            #expect(
                try project.scalar(
                    "SELECT count(*) FROM pg_constraint WHERE conrelid = 't'::regclass AND contype = 'c'"
                ) == "0"
            )

            _ = try project.rows("UPDATE t SET n = 1")
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            #expect(try project.scalar("SELECT m::text FROM t") == "meh")
        }
    }

    /// The possible-rename message appears once, and the option it prints, pasted back (shell quoting undone),
    /// turns the drop and add into a rename, quoted names included.
    @Test func thePrintedRenameOptionWorksAsPrinted() throws {
        try MigrateProject.with { project in
            try project.directory.write("a.sql", "CREATE TABLE \"Order Lines\" (id int PRIMARY KEY, \"Qty's\" int);\n")
            try project.directory.write(
                "b.sql",
                "CREATE TABLE \"Order Lines\" (id int PRIMARY KEY, \"quantity.v2\" int);\n"
            )
            let plain = try project.migrate("diff", "a.sql", "b.sql")
            #expect(plain.status == .exited(0), "\(plain.standardError)")
            let lines = plain.standardError.split(separator: "\n").filter { $0.contains("possible rename") }
            try #require(lines.count == 1, "\(plain.standardError)")
            let printed = try #require(lines[0].range(of: "pass --rename ")).upperBound
            var option = String(lines[0][printed...])
            // Undo POSIX single quoting: '...' with '\'' for a quote.
            if option.hasPrefix("'") && option.hasSuffix("'") {
                option = String(option.dropFirst().dropLast()).replacing("'\\''", with: "'")
            }
            let renamed = try project.migrate("diff", "a.sql", "b.sql", "--rename", option)
            #expect(renamed.status == .exited(0), "\(renamed.standardError)")
            #expect(
                renamed.standardOutput.contains("RENAME COLUMN \"Qty's\" TO \"quantity.v2\""),
                "\(option)\n\(renamed.standardOutput)\n\(renamed.standardError)"
            )
            #expect(!renamed.standardError.contains("possible rename"))
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
