/// A duration as PostgreSQL's time settings (`lock_timeout`, `statement_timeout`) take it: whole milliseconds,
/// written with a unit `ms`, `s`, `min`, `h` or `d`.
///
/// Zero means "no timeout", as in PostgreSQL. A bare integer is milliseconds. The largest value is the largest
/// PostgreSQL accepts for these settings, `2147483647ms` (about 24.8 days).
package struct PostgresDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in milliseconds, `0...maximumMilliseconds`.
    package let milliseconds: Int64

    /// The largest value PostgreSQL accepts for a millisecond setting (`INT_MAX`).
    package static let maximumMilliseconds: Int64 = 2_147_483_647

    /// Zero: the timeout is disabled.
    package static let zero = PostgresDuration(uncheckedMilliseconds: 0)

    private init(uncheckedMilliseconds: Int64) {
        self.milliseconds = uncheckedMilliseconds
    }

    /// A duration of `milliseconds`, or `nil` when it is negative or above `maximumMilliseconds`.
    package init?(milliseconds: Int64) {
        guard milliseconds >= 0, milliseconds <= Self.maximumMilliseconds else { return nil }
        self.milliseconds = milliseconds
    }

    /// Units in the order `settingValue` tries them, largest first, with their length in milliseconds.
    private static let units: [(name: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Parses `500ms`, `5s`, `10min`, `2h`, `1d`, `0` or a bare number of milliseconds.
    ///
    /// Whitespace between the number and the unit is allowed, as PostgreSQL allows it. Units are case-sensitive,
    /// as in PostgreSQL.
    /// - Throws: `DurationSyntaxError`, which says what was expected; the caller adds file and line.
    package static func parse(_ text: some StringProtocol) throws(DurationSyntaxError) -> PostgresDuration {
        let bytes = Array(text.utf8)
        var index = 0
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            if value > maximumMilliseconds { throw .outOfRange(String(text)) }
            index += 1
        }
        guard index > 0 else { throw .malformed(String(text)) }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        let unitText = String(decoding: bytes[index...], as: UTF8.self)
        let unitMilliseconds: Int64
        if unitText.isEmpty {
            unitMilliseconds = 1
        } else if let unit = units.first(where: { $0.name == unitText }) {
            unitMilliseconds = unit.milliseconds
        } else {
            throw .malformed(String(text))
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: unitMilliseconds)
        guard !overflow, product <= maximumMilliseconds else { throw .outOfRange(String(text)) }
        return PostgresDuration(uncheckedMilliseconds: product)
    }

    /// The value for `SET lock_timeout = '...'`, in the largest unit that divides the duration exactly.
    ///
    /// 5000 milliseconds render as `5s`, 90000 as `90s`, 1500 as `1500ms`, and zero as `0`.
    package var settingValue: String {
        guard milliseconds != 0 else { return "0" }
        for unit in Self.units where milliseconds % unit.milliseconds == 0 {
            return "\(milliseconds / unit.milliseconds)\(unit.name)"
        }
        return "\(milliseconds)ms"
    }

    /// Whether this is zero, which PostgreSQL reads as "no timeout".
    package var isDisabled: Bool { milliseconds == 0 }

    /// The same length as a standard library `Duration`.
    package var duration: Duration { .milliseconds(milliseconds) }

    package var description: String { settingValue }

    package static func < (lhs: PostgresDuration, rhs: PostgresDuration) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }
}

/// Why a duration did not parse; `RevisionFile` turns it into a located `MigrateError`.
package enum DurationSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not an integer followed by an optional unit.
    case malformed(String)
    /// Larger than PostgreSQL accepts.
    case outOfRange(String)

    package var description: String {
        switch self {
        case .malformed(let text):
            "expected a duration: an integer with unit `ms`, `s`, `min`, `h` or `d` (e.g. `500ms`, `5s`, `10min`), "
                + "or `0` for no timeout; found `\(text)`"
        case .outOfRange(let text):
            "duration `\(text)` is too long: PostgreSQL accepts at most 2147483647ms (about 24 days)"
        }
    }
}
