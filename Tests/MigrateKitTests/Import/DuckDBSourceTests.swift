import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

@testable import MigrateKit

/// Reading DuckDB files, made by the tests with the same `duckdb` program the reader uses (`scripts/install-deps`
/// installs it).
@Suite struct DuckDBSourceTests {
    // MARK: - Values

    /// Every scalar type becomes the documented ``SourceValue``, and a row of NULLs becomes NULLs everywhere.
    @Test func scalarTypesAndNulls() throws {
        try DuckDBFile.with(
            """
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            CREATE TABLE scalars(
                id INTEGER, b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT,
                ut UTINYINT, us USMALLINT, ui UINTEGER, ub UBIGINT, hi HUGEINT, uh UHUGEINT,
                de DECIMAL(18,3), de2 DECIMAL(38,10), f FLOAT, d DOUBLE, v VARCHAR, e mood, e2 ENUM('x', 'y'),
                bl BLOB, u UUID, da DATE, t TIME, ts TIMESTAMP, tsz TIMESTAMPTZ, tns TIMESTAMP_NS, iv INTERVAL,
                bt BIT, j JSON
            );
            SET TimeZone = 'America/New_York';
            INSERT INTO scalars VALUES (
                1, true, -128, -32768, -2147483648, -9223372036854775808,
                255, 65535, 4294967295, 18446744073709551615, -170141183460469231731687303715884105728,
                340282366920938463463374607431768211455,
                123.450, -1.0000000001, 0.1, 0.30000000000000004, 'x', 'happy', 'y',
                '\\x00\\xFFa'::BLOB, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '2024-02-29', '04:05:06.789',
                '2024-01-02 03:04:05.000001', '2024-01-02 03:04:05.5+02', '2024-01-02 03:04:05.123456789',
                INTERVAL '1 year 2 months 3 days 4 hours 5 minutes 6.789 seconds', '0101', '{"a": [1, 2]}'
            );
            INSERT INTO scalars VALUES (
                2, false, 127, 32767, 2147483647, 9223372036854775807, 0, 0, 0, 0, 0, 0, 0, 0,
                'nan', '-inf', '', 'sad', 'x', ''::BLOB, '00000000-0000-0000-0000-000000000000',
                '-0044-03-15', '00:00:00', '2024-06-01 12:00:00', '-0044-03-15 10:00:00+00', '2024-06-01 00:00:00',
                INTERVAL '-1 year -2 days -3 hours', '1', 'null'
            );
            INSERT INTO scalars (id) VALUES (3);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first { $0.name == "scalars" })
            let columns = table.columns.map(\.name)
            let rows = try readAll(source, table, columns: columns, orderBy: ["id"])
            try #require(rows.count == 3)
            let expected: [[SourceValue]] = [
                [
                    .integer(1), .integer(1), .integer(-128), .integer(-32768), .integer(-2_147_483_648),
                    .integer(Int64.min), .integer(255), .integer(65535), .integer(4_294_967_295),
                    .text("18446744073709551615"), .text("-170141183460469231731687303715884105728"),
                    .text("340282366920938463463374607431768211455"), .text("123.450"), .text("-1.0000000001"),
                    .real(0.1), .real(0.30000000000000004), .text("x"), .text("happy"), .text("y"),
                    .blob([0, 255, 97]), .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), .text("2024-02-29"),
                    .text("04:05:06.789"), .text("2024-01-02 03:04:05.000001"),
                    .text("2024-01-02 01:04:05.5+00:00"), .text("2024-01-02 03:04:05.123456789"),
                    .text("1 year 2 mons 3 days 04:05:06.789"), .text("0101"), .text(#"{"a": [1, 2]}"#),
                ],
                [
                    .integer(2), .integer(0), .integer(127), .integer(32767), .integer(2_147_483_647),
                    .integer(Int64.max), .integer(0), .integer(0), .integer(0), .text("0"), .text("0"), .text("0"),
                    .text("0.000"), .text("0.0000000000"), .real(.nan), .real(-.infinity), .text(""), .text("sad"),
                    .text("x"), .blob([]), .text("00000000-0000-0000-0000-000000000000"), .text("0045-03-15 BC"),
                    .text("00:00:00"), .text("2024-06-01 12:00:00"), .text("0045-03-15 10:00:00+00:00 BC"),
                    .text("2024-06-01 00:00:00"), .text("-1 years -2 days -03:00:00"), .text("1"), .text("null"),
                ],
                [.integer(3)] + Array(repeating: SourceValue.null, count: columns.count - 1),
            ]
            for (row, expectedRow) in zip(rows, expected) {
                for (index, (value, expectedValue)) in zip(row, expectedRow).enumerated() {
                    if case .real(let number) = expectedValue, number.isNaN {
                        guard case .real(let actual) = value, actual.isNaN else {
                            Issue.record("\(columns[index]): \(value), expected NaN")
                            continue
                        }
                    } else {
                        #expect(value == expectedValue, "column \(columns[index])")
                    }
                }
            }
        }
    }

    /// DuckDB's text for dates, times, instants and intervals is what PostgreSQL reads as the same values.
    @Test func dateTimeTextIsWhatPostgresReads() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE times(da DATE, t TIME, ts TIMESTAMP, tsz TIMESTAMPTZ, iv INTERVAL);
            INSERT INTO times VALUES
                ('2024-02-29', '04:05:06.789', '2024-01-02 03:04:05.000001', '2024-01-02 03:04:05.5+02',
                 INTERVAL '1 year 2 months 3 days 4 hours 5 minutes 6.789 seconds'),
                ('-0044-03-15', '23:59:59.999999', '-0044-03-15 10:00:00', '-0044-03-15 10:00:00+00',
                 INTERVAL '-1 year -2 days -3 hours'),
                ('infinity', '00:00:00', 'infinity', '-infinity', INTERVAL '1 month -100 hours -0.5 seconds');
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            let rows = try readAll(source, table, columns: ["da", "t", "ts", "tsz", "iv"], orderBy: [])
            let expected = [
                [
                    "2024-02-29", "04:05:06.789", "2024-01-02 03:04:05.000001", "2024-01-02 01:04:05.5+00",
                    "1 year 2 mons 3 days 04:05:06.789",
                ],
                [
                    "0045-03-15 BC", "23:59:59.999999", "0045-03-15 10:00:00 BC", "0045-03-15 10:00:00+00 BC",
                    "-1 years -2 days -03:00:00",
                ],
                ["infinity", "00:00:00", "infinity", "-infinity", "1 mon -100:00:00.5"],
            ]
            try TestDatabase.with { database in
                let connection = try database.connect()
                defer { connection.close() }
                try connection.execute("SET TimeZone = 'UTC'; SET IntervalStyle = 'postgres'")
                for (row, expectedRow) in zip(rows, expected) {
                    let texts = row.map { value -> String? in
                        if case .text(let text) = value { return text }
                        return nil
                    }
                    let result = try connection.query(
                        "SELECT $1::date::text, $2::time::text, $3::timestamp::text, $4::timestamptz::text, "
                            + "$5::interval::text",
                        texts
                    )
                    #expect((0..<5).map { result[0, $0] } == expectedRow)
                    // Intervals come as PostgreSQL prints them, so that a verification can compare the text.
                    #expect(texts[4] == expectedRow[4])
                }
            }
        }
    }

    /// Intervals, with every mix of signs, come as the text PostgreSQL prints for the same interval.
    @Test func intervalsAsPostgresPrintsThem() throws {
        let intervals = [
            "0 seconds", "-13 months", "45 days 36 hours", "1 day -1 microsecond", "-1 month 2 days",
            "1 year -1 month", "-2 days 3 hours", "1 microsecond", "-100 hours -0.5 seconds", "1 year",
            "-1 year", "2 years 1 month 1 day 00:00:01.000001", "178956970 years 7 months", "-1 day 1 hour",
        ]
        let values = intervals.enumerated().map { "(\($0), INTERVAL '\($1)')" }.joined(separator: ", ")
        try DuckDBFile.with("CREATE TABLE intervals(id INTEGER, iv INTERVAL); INSERT INTO intervals VALUES \(values);")
        {
            file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            let rows = try readAll(source, table, columns: ["iv"], orderBy: ["id"])
            try TestDatabase.with { database in
                let connection = try database.connect()
                defer { connection.close() }
                for (row, interval) in zip(rows, intervals) {
                    guard case .text(let text) = row[0] else {
                        Issue.record("\(interval): \(row[0])")
                        continue
                    }
                    let result = try connection.query(
                        "SELECT $1::interval::text, $1::interval = $2::interval",
                        [text, interval]
                    )
                    #expect(result[0, 0] == text, "\(interval)")
                    #expect(result[0, 1] == "t", "\(interval) read as \(text)")
                }
            }
        }
    }

    /// Instants come out in UTC whatever time zone the DuckDB session has (here Asia/Tokyo, from `TZ`).
    @Test func instantsInUTCWhateverTheSessionZone() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE instants(id INTEGER, "at" TIMESTAMPTZ);
            INSERT INTO instants VALUES (1, '2024-01-02 03:04:05.25+02'), (2, '2024-07-01 23:30:00-07');
            """
        ) { file in
            let wrapper = file.path + ".sh"
            let script = "#!/bin/sh\nTZ=Asia/Tokyo exec '\(try DuckDBSource.locateExecutable())' \"$@\"\n"
            _ = try ChildProcess.run(
                "sh",
                ["-c", "printf '%s' \"$1\" > \"$2\" && chmod +x \"$2\"", "sh", script, wrapper]
            )
            let zone = try ChildProcess.run(
                wrapper,
                ["-batch", "-no-init", "-csv", "-noheader", ":memory:"],
                input: "SELECT current_setting('TimeZone');"
            )
            #expect(zone.standardOutput == "Asia/Tokyo\n")

            let source = try DuckDBSource(path: file.path, executable: wrapper)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            #expect(
                try readAll(source, table, columns: ["at"], orderBy: ["id"]) == [
                    [.text("2024-01-02 01:04:05.25+00:00")], [.text("2024-07-02 06:30:00+00:00")],
                ]
            )
        }
    }

    /// Text comes back byte for byte, and NULL stays distinct from the empty string.
    @Test(arguments: [
        "", "line one\nline two", "tab\there", "back\\slash \\N \\\\", "\"double\" and 'single' quotes",
        "unicode: é 漢字 🎉 \u{200B}", "carriage\r\nreturn", "comma, and ; semicolon", "NULL", "\"", "\n",
        "  padded  ", "-- not a comment", ".quit",
    ])
    func textRoundTrips(text: String) throws {
        try DuckDBFile.with(
            """
            CREATE TABLE texts(id INTEGER, value VARCHAR);
            INSERT INTO texts VALUES (1, \(DuckDBFile.literal(text))), (2, NULL);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            let rows = try readAll(source, table, columns: ["value"], orderBy: ["id"])
            #expect(rows == [[.text(text)], [.null]])
        }
    }

    /// Blobs keep every byte, NUL included; an empty blob is not NULL.
    @Test func blobsKeepEveryByte() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE blobs(id INTEGER, data BLOB);
            INSERT INTO blobs VALUES (1, '\\x00\\x01abc\\x00'::BLOB), (2, from_hex('00FF10' || repeat('00', 1000))),
                (3, ''::BLOB), (4, NULL), (5, '\\x0A,\\x22'::BLOB);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            let rows = try readAll(source, table, columns: ["data"], orderBy: ["id"])
            #expect(
                rows == [
                    [.blob([0, 1, 97, 98, 99, 0])], [.blob([0, 255, 16] + Array(repeating: 0, count: 1000))],
                    [.blob([])], [.null], [.blob([10, 44, 34])],
                ]
            )
        }
    }

    /// LIST, fixed-size ARRAY, STRUCT, MAP and UNION values come as JSON text.
    @Test func nestedValuesAsJSON() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE nested(
                id INTEGER, l INTEGER[], a INTEGER[3], s STRUCT(a INTEGER, b VARCHAR), m MAP(VARCHAR, INTEGER),
                ls VARCHAR[], sl STRUCT(x DOUBLE)[], u UNION(n INTEGER, s VARCHAR)
            );
            INSERT INTO nested VALUES
                (1, [1, 2, NULL], [1, 2, 3], {'a': 1, 'b': 'q"\n'}, MAP {'k': 1, 'l': NULL}, ['a,b', NULL, ''],
                 [{'x': 1.5}], 5::UNION(n INTEGER, s VARCHAR)),
                (2, [], NULL, NULL, MAP {}, [], [], NULL);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            #expect(table.columns.map(\.declaredType).contains("STRUCT(a INTEGER, b VARCHAR)"))
            #expect(table.columns.map(\.declaredType).contains("MAP(VARCHAR, INTEGER)"))
            let rows = try readAll(
                source,
                table,
                columns: ["l", "a", "s", "m", "ls", "sl", "u"],
                orderBy: ["id"]
            )
            #expect(
                rows == [
                    [
                        .text("[1,2,null]"), .text("[1,2,3]"), .text(#"{"a":1,"b":"q\"\n"}"#),
                        .text(#"{"k":1,"l":null}"#), .text(#"["a,b",null,""]"#), .text(#"[{"x":1.5}]"#),
                        .text(#"{"n":5}"#),
                    ],
                    [.text("[]"), .null, .null, .text("{}"), .text("[]"), .text("[]"), .null],
                ]
            )
        }
    }

    // MARK: - Tables

    /// Quotes, spaces, mixed case, unicode, SQL punctuation and 63-byte names work for tables and columns.
    @Test func hostileIdentifiers() throws {
        let longName = String(repeating: "n", count: 63)
        let tableName = "we\"ird ;Table -- ü"
        let columnNames = [
            "Mixed Case", "quote\"d", "accent\"\u{301}d", "ünïcødé", longName, "semi;colon", "new\nline", "rowid",
        ]
        let columnsSQL = columnNames.map { DuckDBFile.identifier($0) + " VARCHAR" }.joined(separator: ", ")
        try DuckDBFile.with(
            """
            CREATE TABLE \(DuckDBFile.identifier(tableName))(\(columnsSQL));
            INSERT INTO \(DuckDBFile.identifier(tableName)) VALUES ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
            CREATE TABLE \(DuckDBFile.identifier(longName))(x INTEGER);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let tables = try source.tables()
            #expect(tables.map(\.name) == [longName, tableName])
            let table = try #require(tables.first { $0.name == tableName })
            #expect(table.columns.map(\.name) == columnNames)
            #expect(try source.rowCount(of: table) == 1)
            let rows = try readAll(source, table, columns: columnNames.reversed(), orderBy: columnNames)
            #expect(rows == [["h", "g", "f", "e", "d", "c", "b", "a"].map { SourceValue.text($0) }])
        }
    }

    /// Only the main schema's base tables, in name order, with types as DuckDB spells them, NOT NULL, defaults,
    /// and keys in key order.
    @Test func tablesColumnsAndKeys() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE "Parent"("k 2" INTEGER, k1 VARCHAR(20), x INTEGER DEFAULT 42 NOT NULL,
                PRIMARY KEY (k1, "k 2"), UNIQUE (x));
            CREATE TABLE child(id BIGINT PRIMARY KEY, a VARCHAR, b INTEGER, d DECIMAL(10, 2) DEFAULT 1.5,
                FOREIGN KEY (a, b) REFERENCES "Parent"(k1, "k 2"));
            CREATE TABLE grandchild(id BIGINT REFERENCES child, z INTEGER REFERENCES "Parent"(x));
            CREATE TABLE nokey(x INTEGER);
            CREATE VIEW a_view AS SELECT 1 AS one;
            CREATE SCHEMA other;
            CREATE TABLE other.elsewhere(x INTEGER);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let tables = try source.tables()
            #expect(tables.map(\.name) == ["Parent", "child", "grandchild", "nokey"])
            let parent = tables[0]
            #expect(
                parent.columns == [
                    SourceColumn(name: "k 2", declaredType: "INTEGER", notNull: true),
                    SourceColumn(name: "k1", declaredType: "VARCHAR", notNull: true),
                    SourceColumn(name: "x", declaredType: "INTEGER", notNull: true, defaultSQL: "42"),
                ]
            )
            #expect(parent.primaryKey == ["k1", "k 2"])
            #expect(parent.definition?.hasPrefix("CREATE TABLE ") == true)
            #expect(parent.definition?.contains("DEFAULT(42) NOT NULL") == true)
            #expect(parent.foreignKeys.isEmpty)
            let child = tables[1]
            #expect(child.primaryKey == ["id"])
            #expect(child.columns.map(\.declaredType) == ["BIGINT", "VARCHAR", "INTEGER", "DECIMAL(10,2)"])
            #expect(child.columns[3].defaultSQL == "1.5")
            #expect(
                child.foreignKeys == [
                    SourceForeignKey(columns: ["a", "b"], referencedTable: "Parent", referencedColumns: ["k1", "k 2"])
                ]
            )
            let grandchild = tables[2]
            #expect(grandchild.primaryKey.isEmpty)
            #expect(
                grandchild.foreignKeys == [
                    SourceForeignKey(columns: ["id"], referencedTable: "child", referencedColumns: ["id"]),
                    SourceForeignKey(columns: ["z"], referencedTable: "Parent", referencedColumns: ["x"]),
                ]
            )
            #expect(tables[3].primaryKey.isEmpty && tables[3].foreignKeys.isEmpty)
        }
    }

    /// An empty table is listed, counts zero and reads no rows.
    @Test func emptyTable() throws {
        try DuckDBFile.with("CREATE TABLE empty(id INTEGER PRIMARY KEY, name VARCHAR);") { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            #expect(table.name == "empty")
            #expect(try source.rowCount(of: table) == 0)
            #expect(try readAll(source, table, columns: ["id", "name"], orderBy: ["id"]).isEmpty)
        }
    }

    // MARK: - Reading

    /// A non-empty `orderBy` sorts (also by several columns, also by `rowid`); the same columns can be read in any
    /// order.
    @Test func orderByKeyAndRowid() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE pairs(a INTEGER, b VARCHAR, PRIMARY KEY (a, b));
            INSERT INTO pairs VALUES (2, 'b'), (1, 'z'), (2, 'a'), (1, 'c');
            CREATE TABLE nokey(x VARCHAR);
            INSERT INTO nokey VALUES ('first'), ('second'), ('third');
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let tables = try source.tables()
            let pairs = try #require(tables.first { $0.name == "pairs" })
            #expect(
                try readAll(source, pairs, columns: ["b", "a"], orderBy: pairs.primaryKey) == [
                    [.text("c"), .integer(1)], [.text("z"), .integer(1)], [.text("a"), .integer(2)],
                    [.text("b"), .integer(2)],
                ]
            )
            let nokey = try #require(tables.first { $0.name == "nokey" })
            #expect(
                try readAll(source, nokey, columns: ["rowid", "x"], orderBy: ["rowid"]) == [
                    [.integer(0), .text("first")], [.integer(1), .text("second")], [.integer(2), .text("third")],
                ]
            )
        }
    }

    /// 100,000 rows stream through; each row is handed over and dropped.
    @Test func manyRows() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE big AS
                SELECT i AS id, 'row ' || i AS label, i * 0.5 AS half, CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS n
                FROM range(100000) t(i);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            #expect(try source.rowCount(of: table) == 100_000)
            var count = 0
            var samples: [Int: [SourceValue]] = [:]
            try source.readRows(of: table, columns: ["id", "label", "n"], orderBy: ["id"]) { row in
                if [0, 7, 54_321, 99_999].contains(count) { samples[count] = row }
                count += 1
            }
            #expect(count == 100_000)
            #expect(samples[0] == [.integer(0), .text("row 0"), .null])
            #expect(samples[7] == [.integer(7), .text("row 7"), .null])
            #expect(samples[54_321] == [.integer(54_321), .text("row 54321"), .integer(54_321)])
            #expect(samples[99_999] == [.integer(99_999), .text("row 99999"), .integer(99_999)])
        }
    }

    /// While a reader is open nobody can write to the file, so every read sees the same rows; failed reads and a
    /// read stopped by its caller leave the reader usable.
    @Test func oneSnapshotAcrossReads() throws {
        try DuckDBFile.with(
            """
            CREATE TABLE items(id INTEGER PRIMARY KEY, name VARCHAR);
            INSERT INTO items SELECT i, 'item ' || i FROM range(5000) t(i);
            """
        ) { file in
            let source = try DuckDBSource(path: file.path)
            defer { source.close() }
            let table = try #require(try source.tables().first)
            let before = try readAll(source, table, columns: ["id", "name"], orderBy: ["id"])

            let writer = try DuckDBFile.run(file.path, "INSERT INTO items VALUES (9999, 'late');")
            #expect(!writer.status.isSuccess)
            #expect(writer.standardError.contains("lock"))

            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try source.readRows(of: table, columns: ["id"], orderBy: []) { _ in throw Stop() }
            }
            let missing = SourceTable(name: "items", columns: [SourceColumn(name: "nope", declaredType: "INTEGER")])
            let error = try #require(throws: MigrateError.self) {
                try source.readRows(of: missing, columns: ["nope"], orderBy: []) { _ in }
            }
            #expect(error.description.contains(file.path))
            #expect(error.description.contains("nope"))

            #expect(try source.rowCount(of: table) == 5000)
            #expect(try readAll(source, table, columns: ["id", "name"], orderBy: ["id"]) == before)
            #expect(try source.tables() == [table])
        }
    }

    // MARK: - Failures

    /// Without a `duckdb` program the error says how to install it.
    @Test func missingProgramGivesTheInstallHint() throws {
        for environment in [["MIGRATE_DUCKDB": "/nonexistent/duckdb"], ["PATH": "/nonexistent"]] {
            let error = try #require(throws: MigrateError.self) {
                try DuckDBSource.locateExecutable(environment: environment)
            }
            #expect(error.code == .usage)
            #expect(error.description.contains("scripts/install-deps"))
            #expect(error.description.contains("pip install duckdb-cli"))
            #expect(error.description.contains("pipx install duckdb-cli"))
        }
    }

    /// A program that is not DuckDB's CLI gives an error, not a hang.
    @Test(arguments: ["/bin/cat", "/bin/true", "/bin/echo"])
    func programThatIsNotDuckDB(program: String) throws {
        try DuckDBFile.with("CREATE TABLE t(x INTEGER);") { file in
            let error = try #require(throws: MigrateError.self) {
                try DuckDBSource(path: file.path, executable: program)
            }
            #expect(error.description.contains(file.path))
        }
    }

    /// A file that is not a DuckDB database is refused with its name; one that only looks like one gets DuckDB's
    /// own words.
    @Test func notADuckDBFile() throws {
        try TemporaryDirectory.withEmpty { directory in
            try directory.write("notes.txt", "just some text, not a database at all\n")
            let error = try #require(throws: MigrateError.self) {
                try DuckDBSource(path: directory.path + "/notes.txt")
            }
            #expect(error.code == .io)
            #expect(error.description.contains(directory.path + "/notes.txt"))

            try directory.write("fake.duckdb", "12345678DUCK" + String(repeating: "x", count: 5000))
            let fake = try #require(throws: MigrateError.self) {
                try DuckDBSource(path: directory.path + "/fake.duckdb")
            }
            #expect(fake.description.contains(directory.path + "/fake.duckdb"))
            #expect(fake.description.contains("DuckDB says"))

            let missing = try #require(throws: MigrateError.self) {
                try DuckDBSource(path: directory.path + "/missing.duckdb")
            }
            #expect(missing.code == .io)
        }
    }

    // MARK: - Helpers

    private func readAll(
        _ source: DuckDBSource,
        _ table: SourceTable,
        columns: [String],
        orderBy: [String]
    ) throws -> [[SourceValue]] {
        var rows: [[SourceValue]] = []
        try source.readRows(of: table, columns: columns, orderBy: orderBy) { rows.append($0) }
        return rows
    }
}

/// A DuckDB file in a temporary directory, made by running SQL through the `duckdb` program.
struct DuckDBFile {
    let path: String

    static func with(_ sql: String, _ body: (DuckDBFile) throws -> Void) throws {
        try TemporaryDirectory.withEmpty { directory in
            let file = DuckDBFile(path: directory.path + "/source.duckdb")
            let output = try run(file.path, sql)
            guard output.status.isSuccess, output.standardError.isEmpty else {
                throw TestSupportError("duckdb failed to make the test file: \(output.combinedOutput)")
            }
            try body(file)
        }
    }

    /// Runs SQL through `duckdb FILE`, found as the reader finds it.
    static func run(_ path: String, _ sql: String) throws -> ProcessOutput {
        let executable = try DuckDBSource.locateExecutable()
        return try ChildProcess.run(executable, ["-batch", "-no-init", path], input: sql)
    }

    /// A DuckDB string literal; carriage returns as `chr(13)`, which the program's line reader would drop.
    static func literal(_ text: String) -> String {
        var literal = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": literal += "''"
            case "\r": literal += "' || chr(13) || '"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "'"
    }

    /// A DuckDB quoted identifier.
    static func identifier(_ name: String) -> String {
        var quoted = "\""
        for scalar in name.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
