import MigrateTestSupport
import Testing

/// `migrate import` from real SQLite files into a real PostgreSQL: conversions per value, failures that name the
/// row, all-or-nothing tables, resuming, foreign-key order and cycles, sequences, verification.
@Suite struct ImportCommandTests {
    static let typedTable = GeneratedRevision(
        "imp1",
        up: """
            CREATE TABLE items (
                id uuid PRIMARY KEY,
                n bigint,
                ratio double precision,
                price numeric(10, 2),
                active boolean NOT NULL,
                created_at timestamptz,
                payload jsonb,
                tags text[],
                note varchar(10),
                raw bytea
            );
            """,
        down: "DROP TABLE items;"
    )

    static let itemColumns = ["id", "n", "ratio", "price", "active", "created_at", "payload", "tags", "note", "raw"]

    /// Rows with every storage class SQLite allows in the untyped columns.
    static let itemRows: [[SQLiteFixture.Value]] = [
        [
            .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), .integer(1), .real(0.5), .text("10.25"), .integer(1),
            .text("2024-03-05 14:07:09"), .text("{\"k\": [1, 2]}"), .text("[\"x\", \"y\"]"), .text("héllo"),
            .blob([0, 1, 2]),
        ],
        [
            .text("{B0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}"), .text("22"), .integer(3), .real(1.5), .text("false"),
            .text("2024-03-05T14:07:09.250+02:00"), .text("[]"), .null, .text("tab\tnl\n"), .text("bytes"),
        ],
        [
            .blob(Array(0..<16)), .null, .null, .null, .text("YES"), .integer(1_700_000_000_000), .null, .null,
            .null, .null,
        ],
    ]

    static func writeItems(_ path: String, rows: [[SQLiteFixture.Value]] = itemRows) throws {
        try SQLiteFixture.create(
            path,
            """
            CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER, ratio REAL, price NUMERIC, active BOOLEAN,
                created_at DATETIME, payload JSON, tags TEXT, note VARCHAR(10), raw BLOB);
            """
        )
        try SQLiteFixture.insert(path, into: "items", columns: itemColumns, rows: rows)
    }

    @Test func importsEveryConversionAndVerifiesFull() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.typedTable)
            let file = project.directory.path + "/app.db"
            try Self.writeItems(file)

            let dryRun = try project.migrate("import", file, "--dry-run")
            #expect(dryRun.status == .exited(0), "\(dryRun.combinedOutput)")
            #expect(dryRun.standardOutput.contains("items -> public.items  (3 rows, key id)"))
            #expect(
                dryRun.outputLines.contains {
                    $0.contains("created_at") && $0.contains("DATETIME") && $0.contains("timestamp with time zone")
                        && $0.contains("Unix epoch")
                }
            )
            #expect(try project.scalar("SELECT count(*) FROM items") == "0")

            let result = try project.migrate("import", "sqlite://" + file, "--verify", "full")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            #expect(result.standardOutput.contains("items"))
            #expect(result.standardOutput.contains("full"))

            let rows = try project.rows(
                """
                SELECT id::text, n, ratio, price, active, created_at AT TIME ZONE 'UTC', payload::text, tags::text,
                       note, encode(raw, 'hex')
                FROM items ORDER BY id
                """
            )
            #expect(rows.count == 3)
            #expect(
                rows[0] == [
                    "00010203-0405-0607-0809-0a0b0c0d0e0f", nil, nil, nil, "t", "2023-11-14 22:13:20", nil, nil, nil,
                    nil,
                ]
            )
            #expect(
                rows[1] == [
                    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "1", "0.5", "10.25", "t", "2024-03-05 14:07:09",
                    "{\"k\": [1, 2]}", "{x,y}", "héllo", "000102",
                ]
            )
            #expect(
                rows[2] == [
                    "b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12", "22", "3", "1.50", "f", "2024-03-05 12:07:09.25", "[]", nil,
                    "tab\tnl\n", "6279746573",
                ]
            )

            let json = try JSONValue.parse(try project.migrate("import", file, "--verify-only", "--verify", "full", "--json").standardOutput)
            #expect(json.array.first?["table"].string == "items")
            #expect(json.array.first?["verified"].string == "full")
        }
    }

    /// A table whose every column has a binary COPY form goes in binary: each type's encoding, read back.
    @Test func binaryCopyOfEveryTypeWithABinaryForm() throws {
        try MigrateProject.with { project in
            try project.upgrade(
                with: GeneratedRevision(
                    "imp1",
                    up: """
                        CREATE TABLE b (id uuid PRIMARY KEY, s smallint, i integer, n bigint, r real, d double precision,
                            ok boolean, at timestamptz, local timestamp, day date, clock time, j json, jb jsonb,
                            raw bytea, name varchar(5));
                        """,
                    down: "DROP TABLE b;"
                )
            )
            let file = try project.sqliteFile(
                "b.db",
                "CREATE TABLE b (id, s, i, n, r, d, ok, at, local, day, clock, j, jb, raw, name);"
            )
            let columns = ["id", "s", "i", "n", "r", "d", "ok", "at", "local", "day", "clock", "j", "jb", "raw", "name"]
            try SQLiteFixture.insert(
                file,
                into: "b",
                columns: columns,
                rows: [
                    [
                        .blob(Array(0..<16)), .integer(-32768), .text("2147483647"), .integer(Int64.min), .real(0.1),
                        .text("-1.5e300"), .text("yes"), .text("1969-12-31T23:59:59.999999Z"), .text("2000-01-01"),
                        .text("1899-12-31"), .text("23:59:59.5"), .text("{\"b\": 1, \"a\": 2}"), .text("[true]"),
                        .blob([0, 0xFF]), .text("ünï"),
                    ],
                    [
                        .text("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), .null, .null, .null, .null, .null, .integer(0),
                        .text("infinity"), .integer(1_700_000_000), .text("-infinity"), .null, .null, .null, .null, .null,
                    ],
                ]
            )
            let result = try project.migrate("import", file, "--verify", "full")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            let rows = try project.rows(
                """
                SELECT id::text, s::text, i::text, n::text, r::text, d::text, ok::text, (at AT TIME ZONE 'UTC')::text,
                       local::text, day::text, clock::text, j::text, jb::text, encode(raw, 'hex'), name
                FROM b ORDER BY id
                """
            )
            #expect(
                rows == [
                    [
                        "00010203-0405-0607-0809-0a0b0c0d0e0f", "-32768", "2147483647", "-9223372036854775808", "0.1",
                        "-1.5e+300", "true", "1969-12-31 23:59:59.999999", "2000-01-01 00:00:00", "1899-12-31",
                        "23:59:59.5", "{\"b\": 1, \"a\": 2}", "[true]", "00ff", "ünï",
                    ],
                    [
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", nil, nil, nil, nil, nil, "false", "infinity",
                        "2023-11-14 22:13:20", "-infinity", nil, nil, nil, nil, nil,
                    ],
                ]
            )
        }
    }

    /// A later change in PostgreSQL is found by a verification: by count, or by value with the row and column.
    @Test func verifyOnlyFindsWhatChangedSinceTheImport() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.typedTable)
            let file = project.directory.path + "/app.db"
            try Self.writeItems(file)
            #expect(try project.migrate("import", file).status == .exited(0))
            #expect(try project.migrate("import", file, "--verify-only", "--verify", "full").status == .exited(0))

            _ = try project.rows("UPDATE items SET created_at = created_at + interval '1 second' WHERE n = 22")
            let changed = try project.migrate("import", file, "--verify-only", "--verify", "full")
            #expect(changed.status == .exited(4), "\(changed.combinedOutput)")
            #expect(changed.standardError.contains("items, row id=b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12, column created_at"))
            // Counts do not see a changed value.
            #expect(try project.migrate("import", file, "--verify-only").status == .exited(0))

            _ = try project.rows("DELETE FROM items WHERE n = 1")
            let missing = try project.migrate("import", file, "--verify-only")
            #expect(missing.status == .exited(4), "\(missing.combinedOutput)")
            #expect(missing.standardError.contains("items: 2 rows in PostgreSQL, 3 in the source"))
        }
    }

    @Test func aBadValueNamesTableRowColumnAndValueAndLoadsNothingOfThatTable() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.typedTable)
            let file = project.directory.path + "/app.db"
            var rows = Self.itemRows
            rows[1][5] = .text("next tuesday")
            try Self.writeItems(file, rows: rows)

            let result = try project.migrate("import", file)
            #expect(result.status == .exited(1), "\(result.combinedOutput)")
            #expect(result.standardError.contains("table items"))
            #expect(result.standardError.contains("row id='{B0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}'"))
            #expect(result.standardError.contains("column created_at"))
            #expect(result.standardError.contains("'next tuesday'"))
            #expect(result.standardError.contains("a timestamp"))
            #expect(try project.scalar("SELECT count(*) FROM items") == "0")
            let status = try project.migrate("import", file, "--status")
            #expect(status.standardOutput.contains("failed"), "\(status.combinedOutput)")
        }
    }

    /// A value PostgreSQL itself refuses (an enum label, a CHECK) is traced back to the source row's key.
    @Test func aValueThePostgreSQLRefusesNamesTheSourceRow() throws {
        try MigrateProject.with { project in
            try project.upgrade(
                with: GeneratedRevision(
                    "imp1",
                    up: "CREATE TYPE mood AS ENUM ('sad', 'ok'); "
                        + "CREATE TABLE people (id integer PRIMARY KEY, feeling mood, age integer CHECK (age >= 0));",
                    down: "DROP TABLE people; DROP TYPE mood;"
                )
            )
            let file = try project.sqliteFile(
                "p.db",
                "CREATE TABLE people (id INTEGER PRIMARY KEY, feeling TEXT, age INTEGER); "
                    + "INSERT INTO people VALUES (1, 'ok', 3), (7, 'elated', 4), (9, 'sad', 5);"
            )
            let result = try project.migrate("import", file)
            #expect(result.status == .exited(1), "\(result.combinedOutput)")
            #expect(result.standardError.contains("invalid input value for enum mood: \"elated\""))
            #expect(result.standardError.contains("SQLSTATE 22P02"))
            #expect(result.standardError.contains("source row: people id=7"), "\(result.standardError)")
            #expect(try project.scalar("SELECT count(*) FROM people") == "0")
        }
    }

    @Test func aSourceColumnWithoutTargetStopsBeforeAnyRowMoves() throws {
        try MigrateProject.with { project in
            try project.upgrade(
                with: GeneratedRevision(
                    "imp1",
                    up: "CREATE TABLE a (id integer PRIMARY KEY); CREATE TABLE b (id integer PRIMARY KEY, must text NOT NULL);",
                    down: "DROP TABLE b; DROP TABLE a;"
                )
            )
            let file = try project.sqliteFile(
                "app.db",
                "CREATE TABLE a (id INTEGER PRIMARY KEY, extra TEXT); CREATE TABLE b (id INTEGER PRIMARY KEY); "
                    + "INSERT INTO a VALUES (1, 'x'); INSERT INTO b VALUES (1);"
            )
            let result = try project.migrate("import", file)
            #expect(result.status == .exited(2), "\(result.combinedOutput)")
            #expect(result.standardError.contains("source column a.extra has no column in a"))
            #expect(result.standardError.contains("b.must is NOT NULL without a default"))
            #expect(try project.scalar("SELECT count(*) FROM a") == "0")

            let dryRun = try project.migrate("import", file, "--dry-run", "--tables", "b")
            #expect(dryRun.status == .exited(2))
        }
    }

    static let cycle = GeneratedRevision(
        "imp1",
        up: """
            CREATE TABLE "Team Members" (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text,
                team_id bigint);
            CREATE TABLE teams (id bigserial PRIMARY KEY, lead_id bigint REFERENCES "Team Members" (id));
            ALTER TABLE "Team Members" ADD FOREIGN KEY (team_id) REFERENCES teams (id);
            CREATE TABLE badges (id integer PRIMARY KEY, member_id bigint NOT NULL REFERENCES "Team Members" (id));
            """,
        down: "DROP TABLE badges; ALTER TABLE \"Team Members\" DROP CONSTRAINT \"Team Members_team_id_fkey\"; DROP TABLE teams; DROP TABLE \"Team Members\";"
    )

    static func writeCycle(_ path: String, badgeMember: Int64 = 2) throws {
        try SQLiteFixture.create(
            path,
            """
            CREATE TABLE "team members" (id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER REFERENCES teams(id));
            CREATE TABLE teams (id INTEGER PRIMARY KEY, lead_id INTEGER REFERENCES "team members"(id));
            CREATE TABLE badges (id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES "team members"(id));
            INSERT INTO teams VALUES (10, 2);
            INSERT INTO "team members" VALUES (1, 'Zoë "Z" O''Neil', 10), (2, 'Bo', NULL);
            INSERT INTO badges VALUES (100, \(badgeMember));
            """
        )
    }

    @Test func loadsCyclesAndParentsFirstAndMovesSequences() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.cycle)
            let file = project.directory.path + "/app.db"
            try Self.writeCycle(file)
            let result = try project.migrate("import", file, "--verify", "full")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            #expect(try project.scalar("SELECT name FROM \"Team Members\" WHERE id = 1") == "Zoë \"Z\" O'Neil")
            #expect(try project.scalar("SELECT count(*) FROM badges") == "1")
            // The constraints dropped for the cycle are back.
            #expect(try project.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'") == "3")
            #expect(try project.scalar("INSERT INTO teams DEFAULT VALUES RETURNING id") == "11")
            #expect(try project.scalar("INSERT INTO \"Team Members\" (name) VALUES ('new') RETURNING id") == "3")
        }
    }

    @Test func refusesFilledTablesUnlessTruncateAndResumesAfterAFailure() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.cycle)
            let file = project.directory.path + "/app.db"
            // badges references a member that does not exist: its load fails, the others commit.
            try Self.writeCycle(file, badgeMember: 99)
            let first = try project.migrate("import", file, "--keep-going")
            #expect(first.status == .exited(1), "\(first.combinedOutput)")
            #expect(first.standardError.contains("badges"))
            #expect(try project.scalar("SELECT count(*) FROM teams") == "1")
            #expect(try project.scalar("SELECT count(*) FROM badges") == "0")

            // The same file again: the finished tables are skipped, badges fails again.
            let again = try project.migrate("import", file)
            #expect(again.status == .exited(1))
            #expect(again.standardError.contains("already imported from this file"))

            // The file fixed (a new file as far as the ledger knows): filled tables are refused...
            try SQLiteFixture.create(file, "UPDATE badges SET member_id = 2;")
            let refused = try project.migrate("import", file)
            #expect(refused.status == .exited(2), "\(refused.combinedOutput)")
            #expect(refused.standardError.contains("Team Members, teams already have rows"))
            // ...unless --truncate.
            let truncated = try project.migrate("import", file, "--truncate", "--verify", "full")
            #expect(truncated.status == .exited(0), "\(truncated.combinedOutput)")
            #expect(truncated.standardError.contains("emptied"))
            #expect(try project.scalar("SELECT member_id FROM badges") == "2")
        }
    }

    @Test func jobsLoadIndependentTablesAtOnce() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.cycle)
            let file = project.directory.path + "/app.db"
            try Self.writeCycle(file)
            let result = try project.migrate("import", file, "--jobs", "3", "--verify", "full", "--json")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            let json = try JSONValue.parse(result.standardOutput)
            #expect(Set(json.array.map { $0["table"].string }) == ["Team Members", "teams", "badges"])
        }
    }
}
