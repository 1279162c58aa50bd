import MigrateTestSupport
import SQLiteClient
import SystemProcess
import Testing

import Foundation

/// The whole loop on real files and a real PostgreSQL: an app's SQLite (or DuckDB) file, `revision --from`,
/// `upgrade head`, `import`, then `export` back to SQLite, compared with the original row by row.
@Suite struct SourceRoundTripTests {
    /// Spellings an app writes and `export --like` writes back: text timestamps in SQLite's form and in ISO 8601
    /// with T and Z, Unix epoch seconds, upper-case UUIDs, 0/1 flags, JSON, blobs, reals, a column with no type,
    /// hostile names, WITHOUT ROWID and composite keys, self-referencing and cyclic foreign keys.
    static let original = """
        CREATE TABLE orgs (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(20) NOT NULL UNIQUE,
            created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, settings JSON, is_active INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE "Wéird ""T"" name" ("Id" INTEGER PRIMARY KEY, org_id INTEGER REFERENCES orgs(id),
            uid TEXT, seen_at TEXT, born DATE, epoch DATETIME, score REAL, price DECIMAL(10,2), data BLOB,
            anything, boss INTEGER REFERENCES "Wéird ""T"" name"("Id"), "quote""col" TEXT,
            CHECK (score >= 0));
        CREATE TABLE pairs (a TEXT, b INTEGER, note TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;
        CREATE TABLE cyc_a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES cyc_b(id));
        CREATE TABLE cyc_b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES cyc_a(id));
        INSERT INTO orgs (name, created, settings, is_active) VALUES
            ('acme', '2024-01-02 03:04:05', '{"x": 1, "list": [1, 2]}', 1),
            ('béta', '2024-02-29 23:59:59', NULL, 0),
            ('gamma', '1999-12-31 00:00:00', '[]', 1);
        INSERT INTO "Wéird ""T"" name" VALUES
            (1, 1, '3F2504E0-4F89-11D3-9A0C-0305E82C3301', '2024-03-05T14:07:09Z', '2020-01-02', 1700000000,
             1.5, 9.99, x'00ff10', 7, NULL, 'q"1'),
            (2, 2, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '2024-03-06T00:00:00Z', '2021-03-04', 1700000001,
             0.25, 12.5, NULL, 8, 1, NULL),
            (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, x'', NULL, 2, '🙂');
        INSERT INTO pairs VALUES ('x', 1, 'one'), ('é', 2, NULL), ('x', 2, '');
        INSERT INTO cyc_a VALUES (1, NULL), (2, NULL); INSERT INTO cyc_b VALUES (1, 1), (2, 2);
        UPDATE cyc_a SET b_id = id;
        """

    /// Every row of a table, each value as SQLite's `quote()` writes it (storage class and value), JSON parsed.
    static func rows(_ path: String, table: String, orderBy: String, jsonColumns: Set<String> = []) throws -> [[String]] {
        let database = try SQLiteDatabase(path: path, mode: .readOnly)
        let quotedTable = "\"" + table.replacing("\"", with: "\"\"") + "\""
        let columns = try database.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table]).map { $0[0] ?? "" }
        #expect(!columns.isEmpty)
        let list = columns.map { "quote(\"\($0.replacing("\"", with: "\"\""))\")" }.joined(separator: ", ")
        return try database.rows("SELECT \(list) FROM \(quotedTable) ORDER BY \(orderBy)").map { row in
            zip(columns, row).map { column, value in
                guard let value, jsonColumns.contains(column), value.hasPrefix("'") else { return value ?? "NULL" }
                let text = String(value.dropFirst().dropLast()).replacing("''", with: "'")
                guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
                    let normal = try? JSONSerialization.data(withJSONObject: parsed, options: [.sortedKeys, .fragmentsAllowed])
                else { return value }
                return "json:" + String(decoding: normal, as: UTF8.self)
            }
        }
    }

    @Test func sqliteToPostgreSQLAndBackComparesEqualRowByRow() throws {
        try MigrateProject.with { project in
            let original = try project.sqliteFile("app.db", Self.original)
            let written = try project.migrate("revision", "--from", original, "-m", "from sqlite")
            #expect(written.status == .exited(0), "\(written.combinedOutput)")
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            let imported = try project.migrate("import", original, "--verify", "full")
            #expect(imported.status == .exited(0), "\(imported.combinedOutput)")

            let back = project.directory.path + "/back.db"
            let exported = try project.migrate("export", "sqlite://" + back, "--like", original, "--verify", "full")
            #expect(exported.status == .exited(0), "\(exported.combinedOutput)")

            let tables: [(String, String, Set<String>)] = [
                ("orgs", "id", ["settings"]), ("Wéird \"T\" name", "\"Id\"", []), ("pairs", "a, b", []),
                ("cyc_a", "id", []), ("cyc_b", "id", []),
            ]
            for (table, key, json) in tables {
                let before = try Self.rows(original, table: table, orderBy: key, jsonColumns: json)
                let after = try Self.rows(back, table: table, orderBy: key, jsonColumns: json)
                #expect(!before.isEmpty)
                #expect(after == before, "\(table)")
            }
            // The original's own CREATE statements: the old app build opens the file as it is.
            let schema = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
            #expect(try SQLiteDatabase(path: back, mode: .readOnly).rows(schema) == SQLiteDatabase(path: original, mode: .readOnly).rows(schema))
        }
    }

    @Test func duckDBToPostgreSQLAndOutToSQLite() throws {
        let duckdb = try #require(ChildProcess.findExecutable("duckdb"), "the duckdb CLI (scripts/install-deps)")
        try MigrateProject.with { project in
            let file = try project.duckDBFile(
                "app.duckdb",
                """
                CREATE TABLE parents (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);
                CREATE TABLE events (id BIGINT PRIMARY KEY, parent_id INTEGER REFERENCES parents(id),
                    happened TIMESTAMP, day DATE, flag BOOLEAN, amount DECIMAL(12,3), ratio DOUBLE, u UUID,
                    tags VARCHAR[], note VARCHAR);
                INSERT INTO parents VALUES (1, 'one'), (2, 'twö');
                INSERT INTO events VALUES
                    (1, 1, '2024-01-02 03:04:05', '2024-01-02', true, 12.5, 0.5,
                     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', ['a', 'b c'], 'x'),
                    (2, 2, '2024-02-29 23:59:59.25', '2024-02-29', false, -1.125, 1e10, NULL, [], NULL),
                    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '');
                """,
                duckdb: duckdb
            )
            #expect(try project.migrate("revision", "--from", file, "-m", "from duckdb").status == .exited(0))
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            let imported = try project.migrate("import", file, "--verify", "full")
            #expect(imported.status == .exited(0), "\(imported.combinedOutput)")
            let out = project.directory.path + "/out.db"
            let exported = try project.migrate("export", "sqlite://" + out, "--verify", "full")
            #expect(exported.status == .exited(0), "\(exported.combinedOutput)")

            // DuckDB's rows, spelled the way the plain export documents them (timestamps with a fraction only when
            // it is not zero, numeric(12,3) as REAL, booleans as 0/1, uuid text, lists as JSON arrays).
            let expected = try ChildProcess.run(
                duckdb,
                [
                    "-readonly", "-list", "-noheader", "-separator", "|", file, "-c",
                    """
                    SELECT id, coalesce(CAST(parent_id AS VARCHAR), 'NULL'),
                        coalesce(regexp_replace(strftime(happened, '%Y-%m-%d %H:%M:%S.%f'), '\\.?0+$', ''), 'NULL'),
                        coalesce(CAST(day AS VARCHAR), 'NULL'), coalesce(CAST(CAST(flag AS INTEGER) AS VARCHAR), 'NULL'),
                        coalesce(CAST(CAST(amount AS DOUBLE) AS VARCHAR), 'NULL'), coalesce(CAST(ratio AS VARCHAR), 'NULL'),
                        coalesce(CAST(u AS VARCHAR), 'NULL'), coalesce(CAST(to_json(tags) AS VARCHAR), 'NULL'),
                        coalesce(note, 'NULL')
                    FROM events ORDER BY id
                    """,
                ]
            )
            #expect(expected.status == .exited(0), "\(expected.combinedOutput)")
            let exportedRows = try SQLiteDatabase(path: out, mode: .readOnly).rows(
                """
                SELECT id, coalesce(parent_id, 'NULL'), coalesce(happened, 'NULL'), coalesce(day, 'NULL'),
                    coalesce(flag, 'NULL'), coalesce(amount, 'NULL'), coalesce(ratio, 'NULL'), coalesce(u, 'NULL'),
                    coalesce(tags, 'NULL'), coalesce(note, 'NULL')
                FROM events ORDER BY id
                """
            ).map { $0.map { $0 ?? "" }.joined(separator: "|") }
            let expectedRows = expected.standardOutput.split(separator: "\n").map(String.init)
            #expect(expectedRows.count == 3)
            #expect(exportedRows == expectedRows)
            #expect(
                try SQLiteDatabase(path: out, mode: .readOnly).rows("SELECT id, name FROM parents ORDER BY id")
                    == [["1", "one"], ["2", "twö"]]
            )
        }
    }
}
