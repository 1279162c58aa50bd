import PostgresClient
/// How one DuckDB column is read: the SQL that turns its value into text DuckDB's CSV writer passes through
/// unchanged, and how that text becomes a ``SourceValue``.
///
/// | DuckDB type | SQL | SourceValue |
/// |---|---|---|
/// | BOOLEAN, TINYINT … BIGINT, UTINYINT … UINTEGER | the number | `.integer` (BOOLEAN as 0/1) |
/// | FLOAT, DOUBLE | shortest text that reads back the same | `.real` |
/// | BLOB | `hex()` | `.blob`, exact bytes |
/// | TIMESTAMP WITH TIME ZONE | the UTC time plus `+00:00`, whatever the session's zone | `.text` |
/// | DATE, TIME, TIMESTAMP[_S/_MS/_NS] | DuckDB's text; ` (BC)` moved to a trailing ` BC` | `.text` |
/// | INTERVAL | its parts | `.text` as PostgreSQL prints it (`1 year 2 mons 3 days 04:05:06.789`) |
/// | LIST, ARRAY, STRUCT, MAP, UNION | `to_json()` | `.text` |
/// | anything else (VARCHAR, ENUM, UUID, DECIMAL, HUGEINT, UBIGINT …) | `CAST(… AS VARCHAR)` | `.text` |
struct DuckDBColumnReading {
    enum Decoding {
        case integer
        case real
        case blob
        case text
        /// Text in which DuckDB may have written ` (BC)`, which PostgreSQL spells as a trailing ` BC`.
        case dateTime
        /// Years, months, days, hours, minutes and microseconds, separated by spaces.
        case interval
    }

    let column: String
    /// The SQL expression for the column's value, as text.
    let expression: String
    let decoding: Decoding

    /// - Parameters:
    ///   - declaredType: The type as `duckdb_columns()` spells it; `nil` for a column the table does not declare
    ///     (DuckDB's `rowid`).
    init(column: String, declaredType: String?) {
        self.column = column
        let name = SQLQuoting.identifier(column)
        let text = "CAST(\(name) AS VARCHAR)"
        guard let declaredType else {
            (expression, decoding) = column == "rowid" ? (text, .integer) : (text, .text)
            return
        }
        switch declaredType.uppercased() {
        case "BOOLEAN":
            (expression, decoding) = ("CAST(CAST(\(name) AS INTEGER) AS VARCHAR)", .integer)
        case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER":
            (expression, decoding) = (text, .integer)
        case "FLOAT", "DOUBLE":
            (expression, decoding) = (text, .real)
        case "BLOB":
            (expression, decoding) = ("hex(\(name))", .blob)
        case "TIMESTAMP WITH TIME ZONE":
            // The instant's microseconds since the epoch, as a TIMESTAMP, is its UTC time: no time zone setting
            // (nor the ICU extension) is involved.
            (expression, decoding) = (
                "CASE WHEN isfinite(\(name)) THEN CAST(make_timestamp(epoch_us(\(name))) AS VARCHAR) || '+00:00' "
                    + "ELSE \(text) END",
                .dateTime
            )
        case "INTERVAL":
            // DuckDB's own text (`1 year 2 months`) is valid input for PostgreSQL but not its output, which a
            // verification compares with.
            let parts = ["year", "month", "day", "hour", "minute", "microseconds"].map {
                "CAST(datepart('\($0)', \(name)) AS VARCHAR)"
            }
            (expression, decoding) = (parts.joined(separator: " || ' ' || "), .interval)
        case "DATE", "TIME", "TIME_NS", "TIME WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS",
            "TIMESTAMP_NS":
            (expression, decoding) = (text, .dateTime)
        case let type
        where type.hasSuffix("]") || type.hasPrefix("STRUCT(") || type.hasPrefix("MAP(")
            || type.hasPrefix("UNION("):
            (expression, decoding) = ("CAST(to_json(\(name)) AS VARCHAR)", .text)
        default:
            (expression, decoding) = (text, .text)
        }
    }

    /// The value of one field of a result row.
    ///
    /// - Throws: ``MigrateError`` (code `internal`) if DuckDB's text is not what the expression gives.
    func value(_ bytes: UnsafeBufferPointer<UInt8>?) throws(MigrateError) -> SourceValue {
        guard let bytes else { return .null }
        switch decoding {
        case .integer:
            if let number = Self.integer(bytes) { return .integer(number) }
        case .real:
            if let number = Double(String(decoding: bytes, as: UTF8.self)) { return .real(number) }
        case .blob:
            if let data = Self.hexDecoded(bytes) { return .blob(data) }
        case .text:
            return .text(String(decoding: bytes, as: UTF8.self))
        case .dateTime:
            let text = String(decoding: bytes, as: UTF8.self)
            // A byte scan first: searching the String costs more than reading the rest of the row.
            guard bytes.contains(UInt8(ascii: "(")), text.contains(" (BC)") else { return .text(text) }
            return .text(text.replacing(" (BC)", with: "") + " BC")
        case .interval:
            let parts = bytes.split(separator: UInt8(ascii: " ")).compactMap {
                Self.integer(UnsafeBufferPointer(rebasing: $0))
            }
            if parts.count == 6 {
                return .text(
                    Self.postgresInterval(
                        years: parts[0],
                        months: parts[1],
                        days: parts[2],
                        hours: parts[3],
                        minutes: parts[4],
                        microseconds: parts[5]
                    )
                )
            }
        }
        throw MigrateError(
            .internal,
            "DuckDB gave \(String(decoding: bytes.prefix(80), as: UTF8.self)) for column \(column), "
                + "which does not read as \(decoding)"
        )
    }

    /// An interval as PostgreSQL prints it with `IntervalStyle` `postgres` (its default), from the parts
    /// `date_part` gives: `-1 years -2 mons +3 days -04:05:06.5`. Same rules as PostgreSQL's `EncodeInterval`.
    static func postgresInterval(
        years: Int64,
        months: Int64,
        days: Int64,
        hours: Int64,
        minutes: Int64,
        microseconds: Int64
    ) -> String {
        var text = ""
        var isZero = true
        // Whether the previous part was negative: a positive part after it gets an explicit `+`.
        var isBefore = false
        for (value, unit) in [(years, "year"), (months, "mon"), (days, "day")] where value != 0 {
            text += (isZero ? "" : " ") + (isBefore && value > 0 ? "+" : "") + "\(value) \(unit)"
            if value != 1 { text += "s" }
            isBefore = value < 0
            isZero = false
        }
        guard isZero || hours != 0 || minutes != 0 || microseconds != 0 else { return text }
        let minus = hours < 0 || minutes < 0 || microseconds < 0
        func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        text += (isZero ? "" : " ") + (minus ? "-" : isBefore ? "+" : "")
        text += twoDigits(hours.magnitude.int64) + ":" + twoDigits(minutes.magnitude.int64) + ":"
        text += twoDigits((microseconds.magnitude / 1_000_000).int64)
        let fraction = microseconds.magnitude % 1_000_000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let digits = negative ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
        guard !digits.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private static func hexDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var result = [UInt8]()
        result.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}

extension UInt64 {
    fileprivate var int64: Int64 { Int64(truncatingIfNeeded: self) }
}
