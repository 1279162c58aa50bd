import Testing

@testable import MigrateKit

/// `--like`: the spelling read from an original column's values (or its declared type), and the text forms
/// written back in it.
@Suite struct SpellingDetectorTests {
    static let detected: [(TargetKind, String, [SourceValue], ExportSpelling)] = [
        (
            .timestampWithTimeZone, "TEXT", [.text("2023-01-02 03:04:05"), .text("2023-01-03 00:00:00")],
            .instantText(.sqlite)
        ),
        (
            .timestampWithTimeZone, "DATETIME", [.text("2023-01-02T03:04:05.000Z"), .text("2023-01-02T03:04:05.120Z")],
            .instantText(TimestampSpelling(separator: "T", fractionDigits: 3, zone: "Z"))
        ),
        (
            .timestamp, "TEXT",
            [.text("2023-01-02T03:04:05+00:00"), .text("2023-01-02 03:04:05"), .text("2023-01-02T03:04:05+02:00")],
            .instantText(TimestampSpelling(separator: "T", zone: "+00:00"))
        ),
        (.date, "TEXT", [.text("2023-01-02")], .instantText(TimestampSpelling(dateOnly: true))),
        (.timestampWithTimeZone, "INTEGER", [.integer(1_672_628_645)], .epoch(milliseconds: false)),
        (.timestampWithTimeZone, "INTEGER", [.integer(1_672_628_645_000)], .epoch(milliseconds: true)),
        (.timestampWithTimeZone, "REAL", [.real(1_672_628_645.5)], .epoch(milliseconds: false)),
        (.timestampWithTimeZone, "INTEGER", [], .epoch(milliseconds: false)),
        (.timestampWithTimeZone, "DATETIME", [], .instantText(.sqlite)),
        (.boolean, "TEXT", [.text("TRUE"), .text("FALSE")], .booleanText(true: "TRUE", false: "FALSE")),
        (.boolean, "BOOLEAN", [.text("f")], .booleanText(true: "t", false: "f")),
        (.boolean, "INTEGER", [.integer(0), .integer(1)], .booleanInteger),
        (.boolean, "BOOLEAN", [], .booleanInteger),
        (
            .uuid, "TEXT", [.text("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}")],
            .uuidText(uppercase: true, hyphens: true, braces: true)
        ),
        (
            .uuid, "TEXT", [.text("a0eebc999c0b4ef8bb6d6bb9bd380a11")],
            .uuidText(uppercase: false, hyphens: false, braces: false)
        ),
        (.uuid, "BLOB", [.blob(Array(repeating: 1, count: 16))], .uuidBlob),
        (.numeric, "NUMERIC", [.real(1.5)], .number),
        (.numeric, "TEXT", [.text("1.50")], .text),
        (.numeric, "TEXT", [], .text),
        (.bigint, "INTEGER", [.integer(1)], .integer),
        (.jsonb, "TEXT", [.text("{}")], .text),
    ]

    @Test(arguments: detected)
    func spellingFromTheOriginalsValues(
        kind: TargetKind,
        declared: String,
        samples: [SourceValue],
        expected: ExportSpelling
    ) {
        #expect(
            SpellingDetector.spelling(kind: kind, typeName: "", declaredType: declared, samples: samples) == expected
        )
    }

    @Test func timestampFormsKeepEveryDigitTheValueHas() {
        let instant: Int64 = 1_714_979_289_500_000  // 2024-05-06 07:08:09.5 UTC
        #expect(TimestampSpelling.sqlite.format(instant) == "2024-05-06 07:08:09.5")
        #expect(TimestampSpelling.sqlite.format(instant - 500_000) == "2024-05-06 07:08:09")
        #expect(
            TimestampSpelling(separator: "T", fractionDigits: 3, zone: "Z").format(instant)
                == "2024-05-06T07:08:09.500Z"
        )
        #expect(
            TimestampSpelling(separator: "T", fractionDigits: 3, zone: "Z").format(instant + 123)
                == "2024-05-06T07:08:09.500123Z"
        )
        #expect(TimestampSpelling(zone: "+00:00").format(-1) == "1969-12-31 23:59:59.999999+00:00")
        #expect(TimestampSpelling(dateOnly: true).format(1_714_953_600_000_000) == "2024-05-06")
        #expect(TimestampSpelling(dateOnly: true).format(instant) == "2024-05-06 07:08:09.5")
    }

    @Test func plainDefaultsAreLiteralsOrTheCurrentTime() {
        #expect(ExportPlan.defaultSQL("'idle'::character varying", .text(maximumLength: 50)) == "'idle'")
        #expect(ExportPlan.defaultSQL("'it''s'::text", .text(maximumLength: nil)) == "'it''s'")
        #expect(ExportPlan.defaultSQL("'{}'::text[]", .array(of: .text(maximumLength: nil))) == "'[]'")
        #expect(ExportPlan.defaultSQL("true", .boolean) == "1")
        #expect(ExportPlan.defaultSQL("now()", .timestampWithTimeZone) == "CURRENT_TIMESTAMP")
        #expect(ExportPlan.defaultSQL("'-1.5'::numeric", .numeric) == "'-1.5'")
        #expect(ExportPlan.defaultSQL("(-3)", .integer) == "-3")
        #expect(ExportPlan.defaultSQL("nextval('t_id_seq'::regclass)", .bigint) == nil)
        #expect(ExportPlan.defaultSQL("gen_random_uuid()", .uuid) == nil)
    }
}
