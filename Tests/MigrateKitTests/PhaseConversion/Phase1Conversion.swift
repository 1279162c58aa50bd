@testable import MigrateKit

/// The conversion rules of revision 7f41c9a2e806 for ids and timestamps, restated in Swift from its header so
/// the data tests have an oracle that does not share the revision's SQL.
enum Phase1Conversion {
    // MARK: - Ids

    /// The canonical (lower-case, hyphenated) UUID a phase-1 id spells, or `nil` when PostgreSQL's uuid input
    /// refuses it: 32 hex digits in any case, an optional hyphen after any group of four (not after the last),
    /// the whole optionally inside one pair of braces, nothing else (no spaces).
    static func uuid(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "{") {
            guard bytes.count >= 2, bytes.last == UInt8(ascii: "}") else { return nil }
            bytes = Array(bytes.dropFirst().dropLast())
        }
        var digits: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") {
                // Allowed only right after a complete group of four digits, and never after the last one.
                guard !digits.isEmpty, digits.count % 4 == 0, digits.count < 32, index > 0,
                    bytes[index - 1] != UInt8(ascii: "-")
                else { return nil }
            } else {
                guard let digit = hexDigit(byte) else { return nil }
                digits.append(digit)
            }
            index += 1
        }
        guard digits.count == 32, bytes.last != UInt8(ascii: "-") else { return nil }
        let hex = String(decoding: digits, as: UTF8.self)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return groups.joined(separator: "-")
    }

    /// The lower-case hex digit for an ASCII hex digit byte.
    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): byte
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte + 32
        default: nil
        }
    }

    /// For the ids of one table: the phase-1 id that keeps the value of each UUID. Several ids can spell one
    /// UUID; the canonical spelling wins, else the first in "C" (byte) order. Ids not listed get new UUIDs.
    static func idsKeepingTheirUUID(_ ids: [String]) -> [String: String] {
        var winners: [String: String] = [:]  // canonical UUID -> phase-1 id
        for id in ids {
            guard let canonical = uuid(id) else { continue }
            guard let current = winners[canonical] else {
                winners[canonical] = id
                continue
            }
            if current == canonical { continue }
            if id == canonical || Array(id.utf8).lexicographicallyPrecedes(Array(current.utf8)) {
                winners[canonical] = id
            }
        }
        return Dictionary(uniqueKeysWithValues: winners.map { ($0.value, $0.key) })
    }

    /// Whether `text` is the canonical text of a random (version 4, RFC 4122 variant) UUID: what
    /// `gen_random_uuid()` returns.
    static func isRandomUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36, uuid(text) == text else { return false }
        return bytes[14] == UInt8(ascii: "4") && "89ab".utf8.contains(bytes[19])
    }

    // MARK: - Timestamps

    /// The instant a phase-1 timestamp text stands for, as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC, or `nil` when the
    /// revision must refuse the text.
    ///
    /// Accepted: `YYYY-MM-DD`, or `YYYY-MM-DD` then `T` or a space, `HH:MM`, optionally `:SS` with an optional
    /// fraction, then optionally `Z`, `+HH:MM`, `-HH:MM`, `+HHMM` or `-HHMM`. No offset means UTC. Fractions
    /// beyond microseconds are rounded (to nearest, as PostgreSQL rounds float seconds). Dates and times must
    /// exist (24:00:00 and a leap second :60 are allowed, as PostgreSQL allows them); an offset is at most 15
    /// hours.
    static func utcText(_ text: String) -> String? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2),
            scanner.skip("-"), let day = scanner.number(digits: 2)
        else { return nil }
        var hour = 0
        var minute = 0
        var seconds = 0.0
        var offsetMinutes = 0
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip(" "), let h = scanner.number(digits: 2), scanner.skip(":"),
                let m = scanner.number(digits: 2)
            else { return nil }
            hour = h
            minute = m
            if scanner.skip(":") {
                guard let wholeSeconds = scanner.number(digits: 2) else { return nil }
                var secondsText = String(wholeSeconds)
                if scanner.skip(".") {
                    let fraction = scanner.digits()
                    guard !fraction.isEmpty else { return nil }
                    secondsText += "." + fraction
                }
                seconds = Double(secondsText)!
            }
            if scanner.skip("Z") {
                offsetMinutes = 0
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.number(digits: 2) else { return nil }
                _ = scanner.skip(":")
                guard let offsetMins = scanner.number(digits: 2), offsetHours <= 15, offsetMins <= 59 else {
                    return nil
                }
                offsetMinutes = sign * (offsetHours * 60 + offsetMins)
            }
            guard scanner.atEnd else { return nil }
        }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= GregorianCalendar.daysIn(month: month, year: year),
            hour < 24 || (hour == 24 && minute == 0 && seconds == 0), minute <= 59, seconds <= 60
        else { return nil }

        let microsecondsPerMinute: Int64 = 60_000_000
        let days = GregorianCalendar.daysSince1970(year: year, month: month, day: day)
        var micros = Int64(days) * 1440 * microsecondsPerMinute
        micros += Int64(hour * 60 + minute) * microsecondsPerMinute
        micros += Int64((seconds * 1_000_000).rounded(.toNearestOrEven))
        micros -= Int64(offsetMinutes) * microsecondsPerMinute
        return render(micros)
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff` of microseconds since 1970-01-01 00:00 UTC.
    private static func render(_ micros: Int64) -> String {
        let microsPerDay: Int64 = 86_400_000_000
        let days = micros >= 0 ? micros / microsPerDay : (micros - microsPerDay + 1) / microsPerDay
        var rest = micros - days * microsPerDay
        let (year, month, day) = GregorianCalendar.civilDate(daysSince1970: Int(days))
        let hour = rest / 3_600_000_000
        rest %= 3_600_000_000
        let minute = rest / 60_000_000
        rest %= 60_000_000
        let second = rest / 1_000_000
        let fraction = rest % 1_000_000
        func pad(_ value: some BinaryInteger, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            + ".\(pad(fraction, 6))"
    }

    /// Reads ASCII digits and punctuation from the front of a byte string.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `digits` decimal digits.
        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count,
                bytes[index..<index + count].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else { return nil }
            defer { index += count }
            return Int(String(decoding: bytes[index..<index + count], as: UTF8.self))
        }

        /// Every decimal digit from here on.
        mutating func digits() -> String {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// `+` → 1, `-` → -1.
        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
