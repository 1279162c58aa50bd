import MigrateKit
import Testing

@Suite("PostgresDuration")
struct PostgresDurationTests {
    @Test(arguments: [
        ("500ms", 500), ("5s", 5_000), ("10min", 600_000), ("2h", 7_200_000), ("1d", 86_400_000), ("0", 0),
        ("250", 250), ("5 s", 5_000), ("0s", 0), ("2147483647", 2_147_483_647), ("24d", 2_073_600_000),
    ])
    func parses(text: String, milliseconds: Int64) throws {
        #expect(try PostgresDuration.parse(text).milliseconds == milliseconds)
    }

    @Test(arguments: [
        (0, "0"), (500, "500ms"), (1_500, "1500ms"), (5_000, "5s"), (90_000, "90s"), (600_000, "10min"),
        (7_200_000, "2h"), (86_400_000, "1d"), (90_061_001, "90061001ms"),
    ])
    func rendersAsAPostgresSetting(milliseconds: Int64, text: String) throws {
        let duration = try #require(PostgresDuration(milliseconds: milliseconds))
        #expect(duration.settingValue == text)
        #expect(try PostgresDuration.parse(text) == duration)
    }

    @Test func zeroDisablesTheTimeout() throws {
        #expect(try PostgresDuration.parse("0ms").isDisabled)
        #expect(try !PostgresDuration.parse("1ms").isDisabled)
        #expect(PostgresDuration.zero.settingValue == "0")
    }

    @Test func convertsToDuration() throws {
        #expect(try PostgresDuration.parse("10min").duration == .seconds(600))
    }

    @Test(arguments: ["", "s", "5sec", "5 m", "5MS", "-1", "+1", "1.5s", "5s ", "0x10"])
    func rejectsMalformed(text: String) {
        #expect(throws: DurationSyntaxError.malformed(text)) { try PostgresDuration.parse(text) }
    }

    @Test(arguments: ["2147483648", "2147484s", "25d", "9999999999999999999999h"])
    func rejectsTooLong(text: String) {
        #expect(throws: DurationSyntaxError.outOfRange(text)) { try PostgresDuration.parse(text) }
    }

    @Test func rejectsOutOfRangeMilliseconds() {
        #expect(PostgresDuration(milliseconds: -1) == nil)
        #expect(PostgresDuration(milliseconds: 2_147_483_648) == nil)
    }
}
