import Foundation
import MigrateKit
import Testing

@Suite("RevisionTimestamp")
struct RevisionTimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0), ("2026-11-23T10:15:00Z", 1_795_428_900), ("2000-02-29T23:59:59Z", 951_868_799),
        ("1969-12-31T23:59:59Z", -1), ("1900-03-01T00:00:00Z", -2_203_891_200),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
    ])
    func parsesAndPrints(text: String, seconds: Int64) throws {
        let timestamp = try #require(RevisionTimestamp(parsing: text))
        #expect(timestamp.secondsSince1970 == seconds)
        #expect(timestamp.description == text)
        #expect(timestamp.date == Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test(arguments: [
        "2026-11-23T10:15:00", "2026-11-23T10:15:00+00:00", "2026-11-23 10:15:00Z", "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z", "2026-04-31T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2026-11-23T10:60:00Z", "2026-11-23T10:15:60Z", "2026-1-23T10:15:00Z", "２026-11-23T10:15:00Z", "",
    ])
    func rejects(text: String) {
        #expect(RevisionTimestamp(parsing: text) == nil)
    }

    @Test func truncatesDatesToTheSecond() {
        let timestamp = RevisionTimestamp(Date(timeIntervalSince1970: 1_795_428_900.999))
        #expect(timestamp.description == "2026-11-23T10:15:00Z")
    }

    @Test func ordersByInstant() throws {
        let earlier = try #require(RevisionTimestamp(parsing: "2026-01-01T00:00:00Z"))
        let later = try #require(RevisionTimestamp(parsing: "2026-01-01T00:00:01Z"))
        #expect(earlier < later)
    }
}
