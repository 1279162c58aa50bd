import PostgresClient
import SQLiteClient

/// Checks the written SQLite file against PostgreSQL's snapshot: row counts, or every value read back from the
/// file and compared, as a value of the PostgreSQL column's type, with what PostgreSQL holds (instants as
/// instants, JSON as parsed values, numbers as numbers, uuids by their digits), whatever spelling it was written in.
struct ExportVerifier {
    let connection: PostgresConnection
    let database: SQLiteDatabase

    /// What differs, or nil when everything matches.
    /// - Parameter rows: The rows PostgreSQL sent for the table.
    func verify(_ table: ExportPlan.Table, rows: Int, level: ImportVerifier.Level) throws -> String? {
        guard level != .none else { return nil }
        let stored =
            Int(
                (try database.rows("SELECT count(*) FROM \(SQLQuoting.identifier(table.sqliteName))").first?.first ?? nil)
                    ?? ""
            ) ?? -1
        if stored != rows {
            return "\(table.sqliteName): \(stored) rows in the SQLite file, \(rows) in PostgreSQL"
        }
        guard level == .full else { return nil }
        return try compareRows(table)
    }

    private func compareRows(_ table: ExportPlan.Table) throws -> String? {
        let columns = table.columns
        let keyed = !table.keyPositions.isEmpty
        var rowIndex: [String: Int] = [:]
        var unmatched: [String: Int] = [:]
        var hashes: [Int] = []
        let select = try database.prepare(
            "SELECT \(columns.map { SQLQuoting.identifier($0.sqliteName) }.joined(separator: ", ")) "
                + "FROM \(SQLQuoting.identifier(table.sqliteName))"
        )
        var count = 0
        while try select.step() {
            let canonical = columns.indices.map { Self.canonical(stored: Self.value(select, $0), columns[$0]) }
            if keyed {
                rowIndex[table.keyPositions.map { canonical[$0] }.joined(separator: "\u{1F}")] = count
                hashes.append(contentsOf: canonical.map(\.hashValue))
                count += 1
            } else {
                unmatched[canonical.joined(separator: "\u{1F}"), default: 0] += 1
            }
        }
        var mismatch: String?
        var seen = 0
        try connection.copyOut(table.copySQL) { line in
            guard mismatch == nil else { return }
            let fields = ImportVerifier.fields(of: line)
            let canonical = columns.indices.map { Self.canonical(postgres: fields[$0], columns[$0]) }
            if !keyed {
                let text = canonical.joined(separator: "\u{1F}")
                if let count = unmatched[text] {
                    unmatched[text] = count == 1 ? nil : count - 1
                } else {
                    mismatch = "\(table.sqliteName): a PostgreSQL row is missing in the SQLite file: \(Self.cut(text))"
                }
                return
            }
            let keyText = table.keyPositions.map { "\(columns[$0].name)=\(Self.cut(fields[$0] ?? "NULL"))" }
                .joined(separator: ", ")
            guard let row = rowIndex[table.keyPositions.map { canonical[$0] }.joined(separator: "\u{1F}")] else {
                mismatch = "\(table.sqliteName): the SQLite file has no row \(keyText)"
                return
            }
            seen += 1
            for index in columns.indices where hashes[row * columns.count + index] != canonical[index].hashValue {
                mismatch =
                    "\(table.sqliteName), row \(keyText), column \(columns[index].sqliteName): "
                    + "PostgreSQL has \(Self.cut(fields[index] ?? "NULL")), the SQLite file a different value"
                return
            }
        }
        if let mismatch { return mismatch }
        if let (text, _) = unmatched.first {
            return "\(table.sqliteName): the SQLite file has a row PostgreSQL does not: \(Self.cut(text))"
        }
        if keyed, seen != count { return "\(table.sqliteName): \(count - seen) SQLite rows match no PostgreSQL row" }
        return nil
    }

    private static let nullMarker = "\u{0}NULL"

    private static func cut(_ text: String) -> String { text.count > 80 ? String(text.prefix(80)) + "…" : text }

    private static func value(_ statement: SQLiteStatement, _ index: Int) -> SourceValue {
        switch statement.storageClass(index) {
        case .null: .null
        case .integer: .integer(statement.int64(index))
        case .real: .real(statement.double(index))
        case .text: .text(statement.text(index))
        case .blob: .blob(statement.bytes(index))
        }
    }

    /// PostgreSQL's value (as the export's COPY prints it) in comparable form.
    static func canonical(postgres text: String?, _ column: ExportPlan.Column) -> String {
        guard let text else { return nullMarker }
        switch column.kind {
        case .timestampWithTimeZone, .timestamp, .date: return TimestampText.parse(text).map { "@\($0)" } ?? text
        case .real, .double: return Double(text).map { ValueConversion.text(of: $0) } ?? text
        case .numeric:
            if case .text = column.spelling { return text }
            return Double(text).map { ValueConversion.text(of: $0) } ?? text
        case .boolean: return text
        case .uuid: return UUIDText.digits(text) ?? text
        case .bytea: return text.hasPrefix("\\x") ? String(text.dropFirst(2)) : text
        case .json, .jsonb, .array: return JSONText.parse(text)?.json ?? text
        default: return text
        }
    }

    /// A value read back from the SQLite file, decoded by the column's spelling, in comparable form.
    static func canonical(stored value: SourceValue, _ column: ExportPlan.Column) -> String {
        if case .null = value { return nullMarker }
        switch (column.spelling, value) {
        case (.epoch(let milliseconds), .integer(let number)): return "@\(number * (milliseconds ? 1_000 : 1_000_000))"
        case (.epoch(let milliseconds), .real(let number)):
            return "@\(Int64((number * (milliseconds ? 1_000 : 1_000_000)).rounded()))"
        case (.booleanInteger, .integer(let number)): return number == 1 ? "t" : number == 0 ? "f" : String(number)
        case (.booleanText(let yes, let no), .text(let text)): return text == yes ? "t" : text == no ? "f" : text
        case (.uuidBlob, .blob(let bytes)), (.blob, .blob(let bytes)): return hex(bytes)
        default: break
        }
        let text: String =
            switch value {
            case .integer(let number): String(number)
            case .real(let number): ValueConversion.text(of: number)
            case .text(let text): text
            case .blob(let bytes): "\\x" + hex(bytes)
            case .null: nullMarker
            }
        switch column.kind {
        case .real, .double, .numeric:
            if case .text = column.spelling, case .numeric = column.kind { return text }
            if case .integer(let number) = value { return ValueConversion.text(of: Double(number)) }
            return text
        default:
            return canonical(postgres: text, column)
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
