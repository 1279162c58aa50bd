import Testing

@testable import MigrateKit

/// The pieces of `revision --from` that need no database: type inference from declared types and values,
/// expressions and defaults rewritten for PostgreSQL, and SQLite's CREATE text read with PostgreSQL's scanner.
@Suite struct SchemaTranslationUnitTests {
    static func infer(
        _ declared: String,
        _ values: [SourceValue],
        name: String = "c",
        source: DataSource.Kind = .sqlite
    ) -> ColumnTypeInference.Choice {
        var inference = ColumnTypeInference(column: SourceColumn(name: name, declaredType: declared), source: source)
        for value in values { inference.read(value) }
        return inference.choice()
    }

    static let timestamps: [SourceValue] = [.text("2024-03-05 14:07:09"), .text("2024-03-05T14:07:09Z"), .null]
    static let uuids: [SourceValue] = [.text("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), .text("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")]

    /// (declared type, column name, values, expected type).
    static let cases: [(String, String, [SourceValue], String)] = [
        ("INTEGER", "n", [.integer(1), .integer(7)], "bigint"),
        ("unsigned big int", "n", [.integer(Int64.max)], "bigint"),
        ("INTEGER", "is_admin", [.integer(0), .integer(1)], "boolean"),
        ("INTEGER", "has_cat", [.integer(0), .integer(2)], "bigint"),
        ("INTEGER", "count", [.integer(0), .integer(1)], "bigint"),
        ("INTEGER", "is_empty", [], "bigint"),
        ("BOOLEAN", "active", [.integer(0), .integer(1), .text("true")], "boolean"),
        ("VARCHAR(20)", "v", [.text("short")], "varchar(20)"),
        ("VARCHAR(3)", "v", [.text("longer")], "text"),
        ("TEXT", "t", timestamps, "timestamptz"),
        ("TEXT", "t", [.text("2024-03-05"), .text("1999-12-31")], "date"),
        ("TEXT", "t", uuids, "uuid"),
        ("TEXT", "t", [.text("3f2504e04f8911d39a0c0305e82c3301")], "text"),
        ("TEXT", "t", [.text("{\"a\": 1}"), .text("[1, 2]")], "jsonb"),
        ("TEXT", "t", [.text("{\"a\": 1}"), .text("42")], "text"),
        ("TEXT", "t", [], "text"),
        ("CLOB", "t", [.text("x")], "text"),
        ("DATETIME", "t", timestamps, "timestamptz"),
        ("DATETIME", "t", [.integer(1_700_000_000), .real(1_700_000_000_123)], "timestamptz"),
        ("DATETIME", "t", [.text("yesterday")], "text"),
        ("DATETIME", "t", [], "timestamptz"),
        ("DATE", "d", [.text("2024-03-05")], "date"),
        ("DATE", "d", [.text("2024-03-05 10:00:00")], "timestamptz"),
        ("TIME", "t", [.text("10:00:00")], "time"),
        ("double precision", "x", [.real(1.5), .integer(2)], "double precision"),
        ("FLOAT", "x", [.real(1.5)], "double precision"),
        ("REAL", "x", [.text("abc")], "text"),
        ("DECIMAL(10,2)", "p", [.real(9.99), .integer(12_345_678)], "numeric(10,2)"),
        ("DECIMAL(4,2)", "p", [.integer(123)], "text"),
        ("NUMERIC", "p", [.integer(1), .real(2.5)], "numeric"),
        ("JSON", "j", [.text("42"), .text("{}")], "jsonb"),
        ("BLOB", "b", [.blob([0, 255])], "bytea"),
        ("UUID", "u", uuids, "uuid"),
        ("", "x", [.integer(1), .integer(2)], "bigint"),
        ("", "x", [.integer(1), .real(2.5)], "double precision"),
        ("", "x", timestamps, "timestamptz"),
        ("", "x", [.text("a"), .integer(1)], "text"),
        ("", "x", [.blob([1, 2])], "bytea"),
        ("", "x", [.blob([0xff, 0xfe]), .integer(1)], "bytea"),
        ("", "x", [], "text"),
        ("INTEGER", "n", [.integer(1), .text("n/a")], "text"),
    ]

    @Test func everyDeclaredTypeSpellingAndWhatTheValuesSay() {
        #expect(Self.cases.count > 30)
        for (declared, name, values, expected) in Self.cases {
            let choice = Self.infer(declared, values, name: name)
            #expect(choice.type.sql == expected, "\(declared) \(name) \(values)")
        }
    }

    @Test func everyValueOfTheChosenTypeConverts() throws {
        #expect(!Self.cases.isEmpty)
        for (declared, name, values, _) in Self.cases {
            let choice = Self.infer(declared, values, name: name)
            guard choice.holdsEveryValue else {
                #expect(choice.refused == ["1"])
                continue
            }
            for value in values where value != .null {
                #expect(throws: Never.self, "\(declared) \(value)") {
                    try ValueConversion(kind: choice.type.kind).text(value, as: choice.type.kind)
                }
            }
        }
    }

    /// `accepts` is the fast check `revision --from` runs on every value; it must agree with the conversion import
    /// runs (and COPY's refusal of NUL characters).
    @Test func acceptsAgreesWithTheConversionImportRuns() {
        let kinds: [TargetKind] = [
            .smallint, .integer, .bigint, .numeric, .real, .double, .boolean, .timestampWithTimeZone, .timestamp,
            .date, .time, .json, .jsonb, .uuid, .bytea, .text(maximumLength: nil), .text(maximumLength: 3),
            .array(of: .integer), .interval, .other,
        ]
        let values: [SourceValue] = [
            .integer(0), .integer(1), .integer(70_000), .integer(Int64.max), .real(1.5), .real(3.0), .real(.nan),
            .real(.infinity), .text(""), .text("1"), .text("1.5e3"), .text("abc"), .text("true"), .text("2024-03-05"),
            .text("2024-03-05 10:00:00"), .text("10:00"), .text("{\"a\": 1}"), .text("[1, 2]"), .text("{1,2}"),
            .text("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), .text("a\u{0}b"), .text("infinity"), .text("ééé"),
            .text("éééé"), .blob([]), .blob(Array("ab".utf8)), .blob([0xff]), .blob(Array(repeating: 7, count: 16)),
        ]
        #expect(values.count > 20)
        for kind in kinds {
            for value in values {
                let conversion = ValueConversion(kind: kind)
                var row: [UInt8] = []
                let converts = (try? conversion.append(value, to: &row)) != nil
                #expect(conversion.accepts(value, as: kind) == converts, "\(kind) \(value)")
            }
        }
    }

    @Test func reasonsAndContradictionsAreSaid() {
        let inferred = Self.infer("TEXT", Array(repeating: .text("2024-03-05 14:07:09"), count: 12_408))
        #expect(inferred.reason == "inferred timestamptz: all 12,408 values are ISO 8601 or SQLite timestamps (UTC unless they say)")
        let contradicted = Self.infer("INTEGER", [.integer(1), .text("n/a"), .text("x'1'")])
        #expect(contradicted.contradictions == ["'n/a'", "'x''1'''"])
        #expect(Self.infer("INTEGER", [.integer(1)]).contradictions.isEmpty)
        #expect(Self.infer("INTEGER", [.integer(1)]).reason == nil)
    }

    @Test func duckDBTypes() {
        let expected: [(String, String)] = [
            ("TINYINT", "smallint"), ("UBIGINT", "numeric(20,0)"), ("HUGEINT", "numeric(39,0)"), ("FLOAT", "real"),
            ("DECIMAL(18,3)", "numeric(18,3)"), ("TIMESTAMP", "timestamp"), ("TIMESTAMP WITH TIME ZONE", "timestamptz"),
            ("INTEGER[]", "integer[]"), ("STRUCT(a INTEGER)", "jsonb"), ("MAP(VARCHAR, INTEGER)", "jsonb"),
            ("INTEGER[][]", "jsonb"), ("ENUM('a', 'b')", "text"), ("INTERVAL", "interval"), ("BLOB", "bytea"),
        ]
        for (declared, type) in expected {
            #expect(Self.infer(declared, [], source: .duckdb).type.sql == type, "\(declared)")
        }
        #expect(Self.infer("VARCHAR", Self.uuids, source: .duckdb).type.sql == "uuid")
    }

    // MARK: - Expressions

    static let columns = [
        SourceExpression.Column(sourceName: "Price", targetName: "Price", type: ColumnTypeInference.text, comparesAsInSource: true),
        SourceExpression.Column(sourceName: "email", targetName: "email", type: ColumnTypeInference.text, comparesAsInSource: true),
        SourceExpression.Column(
            sourceName: "flag",
            targetName: "flag",
            type: TranslatedType(sql: "boolean", kind: .boolean),
            comparesAsInSource: false
        ),
    ]

    @Test func expressionsThatTranslate() throws {
        let cases: [(String, String)] = [
            ("price >= 0", "\"Price\" >= 0"),
            ("\"Price\" == 1", "\"Price\" = 1"),
            ("email LIKE '%@%'", "email ILIKE '%@%'"),
            ("email NOT LIKE 'x%'", "email NOT ILIKE 'x%'"),
            ("length(email) BETWEEN 3 AND 254", "length(email) BETWEEN 3 AND 254"),
            ("ifnull(email, '') <> ''", "coalesce(email, '') <> ''"),
            ("EMAIL IN ('a', 'b') OR email IS NULL", "email IN ('a', 'b') OR email IS NULL"),
            ("flag IS NOT NULL", "flag IS NOT NULL"),
            ("CASE WHEN price > 0 THEN 1 ELSE 0 END = 1", "CASE WHEN \"Price\" > 0 THEN 1 ELSE 0 END = 1"),
        ]
        for (source, expected) in cases {
            #expect(try SourceExpression.translate(source, columns: Self.columns) == expected)
        }
    }

    @Test func expressionsThatDoNotTranslateSayWhy() {
        let cases: [(String, String)] = [
            ("typeof(price) = 'real'", "typeof"),
            ("email GLOB '*@*'", "cannot parse"),
            ("flag IN (0, 1)", "becomes boolean"),
            ("CAST(price AS INTEGER) > 0", "casts"),
            ("price > (SELECT 1)", "subquery"),
            ("\"nope\" = 1", "no column"),
            ("max(price, 1) > 0", "max"),
        ]
        for (source, fragment) in cases {
            do {
                _ = try SourceExpression.translate(source, columns: Self.columns)
                Issue.record("\(source) was translated")
            } catch {
                #expect(error.reason.contains(fragment), "\(source): \(error.reason)")
            }
        }
    }

    @Test func defaultsForTheChosenType() throws {
        let boolean = TranslatedType(sql: "boolean", kind: .boolean)
        let timestamptz = TranslatedType(sql: "timestamptz", kind: .timestampWithTimeZone)
        let bigint = TranslatedType(sql: "bigint", kind: .bigint)
        let uuid = TranslatedType(sql: "uuid", kind: .uuid)
        #expect(try ColumnDefault.translate("1", for: boolean) == "true")
        #expect(try ColumnDefault.translate("'false'", for: boolean) == "false")
        #expect(try ColumnDefault.translate("CURRENT_TIMESTAMP", for: timestamptz) == "now()")
        #expect(try ColumnDefault.translate("(datetime('now'))", for: timestamptz) == "now()")
        #expect(
            try ColumnDefault.translate("CURRENT_TIMESTAMP", for: ColumnTypeInference.text)
                == "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
        )
        #expect(try ColumnDefault.translate("(strftime('%s','now'))", for: bigint) == "(extract(epoch FROM now())::bigint)")
        #expect(try ColumnDefault.translate("-5", for: bigint) == "-5")
        #expect(try ColumnDefault.translate("(-1.5)", for: TranslatedType(sql: "numeric", kind: .numeric)) == "-1.5")
        #expect(try ColumnDefault.translate("1700000000", for: timestamptz) == "'2023-11-14 22:13:20+00'")
        #expect(try ColumnDefault.translate("'it''s'", for: ColumnTypeInference.text) == "'it''s'")
        #expect(try ColumnDefault.translate("NULL", for: bigint) == nil)
        #expect(throws: SourceExpression.Untranslatable.self) { try ColumnDefault.translate("'abc'", for: uuid) }
        #expect(throws: SourceExpression.Untranslatable.self) {
            try ColumnDefault.translate("(lower(hex(randomblob(16))))", for: ColumnTypeInference.text)
        }
    }

    // MARK: - SQLite's CREATE text

    @Test func sqliteDefinitionsReadWithPostgreSQLsScanner() throws {
        let definition = try SQLiteTableDefinition(
            """
            CREATE TABLE "t(,)" (id INTEGER PRIMARY KEY, "a,b" TEXT COLLATE NOCASE CHECK ("a,b" <> ')'),
                c INTEGER CONSTRAINT c_pos CHECK (c > 0) DEFAULT (1 + 2), d GENERATED ALWAYS AS (c * 2) STORED,
                e AS (c + 1), CONSTRAINT two CHECK (c < 10), UNIQUE (c), FOREIGN KEY (c) REFERENCES x(y)
            ) WITHOUT ROWID, STRICT
            """
        )
        #expect(definition.withoutRowID)
        #expect(definition.columns.count == 5)
        #expect(definition.columns[1].collation == "NOCASE")
        #expect(definition.columns[3].generatedExpression == "c * 2")
        #expect(definition.columns[3].isStoredGenerated)
        #expect(definition.columns[4].generatedExpression == "c + 1")
        #expect(!definition.columns[4].isStoredGenerated)
        #expect(definition.checks.map(\.expression) == ["\"a,b\" <> ')'", "c > 0", "c < 10"])
        #expect(definition.checks.map(\.name) == [nil, "c_pos", "two"])
        let index = try SQLiteTableDefinition.indexParts(
            "CREATE UNIQUE INDEX i ON t (lower(a) COLLATE NOCASE DESC, b, substr(c, 1, 2)) WHERE a IS NOT NULL"
        )
        #expect(index.parts == ["lower(a)", "b", "substr(c, 1, 2)"])
        #expect(index.predicate == "a IS NOT NULL")
    }
}
