import Testing

@testable import MigrateKit

@Suite struct TimeoutSettingTests {
    @Test(arguments: [
        ("5s", 5, TimeoutSetting.Unit.seconds, 5_000, "5s"),
        ("250ms", 250, .milliseconds, 250, "250ms"),
        ("2min", 2, .minutes, 120_000, "2min"),
        ("3h", 3, .hours, 10_800_000, "3h"),
        ("1d", 1, .days, 86_400_000, "1d"),
        ("1500", 1500, .milliseconds, 1_500, "1500ms"),
        (" 10 s ", 10, .seconds, 10_000, "10s"),
        ("0", 0, .milliseconds, 0, "0"),
        ("0s", 0, .seconds, 0, "0"),
    ])
    func parsesPostgresNotation(text: String, amount: Int64, unit: TimeoutSetting.Unit, ms: Int64, rendered: String)
        throws
    {
        let setting = try TimeoutSetting(parsing: text)
        #expect(setting.amount == amount)
        #expect(setting.unit == unit)
        #expect(setting.milliseconds == ms)
        #expect(setting.postgresValue == rendered)
        #expect(setting.sqlLiteral == "'\(rendered)'")
        #expect(setting.isNone == (ms == 0))
    }

    @Test func zeroMeansNoLimit() throws {
        #expect(try TimeoutSetting(parsing: "0") == .none)
        #expect(TimeoutSetting.none.duration == nil)
        #expect(try TimeoutSetting(parsing: "0min").duration == nil)
        #expect(try TimeoutSetting(parsing: "2s").duration == .seconds(2))
    }

    @Test(arguments: [
        ("", TimeoutSetting.ParseError.empty),
        ("  ", .empty),
        ("soon", .notANumber("soon")),
        ("s5", .notANumber("s5")),
        ("-5s", .negative("-5s")),
        ("1.5s", .fractional("1.5s")),
        ("5sec", .unknownUnit("sec")),
        ("5S", .unknownUnit("S")),
        ("5us", .unknownUnit("us")),
        ("5 s s", .unknownUnit("s s")),
        ("25d", .tooLarge("25d")),
        ("2147483648", .tooLarge("2147483648")),
        ("99999999999999999999999s", .tooLarge("99999999999999999999999s")),
    ])
    func rejects(text: String, expected: TimeoutSetting.ParseError) {
        #expect(throws: expected) { try TimeoutSetting(parsing: text) }
    }

    @Test func largestPostgresValueIsAccepted() throws {
        #expect(try TimeoutSetting(parsing: "2147483647").milliseconds == 2_147_483_647)
        #expect(try TimeoutSetting(parsing: "24d").milliseconds == 2_073_600_000)
    }

    @Test func messagesSayWhatToWrite() {
        #expect(TimeoutSetting.ParseError.unknownUnit("sec").description.contains("ms, s, min, h, d"))
        #expect(TimeoutSetting.ParseError.fractional("1.5s").description.contains("1500ms"))
        #expect(TimeoutSetting.ParseError.tooLarge("30d").description.contains("2147483647 ms"))
    }

    @Test func equalityKeepsTheWrittenUnit() throws {
        let seconds = try TimeoutSetting(1, .seconds)
        let milliseconds = try TimeoutSetting(1000, .milliseconds)
        #expect(seconds != milliseconds)
        #expect(seconds.milliseconds == milliseconds.milliseconds)
        #expect("\(seconds)" == "1s")
    }
}
