/// Reads the ways SQLite apps spell points in time, and writes them the way PostgreSQL reads them.
///
/// Accepted: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff…]]` with a space or `T` between date and time, followed
/// by nothing (UTC), `Z`, `UTC`, or an offset `±HH`, `±HHMM`, `±HH:MM`; and Unix epoch numbers.
package enum TimestampText {
    /// A point in time in microseconds since 1970-01-01 00:00 UTC.
    typealias Microseconds = Int64

    /// How an epoch number is read.
    package enum EpochUnit: String, Sendable, CaseIterable {
        /// Seconds below 100,000,000,000 in magnitude (the year 5138), milliseconds from there on.
        case auto
        case seconds = "s"
        case milliseconds = "ms"
        case microseconds = "us"
    }

    /// The instant `text` names; nil when it is not one of the accepted spellings or not a real date.
    static func parse(_ text: String) -> Microseconds? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Microseconds? {
        var reader = Reader(bytes: bytes)
        reader.skipSpaces()
        guard let year = reader.digits(exactly: 4), reader.take(UInt8(ascii: "-")),
            let month = reader.digits(exactly: 2), reader.take(UInt8(ascii: "-")),
            let day = reader.digits(exactly: 2),
            (1...12).contains(month), day >= 1, day <= GregorianCalendar.daysIn(month: month, year: year)
        else { return nil }
        var micros = Int64(GregorianCalendar.daysSince1970(year: year, month: month, day: day)) * 86_400_000_000
        if reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")) || reader.takeSpaceBeforeDigit() {
            guard let time = reader.timeOfDay() else { return nil }
            micros += time
            reader.skipSpaces()
            guard let offset = reader.offset() else { return nil }
            micros -= offset
        }
        reader.skipSpaces()
        return reader.atEnd ? micros : nil
    }

    /// A time of day (`HH:MM[:SS[.fff…]]`) in microseconds since midnight.
    static func parseTimeOfDay(_ text: String) -> Microseconds? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            reader.skipSpaces()
            guard let time = reader.timeOfDay() else { return nil }
            reader.skipSpaces()
            return reader.atEnd ? time : nil
        }
    }

    /// The instant of an epoch number in `unit`; nil when out of PostgreSQL's range.
    static func fromEpoch(_ value: Double, unit: EpochUnit) -> Microseconds? {
        guard value.isFinite else { return nil }
        let factor: Double =
            switch unit {
            case .auto: abs(value) >= 100_000_000_000 ? 1_000 : 1_000_000
            case .seconds: 1_000_000
            case .milliseconds: 1_000
            case .microseconds: 1
            }
        let micros = (value * factor).rounded()
        // Years 1 to 9999.
        guard micros >= -62_135_596_800_000_000, micros < 253_402_300_800_000_000 else { return nil }
        return Int64(micros)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`, with `+00` when `zone`.
    static func format(_ micros: Microseconds, zone: Bool) -> String {
        let (days, timeOfDay) = floorDivide(micros, 86_400_000_000)
        var text = formatDate(days: days) + " " + formatTime(timeOfDay)
        if zone { text += "+00" }
        return text
    }

    /// `YYYY-MM-DD` of the UTC day `micros` falls on.
    static func formatDate(_ micros: Microseconds) -> String {
        formatDate(days: floorDivide(micros, 86_400_000_000).0)
    }

    /// `HH:MM:SS[.ffffff]` of microseconds since midnight.
    static func formatTime(_ timeOfDay: Microseconds) -> String {
        let seconds = timeOfDay / 1_000_000
        let fraction = timeOfDay % 1_000_000
        var text = pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        return text
    }

    private static func formatDate(days: Int64) -> String {
        let (year, month, day) = GregorianCalendar.civilDate(daysSince1970: Int(days))
        return pad(Int64(year), 4) + "-" + pad(Int64(month), 2) + "-" + pad(Int64(day), 2)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        }

        /// One space between a date and a time.
        mutating func takeSpaceBeforeDigit() -> Bool {
            guard index + 1 < bytes.count, bytes[index] == 0x20, isDigit(bytes[index + 1]) else { return false }
            index += 1
            return true
        }

        mutating func digits(exactly count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// `HH:MM[:SS[.fff…]]` in microseconds.
        mutating func timeOfDay() -> Int64? {
            guard let hour = digits(exactly: 2), take(UInt8(ascii: ":")), let minute = digits(exactly: 2),
                hour < 24, minute < 60
            else { return nil }
            var second = 0
            var fraction: Int64 = 0
            if take(UInt8(ascii: ":")) {
                guard let value = digits(exactly: 2), value < 60 else { return nil }
                second = value
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    var scale: Int64 = 100_000
                    var remainder = 0
                    var count = 0
                    while index < bytes.count, isDigit(bytes[index]) {
                        let digit = Int64(bytes[index] - 0x30)
                        if count < 6 {
                            fraction += digit * scale
                            scale /= 10
                        } else if count == 6 {
                            remainder = Int(digit)
                        }
                        count += 1
                        index += 1
                    }
                    guard count > 0 else { return nil }
                    if remainder >= 5 { fraction += 1 }
                }
            }
            return (Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)) * 1_000_000 + fraction
        }

        /// A zone designator's offset east of UTC in microseconds: 0 for none, `Z` or `UTC`.
        mutating func offset() -> Int64? {
            if atEnd { return 0 }
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return 0 }
            if bytes.count - index >= 3, bytes[index] == UInt8(ascii: "U"), bytes[index + 1] == UInt8(ascii: "T"),
                bytes[index + 2] == UInt8(ascii: "C")
            {
                index += 3
                return 0
            }
            let sign: Int64
            if take(UInt8(ascii: "+")) {
                sign = 1
            } else if take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let hours = digits(exactly: 2), hours <= 15 else { return nil }
            _ = take(UInt8(ascii: ":"))
            let minutes = digits(exactly: 2) ?? 0
            guard minutes < 60 else { return nil }
            return sign * (Int64(hours) * 3600 + Int64(minutes) * 60) * 1_000_000
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    }
}
