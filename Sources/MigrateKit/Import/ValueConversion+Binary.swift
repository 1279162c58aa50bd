/// COPY's binary format: PostgreSQL reads each value as it stores it, without parsing text. About a quarter less
/// server time than text for a table of uuids, timestamps, booleans and numbers (the work PostgreSQL does to
/// read timestamp text dominates); used when every column of a table has a binary form here.
extension ValueConversion {
    /// The bytes that start binary COPY data: signature, flags, header extension length.
    static let binaryHeader: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The field count -1 that ends binary COPY data.
    static let binaryTrailer: [UInt8] = [0xFF, 0xFF]

    /// Whether values for `kind` have a binary form here (numeric, arrays, intervals and other types go as text).
    static func hasBinaryForm(_ kind: TargetKind) -> Bool {
        switch kind {
        case .numeric, .array, .interval, .other: false
        default: true
        }
    }

    /// Starts a row of `fields` fields.
    static func beginBinaryRow(fields: Int, in row: inout [UInt8]) {
        appendBigEndian(UInt16(fields), to: &row)
    }

    /// Appends `value` as one binary field: its length, then PostgreSQL's binary representation of it.
    func appendBinary(_ value: SourceValue, to row: inout [UInt8]) throws(ConversionFailure) {
        if case .null = value {
            Self.appendBigEndian(UInt32(bitPattern: -1), to: &row)
            return
        }
        let lengthAt = row.count
        row.append(contentsOf: [0, 0, 0, 0])
        try appendBinaryValue(value, to: &row)
        let length = UInt32(row.count - lengthAt - 4)
        row[lengthAt] = UInt8(length >> 24)
        row[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 16)
        row[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 8)
        row[lengthAt + 3] = UInt8(truncatingIfNeeded: length)
    }

    /// Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
    private static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000

    private func appendBinaryValue(_ value: SourceValue, to row: inout [UInt8]) throws(ConversionFailure) {
        if kind.isPointInTime, let infinity = Self.infinity(value) {
            let positive = infinity == "infinity"
            if case .date = kind {
                Self.appendBigEndian(UInt32(bitPattern: positive ? Int32.max : Int32.min), to: &row)
            } else {
                Self.appendBigEndian(UInt64(bitPattern: positive ? Int64.max : Int64.min), to: &row)
            }
            return
        }
        switch kind {
        case .smallint:
            let number = try integer(value, in: Int64(Int16.min)...Int64(Int16.max), "a smallint")
            Self.appendBigEndian(UInt16(bitPattern: Int16(number)), to: &row)
        case .integer:
            let number = try integer(value, in: Int64(Int32.min)...Int64(Int32.max), "an integer")
            Self.appendBigEndian(UInt32(bitPattern: Int32(number)), to: &row)
        case .bigint:
            Self.appendBigEndian(UInt64(bitPattern: try integer(value, in: Int64.min...Int64.max, "a bigint")), to: &row)
        case .real: Self.appendBigEndian(Float(try floatingValue(value)).bitPattern, to: &row)
        case .double: Self.appendBigEndian(try floatingValue(value).bitPattern, to: &row)
        case .boolean: row.append(try boolean(value) ? 1 : 0)
        case .timestampWithTimeZone, .timestamp:
            let micros = try instant(value) - Self.postgresEpochMicroseconds
            Self.appendBigEndian(UInt64(bitPattern: micros), to: &row)
        case .date:
            let micros = try instant(value) - Self.postgresEpochMicroseconds
            let days = micros >= 0 ? micros / 86_400_000_000 : (micros + 1) / 86_400_000_000 - 1
            Self.appendBigEndian(UInt32(bitPattern: Int32(days)), to: &row)
        case .time: Self.appendBigEndian(UInt64(bitPattern: try timeOfDay(value)), to: &row)
        case .json: try Self.appendText(try json(value), to: &row)
        case .jsonb:
            row.append(1)  // jsonb's binary format version
            try Self.appendText(try json(value), to: &row)
        case .uuid:
            let hex = try uuidHexDigits(value)
            for index in stride(from: 0, to: 32, by: 2) {
                row.append(Self.nibble(hex[index]) << 4 | Self.nibble(hex[index + 1]))
            }
        case .bytea: row.append(contentsOf: try byteaBytes(value))
        case .text(let limit): try Self.appendText(try text(value, limit: limit), to: &row)
        case .numeric, .array, .interval, .other:
            preconditionFailure("\(kind) has no binary form here; the table is copied as text")
        }
    }

    private static func appendText(_ text: String, to row: inout [UInt8]) throws(ConversionFailure) {
        let start = row.count
        row.append(contentsOf: text.utf8)
        if row[start...].contains(0) {
            throw ConversionFailure(expected: "text without NUL characters (PostgreSQL cannot store them in text)")
        }
    }

    private static func nibble(_ hexDigit: UInt8) -> UInt8 {
        hexDigit <= 0x39 ? hexDigit - 0x30 : hexDigit - 0x57
    }

    private static func appendBigEndian<Value: FixedWidthInteger>(_ value: Value, to row: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { row.append(contentsOf: $0) }
    }
}
