/// A time limit in PostgreSQL's notation (`5s`, `250ms`, `2min`), where zero means no limit.
///
/// Used for `lock_timeout`, `statement_timeout` and `lock_wait` in `migrate.toml`. The value keeps the unit it
/// was written with, so it renders back the way the person wrote it (`SET LOCAL lock_timeout = '5s'`).
/// Two settings that mean the same time in different units (`1s`, `1000ms`) are different values; compare
/// ``milliseconds`` to compare times.
package struct TimeoutSetting: Sendable, Hashable, CustomStringConvertible {
    /// A unit PostgreSQL accepts for time settings. Unit names are case-sensitive, as in PostgreSQL.
    package enum Unit: String, Sendable, CaseIterable {
        case milliseconds = "ms"
        case seconds = "s"
        case minutes = "min"
        case hours = "h"
        case days = "d"

        /// How many milliseconds one of this unit is.
        package var milliseconds: Int64 {
            switch self {
            case .milliseconds: 1
            case .seconds: 1_000
            case .minutes: 60_000
            case .hours: 3_600_000
            case .days: 86_400_000
            }
        }
    }

    /// Why a text is not a time setting; `description` says what to write instead.
    package enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case notANumber(String)
        case negative(String)
        case fractional(String)
        case unknownUnit(String)
        case tooLarge(String)

        package var description: String {
            let form =
                "write a whole number with a unit (ms, s, min, h, d), a bare number of milliseconds, or 0 for none"
            switch self {
            case .empty:
                return "is empty; \(form)"
            case .notANumber(let text):
                return "\"\(text)\" is not a time; \(form)"
            case .negative(let text):
                return "\"\(text)\" is negative; \(form)"
            case .fractional(let text):
                return "\"\(text)\" is not a whole number; use a smaller unit (\"1500ms\" rather than \"1.5s\")"
            case .unknownUnit(let unit):
                let units = Unit.allCases.map(\.rawValue).joined(separator: ", ")
                return "unknown time unit \"\(unit)\"; use one of \(units) (case-sensitive, as in PostgreSQL)"
            case .tooLarge(let text):
                return "\"\(text)\" is longer than \(TimeoutSetting.maximumMilliseconds) ms (about 24 days), "
                    + "the largest time PostgreSQL accepts for a timeout"
            }
        }
    }

    /// PostgreSQL stores timeouts as a 32-bit count of milliseconds and rejects anything larger.
    package static let maximumMilliseconds: Int64 = Int64(Int32.max)

    /// No time limit (`0`).
    package static let none = TimeoutSetting(uncheckedAmount: 0, unit: .milliseconds)

    /// The number, in ``unit``s.
    package let amount: Int64
    package let unit: Unit

    /// For constants known to be in range; everything else goes through the checking initialisers.
    init(uncheckedAmount amount: Int64, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// A time of `amount` `unit`s.
    /// - Throws: ``ParseError`` when `amount` is negative or the time exceeds ``maximumMilliseconds``.
    package init(_ amount: Int64, _ unit: Unit) throws(ParseError) {
        try self.init(amount, unit, writtenAs: "\(amount)\(unit.rawValue)")
    }

    private init(_ amount: Int64, _ unit: Unit, writtenAs text: String) throws(ParseError) {
        guard amount >= 0 else { throw .negative(text) }
        let (total, overflow) = amount.multipliedReportingOverflow(by: unit.milliseconds)
        guard !overflow, total <= Self.maximumMilliseconds else { throw .tooLarge(text) }
        self.init(uncheckedAmount: amount, unit: unit)
    }

    /// Reads a setting as written in `migrate.toml`: `"5s"`, `"250ms"`, `"2 min"`, `"1500"` (milliseconds, as in
    /// PostgreSQL), or `"0"` for none. Spaces around the number and between number and unit are allowed.
    /// - Throws: ``ParseError`` saying what is wrong with `text`.
    package init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.first == "-" { throw .negative(trimmed) }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let rest = trimmed[digits.endIndex...]
        guard !digits.isEmpty else { throw .notANumber(trimmed) }
        if rest.first == "." || rest.first == "," { throw .fractional(trimmed) }
        let unitText = String(rest).trimmingSpaces()
        let unit: Unit
        if unitText.isEmpty {
            unit = .milliseconds
        } else if let known = Unit(rawValue: unitText) {
            unit = known
        } else if unitText.first?.isLetter == true {
            throw .unknownUnit(unitText)
        } else {
            throw .notANumber(trimmed)
        }
        // Too many digits for Int64 is certainly too large for PostgreSQL.
        guard let amount = Int64(digits) else { throw .tooLarge(trimmed) }
        try self.init(amount, unit, writtenAs: trimmed)
    }

    /// The time in milliseconds.
    package var milliseconds: Int64 { amount * unit.milliseconds }

    /// Whether this setting means no limit.
    package var isNone: Bool { amount == 0 }

    /// The time as a Swift `Duration`, or `nil` for no limit.
    package var duration: Duration? { isNone ? nil : .milliseconds(milliseconds) }

    /// The value as PostgreSQL reads it in `SET`: `5s`, `250ms`, `0`.
    package var postgresValue: String { isNone ? "0" : "\(amount)\(unit.rawValue)" }

    /// The value as a quoted SQL literal, ready for `SET LOCAL lock_timeout = '5s'`.
    package var sqlLiteral: String { "'\(postgresValue)'" }

    package var description: String { postgresValue }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
