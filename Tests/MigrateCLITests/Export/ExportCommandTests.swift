import MigrateTestSupport
import SQLiteClient
import SystemProcess
import Testing

import LibC

/// `migrate export` from a real PostgreSQL into real SQLite files: the type spellings, keys and constraints,
/// hostile names, `--like` spellings, refusing an existing file, and no half-written file after a failure or
/// an interrupt.
@Suite struct ExportCommandTests {
    /// Every row of an SQLite query, each value as `typeof:value` (`null` for NULL).
    static func typed(_ path: String, _ sql: String) throws -> [[String]] {
        let database = try SQLiteDatabase(path: path, mode: .readOnly)
        let statement = try database.prepare(sql)
        var rows: [[String]] = []
        while try statement.step() {
            rows.append(
                (0..<statement.columnCount).map { index in
                    switch statement.storageClass(index) {
                    case .null: "null"
                    case .integer: "integer:\(statement.int64(index))"
                    case .real: "real:\(statement.double(index))"
                    case .text: "text:\(statement.text(index))"
                    case .blob: "blob:\(statement.bytes(index).map { String($0) }.joined(separator: ","))"
                    }
                }
            )
        }
        return rows
    }

    static func rows(_ path: String, _ sql: String) throws -> [[String?]] {
        try SQLiteDatabase(path: path, mode: .readOnly).rows(sql)
    }

    /// Files in a directory other than `.` and `..`.
    static func files(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static let everyType = GeneratedRevision(
        "exp1",
        up: """
            CREATE TABLE items (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                s smallint, i integer NOT NULL DEFAULT 7, b bigint,
                r real, d double precision,
                n numeric, n2 numeric(10, 2), n0 numeric(12, 0),
                flag boolean DEFAULT true,
                ts timestamptz DEFAULT now(), t timestamp, dt date, tm time,
                u uuid, j json, jb jsonb DEFAULT '{}', raw bytea,
                tags text[] DEFAULT '{}', ints integer[],
                vc varchar(20) DEFAULT 'idle', ch char(3), iv interval, note text
            );
            INSERT INTO items (s, i, b, r, d, n, n2, n0, flag, ts, t, dt, tm, u, j, jb, raw, tags, ints, vc, ch, iv, note)
            VALUES
              (-3, 42, 9007199254740993, 0.1, 1e300, 123456789012345678901234.5678, 10.25, 123456789012, true,
               '2024-03-05 14:07:09.25+02', '2024-03-05 14:07:09', '2024-02-29', '23:59:59.5',
               'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"b": 1, "a": [1, 2.50]}', '{"k": "é\\n"}', '\\x00ff10',
               '{x,"y z",NULL}', '{1,2}', 'héllo 🙂', 'ab', '1 day 02:00:00', E'tab\\there\\nnewline \\\\ back'),
              (NULL, 0, NULL, 'NaN', '-Infinity', 'NaN', NULL, NULL, false, 'infinity', NULL, NULL, NULL,
               NULL, NULL, '1.50', '\\x', '{}', NULL, '', NULL, NULL, ''),
              (NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """,
        down: "DROP TABLE items;"
    )

    @Test func everyTypeItsSpellingAndAFullVerification() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.everyType)
            let file = project.directory.path + "/out.db"
            let result = try project.migrate("export", "sqlite://" + file, "--verify", "full", "--json")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            #expect(result.standardOutput.contains("\"verified\" : \"full\""), "\(result.standardOutput)")

            let tables = try Self.rows(file, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            #expect(tables.map { $0[0] } == ["items"])  // never schema_migrations
            let declared = try Self.rows(
                file,
                "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('items')"
            )
            let types = Dictionary(uniqueKeysWithValues: declared.map { ($0[0] ?? "", $0[1] ?? "") })
            #expect(
                types == [
                    "id": "INTEGER", "s": "INTEGER", "i": "INTEGER", "b": "INTEGER", "r": "REAL", "d": "REAL",
                    "n": "TEXT", "n2": "REAL", "n0": "INTEGER", "flag": "BOOLEAN", "ts": "DATETIME",
                    "t": "DATETIME", "dt": "DATE", "tm": "TIME", "u": "UUID", "j": "TEXT", "jb": "TEXT",
                    "raw": "BLOB", "tags": "TEXT", "ints": "TEXT", "vc": "VARCHAR(20)", "ch": "CHAR(3)",
                    "iv": "TEXT", "note": "TEXT",
                ]
            )
            let defaults = Dictionary(uniqueKeysWithValues: declared.map { ($0[0] ?? "", $0[3]) })
            #expect(defaults["i"] == "7")
            #expect(defaults["flag"] == "1")
            #expect(defaults["ts"] == "CURRENT_TIMESTAMP")
            #expect(defaults["jb"] == "'{}'")
            #expect(defaults["tags"] == "'[]'")
            #expect(defaults["vc"] == "'idle'")
            // The identity key is the rowid.
            #expect(try Self.rows(file, "SELECT count(*) FROM items WHERE rowid = id") == [["3"]])

            let rows = try Self.typed(file, "SELECT * FROM items ORDER BY id")
            try #require(rows.count == 3)
            #expect(
                rows[0] == [
                    "integer:1", "integer:-3", "integer:42", "integer:9007199254740993", "real:0.1",
                    "real:1e+300", "text:123456789012345678901234.5678", "real:10.25", "integer:123456789012",
                    "integer:1", "text:2024-03-05 12:07:09.25", "text:2024-03-05 14:07:09", "text:2024-02-29",
                    "text:23:59:59.5", "text:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "text:{\"b\": 1, \"a\": [1, 2.50]}",
                    "text:{\"k\": \"é\\n\"}", "blob:0,255,16", "text:[\"x\",\"y z\",null]", "text:[1,2]",
                    "text:héllo 🙂", "text:ab ", "text:1 day 02:00:00", "text:tab\there\nnewline \\ back",
                ]
            )
            #expect(
                rows[1] == [
                    "integer:2", "null", "integer:0", "null", "text:NaN", "real:-inf", "text:NaN", "null", "null",
                    "integer:0", "text:infinity", "null", "null", "null", "null", "null", "text:1.50", "blob:",
                    "text:[]", "null", "text:", "null", "null", "text:",
                ]
            )
            #expect(rows[2].filter { $0 != "null" } == ["integer:3", "integer:1"])
        }
    }

    static let relations = GeneratedRevision(
        "exp1",
        up: """
            CREATE TABLE "Wéird ""T"" name" ("Mixed Case" integer PRIMARY KEY, "quote""col" text UNIQUE,
                "sp ace" jsonb);
            CREATE TABLE pairs (a text, b integer, note text, PRIMARY KEY (a, b));
            CREATE TABLE nodes (id bigserial PRIMARY KEY, parent_id bigint REFERENCES nodes ON DELETE CASCADE,
                a text, b integer, label text NOT NULL CONSTRAINT label_not_empty CHECK (label <> ''),
                FOREIGN KEY (a, b) REFERENCES pairs ON DELETE SET NULL ON UPDATE CASCADE);
            CREATE INDEX nodes_label ON nodes (label DESC, a);
            CREATE UNIQUE INDEX nodes_lower ON nodes (lower(label));
            CREATE TABLE left_side (id integer PRIMARY KEY, right_id integer);
            CREATE TABLE right_side (id integer PRIMARY KEY, left_id integer REFERENCES left_side
                DEFERRABLE INITIALLY DEFERRED);
            ALTER TABLE left_side ADD FOREIGN KEY (right_id) REFERENCES right_side DEFERRABLE INITIALLY DEFERRED;
            INSERT INTO "Wéird ""T"" name" VALUES (1, 'x"y', '{"ü": null}'), (2, NULL, NULL);
            INSERT INTO pairs VALUES ('x', 1, NULL), ('é', 2, 'two');
            INSERT INTO nodes (parent_id, a, b, label) VALUES (NULL, 'x', 1, 'root'), (1, 'é', 2, 'child'),
                (2, NULL, NULL, 'leaf');
            CREATE TABLE measures (at date NOT NULL, value integer) PARTITION BY RANGE (at);
            CREATE TABLE measures_2024 PARTITION OF measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE measures_2025 PARTITION OF measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            INSERT INTO measures VALUES ('2024-06-01', 1), ('2025-06-01', 2);
            INSERT INTO left_side VALUES (1, 10);
            INSERT INTO right_side VALUES (10, 1);
            """,
        down: "DROP TABLE nodes, pairs, left_side, right_side, measures, \"Wéird \"\"T\"\" name\";"
    )

    @Test func hostileNamesCompositeKeysSelfAndCyclicForeignKeys() throws {
        try MigrateProject.with { project in
            try project.write([Self.relations])
            let upgraded = try project.migrate("upgrade", "head")
            #expect(upgraded.status == .exited(0), "\(upgraded.combinedOutput)")
            let file = project.directory.path + "/relations.sqlite"
            let result = try project.migrate("export", file, "--verify", "full")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            // The expression index is named, not dropped silently.
            #expect(result.standardError.contains("nodes: index nodes_lower left out, an index on expressions"))
            #expect(result.standardError.contains("nodes: constraint label_not_empty left out (PostgreSQL SQL): CHECK"))

            #expect(
                try Self.rows(file, "SELECT \"quote\"\"col\" FROM \"Wéird \"\"T\"\" name\" ORDER BY 1") == [
                    [nil], ["x\"y"],
                ]
            )
            #expect(try Self.rows(file, "SELECT count(*) FROM pairs") == [["2"]])
            // A partitioned table is one table, holding its partitions' rows.
            #expect(try Self.rows(file, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'measures%'") == [["1"]])
            #expect(
                try Self.rows(file, "SELECT at, value FROM measures ORDER BY at") == [
                    ["2024-06-01", "1"], ["2025-06-01", "2"],
                ]
            )
            let pairKey = try Self.rows(
                file,
                "SELECT name, pk FROM pragma_table_info('pairs') WHERE pk > 0 ORDER BY pk"
            )
            #expect(pairKey == [["a", "1"], ["b", "2"]])
            let keys = try Self.rows(
                file,
                "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('nodes') ORDER BY id, seq"
            )
            #expect(
                Set(keys.map { $0.map { $0 ?? "" }.joined(separator: " ") })
                    == [
                        "nodes parent_id id NO ACTION CASCADE", "pairs a a CASCADE SET NULL",
                        "pairs b b CASCADE SET NULL",
                    ]
            )
            #expect(try Self.rows(file, "SELECT count(*) FROM pragma_foreign_key_list('left_side')") == [["1"]])
            #expect(try Self.rows(file, "SELECT count(*) FROM pragma_foreign_key_list('right_side')") == [["1"]])
            let indexed = try Self.rows(file, "SELECT name, desc FROM pragma_index_xinfo('nodes_label') WHERE key = 1")
            #expect(indexed == [["label", "1"], ["a", "0"]])
            let unique = try Self.rows(
                file,
                "SELECT count(*) FROM pragma_index_list('Wéird \"T\" name') WHERE \"unique\" = 1"
            )
            #expect(unique == [["1"]])
            #expect(try Self.rows(file, "PRAGMA foreign_key_check") == [])
            // The foreign keys work in the file: deleting the root cascades to its children.
            let database = try SQLiteDatabase(path: file, mode: .readWriteCreate)
            try database.execute("PRAGMA foreign_keys = ON; DELETE FROM nodes WHERE id = 1")
            #expect(try database.rows("SELECT count(*) FROM nodes") == [["0"]])
        }
    }

    @Test func anExistingFileIsKeptWithoutForceAndReplacedWithIt() throws {
        try MigrateProject.with { project in
            try project.upgrade(
                with: GeneratedRevision("exp1", up: "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);")
            )
            let file = try project.sqliteFile("app.db", "CREATE TABLE old (x); INSERT INTO old VALUES ('keep me');")

            let refused = try project.migrate("export", file)
            #expect(refused.status == .exited(2), "\(refused.combinedOutput)")
            #expect(refused.standardError.contains("app.db exists; nothing was written"))
            #expect(refused.standardError.contains("--force"))
            #expect(try Self.rows(file, "SELECT x FROM old") == [["keep me"]])

            let replaced = try project.migrate("export", file, "--force")
            #expect(replaced.status == .exited(0), "\(replaced.combinedOutput)")
            #expect(try Self.rows(file, "SELECT name FROM sqlite_schema") == [["t"]])
            #expect(Self.files(in: project.directory.path).filter { $0.hasPrefix(".app.db") } == [])
        }
    }

    @Test func aFailureMidWayLeavesTheOldFileAndNoTemporaryFile() throws {
        try MigrateProject.with { project in
            try project.upgrade(
                with: GeneratedRevision(
                    "exp1",
                    up: """
                        CREATE TABLE a_first (id int PRIMARY KEY);
                        INSERT INTO a_first SELECT generate_series(1, 1000);
                        CREATE TABLE events (id int PRIMARY KEY, seen_at timestamptz);
                        INSERT INTO events VALUES (1, '2024-01-01 00:00:00+00'), (2, 'infinity');
                        """
                )
            )
            let like = try project.sqliteFile(
                "phase1.db",
                """
                CREATE TABLE a_first (id INTEGER PRIMARY KEY);
                CREATE TABLE events (id INTEGER PRIMARY KEY, seen_at INTEGER);
                INSERT INTO events VALUES (1, 1700000000);
                """
            )
            let file = try project.sqliteFile("app.db", "CREATE TABLE old (x); INSERT INTO old VALUES ('keep me');")
            let failed = try project.migrate("export", file, "--like", like, "--force")
            #expect(failed.status == .exited(1), "\(failed.combinedOutput)")
            #expect(
                failed.standardError.contains(
                    "events, row id=2, column seen_at: the value infinity cannot be written as Unix epoch seconds"
                ),
                "\(failed.standardError)"
            )
            #expect(try Self.rows(file, "SELECT x FROM old") == [["keep me"]])
            #expect(Self.files(in: project.directory.path).filter { $0.hasPrefix(".") } == [])
        }
    }

    @Test func interruptedItExits130AndLeavesNoFile() throws {
        try MigrateProject.with { project in
            try project.upgrade(
                with: GeneratedRevision(
                    "exp1",
                    up: """
                        CREATE TABLE big (id bigint PRIMARY KEY, note text, at timestamptz);
                        INSERT INTO big SELECT i, repeat('x', 100), now() FROM generate_series(1, 3000000) AS i;
                        """
                )
            )
            let directory = project.directory.path + "/out"
            mkdir(directory, 0o755)
            let process = try MigrateExecutable.start(
                ["export", directory + "/big.db"],
                in: project.directory,
                database: project.database
            )
            var temporary: [String] = []
            for _ in 0..<600 where temporary.isEmpty {
                temporary = Self.files(in: directory)
                if temporary.isEmpty { usleep(20_000) }
            }
            #expect(temporary.first?.hasPrefix(".big.db.migrate-export-") == true, "\(temporary)")
            usleep(200_000)  // into the rows
            process.signal(SIGINT)
            let output = process.waitForExit()
            #expect(output.status == .exited(130), "\(output.combinedOutput)")
            // The interrupt handler or the failing export itself (whichever runs first) removed the temporary file.
            #expect(output.standardError.contains("interrupted"), "\(output.standardError)")
            #expect(Self.files(in: directory) == [])
        }
    }

    /// The original layout, with one column of each spelling an app writes, and a trigger that must not fire on
    /// the exported rows.
    static let originalLayout = """
        PRAGMA user_version = 7;
        CREATE TABLE Events (
            ID TEXT PRIMARY KEY,
            created TEXT NOT NULL,
            updated DATETIME,
            seen_epoch INTEGER,
            seen_ms INTEGER,
            day TEXT,
            active TEXT,
            flag INTEGER,
            empty_when DATETIME,
            amount NUMERIC,
            touched INTEGER DEFAULT 0
        );
        CREATE TABLE audit (note TEXT);
        CREATE TRIGGER events_audit AFTER INSERT ON Events BEGIN INSERT INTO audit VALUES (NEW.ID); END;
        CREATE INDEX events_created ON Events (created);
        INSERT INTO Events VALUES ('{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', '2023-01-02 03:04:05',
            '2023-01-02T03:04:05.000Z', 1672628645, 1672628645000, '2023-01-02', 'true', 1, NULL, 1.5, 0);
        DELETE FROM audit;
        """

    static let typedEvents = GeneratedRevision(
        "exp1",
        up: """
            CREATE TABLE events (
                id uuid PRIMARY KEY, created timestamptz NOT NULL, updated timestamptz, seen_epoch timestamptz,
                seen_ms timestamptz, day date, active boolean, flag boolean, empty_when timestamptz, amount numeric,
                extra text
            );
            INSERT INTO events VALUES
              ('b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '2024-05-06 07:08:09+00', '2024-05-06 07:08:09.5+02',
               '2024-05-06 07:08:09+00', '2024-05-06 07:08:09.123+00', '2024-05-06', false, true,
               '2024-05-06 07:08:09+00', 2, 'x'),
              ('c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '2024-05-06 07:08:09.25+00', NULL, NULL, NULL, NULL, true,
               false, NULL, 2.75, NULL);
            """
    )

    @Test func likeWritesTheOriginalLayoutInItsSpellings() throws {
        try MigrateProject.with { project in
            try project.upgrade(with: Self.typedEvents)
            let like = try project.sqliteFile("original.db", Self.originalLayout)
            let file = project.directory.path + "/rollback.db"

            let misfit = try project.migrate("export", file, "--like", like)
            #expect(misfit.status == .exited(2), "\(misfit.combinedOutput)")
            #expect(
                misfit.standardError.contains("PostgreSQL column events.extra has no column in"),
                "\(misfit.standardError)"
            )
            #expect(access(file, F_OK) != 0)

            let result = try project.migrate(
                "export",
                file,
                "--like",
                "sqlite://" + like,
                "--exclude",
                "events.extra",
                "--verify",
                "full"
            )
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            let rows = try Self.typed(
                file,
                "SELECT ID, created, updated, seen_epoch, seen_ms, day, active, flag, empty_when, amount, touched "
                    + "FROM Events ORDER BY created"
            )
            #expect(
                rows == [
                    [
                        "text:{B0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}", "text:2024-05-06 07:08:09",
                        "text:2024-05-06T05:08:09.500Z", "integer:1714979289", "integer:1714979289123",
                        "text:2024-05-06", "text:false", "integer:1", "text:2024-05-06 07:08:09", "integer:2",
                        "integer:0",
                    ],
                    [
                        "text:{C0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A13}", "text:2024-05-06 07:08:09.25", "null", "null",
                        "null", "null", "text:true", "integer:0", "null", "real:2.75", "integer:0",
                    ],
                ]
            )
            // The original's own schema, trigger and index, created after the rows: the trigger did not fire.
            #expect(try Self.rows(file, "SELECT count(*) FROM audit") == [["0"]])
            #expect(
                try Self.rows(
                    file,
                    "SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite%' ORDER BY name"
                ) == [["events_audit"], ["events_created"]]
            )
            #expect(try Self.rows(file, "PRAGMA user_version") == [["7"]])
            let original = try Self.rows(like, "SELECT sql FROM sqlite_schema WHERE name = 'Events'")
            #expect(try Self.rows(file, "SELECT sql FROM sqlite_schema WHERE name = 'Events'") == original)
        }
    }
}
