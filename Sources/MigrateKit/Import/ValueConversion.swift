/// Converts one source value for one target column, appending it to a COPY row (text format here, binary in
/// `ValueConversion+Binary.swift`).
///
/// The conversion is chosen by the target column's type and applied per value, since an SQLite column may hold
/// values of several storage classes. A value that does not fit throws ``ConversionFailure``, which says what
/// was expected.
struct ValueConversion: Sendable {
    let kind: TargetKind
    /// How a number for a timestamp or date column is read.
    var epochUnit: TimestampText.EpochUnit = .auto

    /// Why a value did not convert: what the column expected.
    struct ConversionFailure: Error {
        var expected: String
    }

    /// Appends `value` in COPY's text format (`\N` for NULL, tabs, newlines and backslashes escaped).
    func append(_ value: SourceValue, to row: inout [UInt8]) throws(ConversionFailure) {
        if case .null = value {
            row.append(UInt8(ascii: "\\"))
            row.append(UInt8(ascii: "N"))
            return
        }
        try Self.appendEscaped(try text(value, as: kind), to: &row)
    }

    /// The value as PostgreSQL's input text for `kind`.
    func text(_ value: SourceValue, as kind: TargetKind) throws(ConversionFailure) -> String {
        if kind.isPointInTime, let infinity = Self.infinity(value) { return infinity }
        switch kind {
        case .smallint: return String(try integer(value, in: Int64(Int16.min)...Int64(Int16.max), "a smallint"))
        case .integer: return String(try integer(value, in: Int64(Int32.min)...Int64(Int32.max), "an integer"))
        case .bigint: return String(try integer(value, in: Int64.min...Int64.max, "a bigint"))
        case .numeric: return try numeric(value)
        case .real, .double: return try floating(value)
        case .boolean: return try boolean(value) ? "t" : "f"
        case .timestampWithTimeZone: return TimestampText.format(try instant(value), zone: true)
        case .timestamp: return TimestampText.format(try instant(value), zone: false)
        case .date: return TimestampText.formatDate(try instant(value))
        case .time: return try time(value)
        case .json, .jsonb: return try json(value)
        case .uuid: return try uuid(value)
        case .bytea: return try bytea(value)
        case .text(let limit): return try text(value, limit: limit)
        case .array(let element): return try array(value, of: element)
        case .interval: return try plainText(value, expected: "an interval")
        case .other: return try plainText(value, expected: "text")
        }
    }

    /// Whether ``text(_:as:)`` (and COPY's escaping after it) would take `value` for `kind`, without writing
    /// anything: the check `revision --from` runs on every value of a file. Kept beside ``text(_:as:)``, which it
    /// must agree with (a test compares the two on values of every storage class for every kind).
    func accepts(_ value: SourceValue, as kind: TargetKind) -> Bool {
        if case .null = value { return true }
        if kind.isPointInTime, Self.infinity(value) != nil { return true }
        switch kind {
        case .smallint: return (try? integer(value, in: Int64(Int16.min)...Int64(Int16.max), "")) != nil
        case .integer: return (try? integer(value, in: Int64(Int32.min)...Int64(Int32.max), "")) != nil
        case .bigint: return (try? integer(value, in: Int64.min...Int64.max, "")) != nil
        case .numeric:
            switch value {
            case .integer, .real: return true
            case .text(let text): return Self.isDecimal(text)
            default: return false
            }
        case .real, .double: return (try? floatingValue(value)) != nil
        case .boolean: return (try? boolean(value)) != nil
        case .timestampWithTimeZone, .timestamp, .date: return (try? instant(value)) != nil
        case .time: return (try? timeOfDay(value)) != nil
        case .json, .jsonb:
            switch value {
            case .integer: return true
            case .real(let real): return real.isFinite
            case .text(let text): return JSONText.isValid(text)
            default: return false
            }
        case .uuid: return (try? uuidHexDigits(value)) != nil
        case .bytea:
            switch value {
            case .blob, .text: return true
            default: return false
            }
        case .text(let limit):
            switch value {
            case .text(let text):
                return !Self.containsNUL(text) && (limit.map { text.unicodeScalars.count <= $0 } ?? true)
            case .integer(let integer): return limit.map { String(integer).count <= $0 } ?? true
            case .real(let real): return limit.map { Self.text(of: real).count <= $0 } ?? true
            case .blob: return (try? text(value, limit: limit)).map { !Self.containsNUL($0) } ?? false
            case .null: return true
            }
        case .array, .interval, .other:
            guard let text = try? text(value, as: kind) else { return false }
            return !Self.containsNUL(text)
        }
    }

    /// Whether `text` holds a NUL character, which PostgreSQL's text types cannot store.
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(0) }
    }

    // MARK: - Numbers

    func integer(_ value: SourceValue, in range: ClosedRange<Int64>, _ name: String) throws(ConversionFailure)
        -> Int64
    {
        let number: Int64?
        switch value {
        case .integer(let integer): number = integer
        case .real(let real):
            number = real.rounded() == real && abs(real) < 9.2e18 ? Int64(real) : nil
        case .text(let text): number = Int64(text)
        default: number = nil
        }
        guard let number, range.contains(number) else {
            throw ConversionFailure(expected: "\(name) (\(range.lowerBound) to \(range.upperBound))")
        }
        return number
    }

    private func numeric(_ value: SourceValue) throws(ConversionFailure) -> String {
        switch value {
        case .integer(let integer): return String(integer)
        case .real(let real): return Self.text(of: real)
        case .text(let text) where Self.isDecimal(text): return text
        default: throw ConversionFailure(expected: "a number")
        }
    }

    private func floating(_ value: SourceValue) throws(ConversionFailure) -> String {
        Self.text(of: try floatingValue(value))
    }

    func floatingValue(_ value: SourceValue) throws(ConversionFailure) -> Double {
        switch value {
        case .integer(let integer): return Double(integer)
        case .real(let real): return real
        case .text(let text):
            // Swift reads "inf" and "nan" too; PostgreSQL's spellings are Infinity and NaN.
            guard let real = Double(text),
                real.isFinite || ["infinity", "-infinity", "+infinity", "nan"].contains(text.lowercased())
            else { throw ConversionFailure(expected: "a floating-point number") }
            return real
        default: throw ConversionFailure(expected: "a floating-point number")
        }
    }

    /// Shortest text that reads back as the same double; PostgreSQL's spellings of the special values.
    static func text(of real: Double) -> String {
        if real.isNaN { return "NaN" }
        if real.isInfinite { return real < 0 ? "-Infinity" : "Infinity" }
        return real.description
    }

    /// `[-+]digits[.digits][e[-+]digits]`, or `.5`, or NaN/Infinity.
    static func isDecimal(_ text: String) -> Bool {
        if ["nan", "infinity", "-infinity", "+infinity"].contains(text.lowercased()) { return true }
        var bytes = text.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let integerDigits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        bytes = bytes.dropFirst(integerDigits)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(fractionDigits)
        }
        guard integerDigits + fractionDigits > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponentDigits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            guard exponentDigits > 0 else { return false }
            bytes = bytes.dropFirst(exponentDigits)
        }
        return bytes.isEmpty
    }

    // MARK: - Booleans, times

    /// PostgreSQL's `infinity` and `-infinity` timestamps and dates, as DuckDB and PostgreSQL spell them.
    static func infinity(_ value: SourceValue) -> String? {
        guard case .text(let text) = value else { return nil }
        switch text.lowercased() {
        case "infinity", "+infinity": return "infinity"
        case "-infinity": return "-infinity"
        default: return nil
        }
    }

    func boolean(_ value: SourceValue) throws(ConversionFailure) -> Bool {
        let expected = "a boolean (0/1, true/false, t/f, yes/no)"
        switch value {
        case .integer(0): return false
        case .integer(1): return true
        case .real(0): return false
        case .real(1): return true
        case .text(let text):
            switch text.lowercased() {
            case "1", "true", "t", "yes", "y": return true
            case "0", "false", "f", "no", "n": return false
            default: throw ConversionFailure(expected: expected)
            }
        default: throw ConversionFailure(expected: expected)
        }
    }

    func instant(_ value: SourceValue) throws(ConversionFailure) -> TimestampText.Microseconds {
        let expected =
            "a timestamp (YYYY-MM-DD[ HH:MM:SS[.fff]][Z|±HH:MM], ISO 8601 with T, or Unix epoch seconds/milliseconds)"
        let instant: TimestampText.Microseconds?
        switch value {
        case .integer(let integer): instant = TimestampText.fromEpoch(Double(integer), unit: epochUnit)
        case .real(let real): instant = TimestampText.fromEpoch(real, unit: epochUnit)
        case .text(let text):
            if let parsed = TimestampText.parse(text) {
                instant = parsed
            } else if Self.isDecimal(text), let number = Double(text) {
                instant = TimestampText.fromEpoch(number, unit: epochUnit)
            } else {
                instant = nil
            }
        default: instant = nil
        }
        guard let instant else { throw ConversionFailure(expected: expected) }
        return instant
    }

    private func time(_ value: SourceValue) throws(ConversionFailure) -> String {
        TimestampText.formatTime(try timeOfDay(value))
    }

    func timeOfDay(_ value: SourceValue) throws(ConversionFailure) -> TimestampText.Microseconds {
        guard case .text(let text) = value, let time = TimestampText.parseTimeOfDay(text) else {
            throw ConversionFailure(expected: "a time of day (HH:MM[:SS[.ffffff]])")
        }
        return time
    }

    // MARK: - JSON, uuid, bytes, text

    func json(_ value: SourceValue) throws(ConversionFailure) -> String {
        switch value {
        case .integer(let integer): return String(integer)
        case .real(let real) where real.isFinite: return Self.text(of: real)
        case .text(let text) where JSONText.isValid(text): return text
        default: throw ConversionFailure(expected: "valid JSON")
        }
    }

    private func uuid(_ value: SourceValue) throws(ConversionFailure) -> String {
        var hex = try uuidHexDigits(value)
        hex.insert(UInt8(ascii: "-"), at: 20)
        hex.insert(UInt8(ascii: "-"), at: 16)
        hex.insert(UInt8(ascii: "-"), at: 12)
        hex.insert(UInt8(ascii: "-"), at: 8)
        return String(decoding: hex, as: UTF8.self)
    }

    /// The 32 lower-case hex digits of a uuid.
    func uuidHexDigits(_ value: SourceValue) throws(ConversionFailure) -> [UInt8] {
        let expected = "a uuid (8-4-4-4-12 hex digits, optionally in braces, 32 hex digits, or a 16-byte blob)"
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        switch value {
        case .blob(let bytes) where bytes.count == 16:
            for byte in bytes { Self.appendHex(byte, to: &hex) }
        case .text(let text):
            var bytes = Array(text.utf8)
            if bytes.count == 38, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") {
                bytes = Array(bytes.dropFirst().dropLast())
            }
            if bytes.count == 36 {
                for position in [8, 13, 18, 23] where bytes[position] != UInt8(ascii: "-") {
                    throw ConversionFailure(expected: expected)
                }
                bytes.removeAll { $0 == UInt8(ascii: "-") }
            }
            guard bytes.count == 32 else { throw ConversionFailure(expected: expected) }
            for byte in bytes {
                switch byte {
                case 0x30...0x39, 0x61...0x66: hex.append(byte)
                case 0x41...0x46: hex.append(byte + 0x20)
                default: throw ConversionFailure(expected: expected)
                }
            }
        default: throw ConversionFailure(expected: expected)
        }
        return hex
    }

    private func bytea(_ value: SourceValue) throws(ConversionFailure) -> String {
        let bytes = try byteaBytes(value)
        var hex: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        hex.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes { Self.appendHex(byte, to: &hex) }
        return String(decoding: hex, as: UTF8.self)
    }

    func byteaBytes(_ value: SourceValue) throws(ConversionFailure) -> [UInt8] {
        switch value {
        case .blob(let blob): return blob
        case .text(let text): return Array(text.utf8)
        default: throw ConversionFailure(expected: "a blob or text")
        }
    }

    func text(_ value: SourceValue, limit: Int?) throws(ConversionFailure) -> String {
        let text = try plainText(value, expected: limit.map { "text of at most \($0) characters" } ?? "text")
        if let limit, text.unicodeScalars.count > limit {
            throw ConversionFailure(expected: "text of at most \(limit) characters (this has \(text.unicodeScalars.count))")
        }
        return text
    }

    private func plainText(_ value: SourceValue, expected: String) throws(ConversionFailure) -> String {
        switch value {
        case .null: return ""
        case .integer(let integer): return String(integer)
        case .real(let real): return Self.text(of: real)
        case .text(let text): return text
        case .blob(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ConversionFailure(expected: "\(expected) (this is a blob that is not UTF-8)")
            }
            return text
        }
    }

    private func array(_ value: SourceValue, of element: TargetKind) throws(ConversionFailure) -> String {
        guard case .text(let text) = value else {
            throw ConversionFailure(expected: "an array (a JSON array, or an array literal {...})")
        }
        if text.hasPrefix("{") { return text }
        guard let literal = JSONText.arrayLiteral(text) else {
            throw ConversionFailure(expected: "an array (a JSON array, or an array literal {...})")
        }
        return literal
    }

    // MARK: - COPY text format

    private static func appendEscaped(_ text: String, to row: inout [UInt8]) throws(ConversionFailure) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"):
                row.append(byte)
                row.append(byte)
            case UInt8(ascii: "\n"):
                row.append(UInt8(ascii: "\\"))
                row.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"):
                row.append(UInt8(ascii: "\\"))
                row.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"):
                row.append(UInt8(ascii: "\\"))
                row.append(UInt8(ascii: "t"))
            case 0:
                throw ConversionFailure(expected: "text without NUL characters (PostgreSQL cannot store them in text)")
            default:
                row.append(byte)
            }
        }
    }

    private static func appendHex(_ byte: UInt8, to bytes: inout [UInt8]) {
        func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        bytes.append(digit(byte >> 4))
        bytes.append(digit(byte & 0x0F))
    }
}
