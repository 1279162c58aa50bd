import MigrateTestSupport
import SystemProcess
import Testing

/// `migrate import` from a real DuckDB file (made by the duckdb CLI that `scripts/install-deps` installs): every
/// scalar type, LIST into an array, STRUCT and MAP into jsonb, NULLs, verified value by value.
@Suite struct DuckDBImportTests {
    static let revision = GeneratedRevision(
        "imp1",
        up: """
            CREATE TYPE mood AS ENUM ('sad', 'ok');
            CREATE TABLE dd (id integer PRIMARY KEY, big numeric, ub numeric, dec numeric(18,3), f double precision,
                b boolean, ts timestamp, tz timestamptz, d date, iv interval, u uuid, bl bytea, m mood, l integer[],
                s jsonb, mp jsonb, t text, small smallint);
            """,
        down: "DROP TABLE dd; DROP TYPE mood;"
    )

    static let duckdbSQL = """
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE TABLE dd (id INTEGER PRIMARY KEY, big HUGEINT, ub UBIGINT, dec DECIMAL(18,3), f DOUBLE, b BOOLEAN,
            ts TIMESTAMP, tz TIMESTAMPTZ, d DATE, iv INTERVAL, u UUID, bl BLOB, m mood, l INTEGER[],
            s STRUCT(a INTEGER, b VARCHAR), mp MAP(VARCHAR, INTEGER), t VARCHAR, small TINYINT);
        INSERT INTO dd VALUES (1, 170141183460469231731687303715884105727, 18446744073709551615, 12345.678, 1.5,
            true, TIMESTAMP '2024-01-02 03:04:05.123456', TIMESTAMPTZ '2024-01-02 03:04:05+02', DATE '2024-02-29',
            INTERVAL '1 year 2 months 3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
            '\\x00\\xFFab'::BLOB, 'ok', [1, 2, NULL], {'a': 1, 'b': 'x"y'}, MAP {'k': 1}, 'line1
        line2', -7);
        INSERT INTO dd VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            NULL, '', NULL);
        """

    @Test func everyDuckDBTypeIntoItsPostgreSQLType() throws {
        let duckdb = try #require(ChildProcess.findExecutable("duckdb"), "the duckdb CLI (scripts/install-deps)")
        try MigrateProject.with { project in
            try project.upgrade(with: Self.revision)
            let file = try project.duckDBFile("app.duckdb", Self.duckdbSQL, duckdb: duckdb)

            let result = try project.migrate("import", "duckdb://" + file, "--verify", "full")
            #expect(result.status == .exited(0), "\(result.combinedOutput)")
            let row = try project.rows(
                """
                SELECT big::text, ub::text, dec::text, f::text, b::text, ts::text, (tz AT TIME ZONE 'UTC')::text,
                       d::text, iv::text, u::text, encode(bl, 'hex'), m::text, l::text, s::text, mp::text, t, small::text
                FROM dd WHERE id = 1
                """
            )
            #expect(
                row.first == [
                    "170141183460469231731687303715884105727", "18446744073709551615", "12345.678", "1.5", "true",
                    "2024-01-02 03:04:05.123456", "2024-01-02 01:04:05", "2024-02-29", "1 year 2 mons 3 days 04:05:06.789",
                    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00ff6162", "ok", "{1,2,NULL}", "{\"a\": 1, \"b\": \"x\\\"y\"}",
                    "{\"k\": 1}", "line1\nline2", "-7",
                ]
            )
            #expect(
                try project.scalar("SELECT count(*) FROM dd WHERE id = 2 AND t = '' AND big IS NULL AND l IS NULL") == "1"
            )
        }
    }

    @Test func aMissingDuckDBSaysHowToInstallIt() throws {
        try MigrateProject.with { project in
            try project.directory.write("fake.duckdb", "not really")
            let result = try project.migrate("import", "duckdb:fake.duckdb", environment: ["PATH": "/usr/bin:/bin"])
            #expect(result.status != .exited(0))
            #expect(result.standardError.contains("duckdb-cli"))
        }
    }
}
