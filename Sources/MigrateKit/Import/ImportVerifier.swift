import PostgresClient

/// Checks what PostgreSQL stored against the source, reading both back: row counts, or every row value by value.
///
/// Independent of the load: the target side is read from PostgreSQL (as PostgreSQL prints each value, instants
/// as epoch microseconds, bytes as hex), the source side from the source file, and the two are compared as
/// values of the target column's type (a timestamp as an instant, JSON as parsed values, numbers as numbers).
package struct ImportVerifier {
    let connection: PostgresConnection
    let reader: any SourceReader

    init(connection: PostgresConnection, reader: any SourceReader) {
        self.connection = connection
        self.reader = reader
    }

    /// How much to check.
    package enum Level: String, Sendable, CaseIterable {
        case none, counts, full
    }

    /// What differs, or nil when everything matches.
    func verify(_ table: ImportPlan.TableMapping, level: Level) throws -> String? {
        guard level != .none else { return nil }
        let stored = Int(try connection.query("SELECT count(*) FROM \(table.target.qualifiedName)").scalar ?? "") ?? -1
        if stored != table.sourceRows {
            return "\(table.target.name): \(stored) rows in PostgreSQL, \(table.sourceRows) in the source"
        }
        guard level == .full else { return nil }
        return try compareRows(table)
    }

    /// Compares every row: the source's rows are hashed column by column, indexed by key, then PostgreSQL's rows
    /// are streamed and looked up.
    private func compareRows(_ table: ImportPlan.TableMapping) throws -> String? {
        let columns = table.columns
        let keyedByRowID = table.keyColumns == ["rowid"] && !columns.contains { $0.source.name == "rowid" }
        let keyPositions = keyedByRowID ? [] : table.keyColumns.map { key in columns.firstIndex { $0.source.name == key }! }
        var rowIndex: [String: Int] = [:]
        var unmatched: [String: Int] = [:]  // tables without a key: row text → count
        // 32 bits of each value's hash: half the memory of whole hashes, and a changed value still goes unseen
        // only once in four billion.
        var hashes: [UInt32] = []
        hashes.reserveCapacity(table.sourceRows * columns.count)
        var sourceRows = 0
        try reader.readRows(of: table.source, columns: columns.map(\.source.name), orderBy: []) { values in
            var canonical: [String] = []
            canonical.reserveCapacity(columns.count)
            for (index, column) in columns.enumerated() {
                canonical.append(Self.canonical(source: values[index], column.conversion))
            }
            if keyedByRowID {
                unmatched[canonical.joined(separator: "\u{1F}"), default: 0] += 1
            } else {
                let key = keyPositions.map { canonical[$0] }.joined(separator: "\u{1F}")
                rowIndex[key] = sourceRows
                sourceRows += 1
                hashes.append(contentsOf: canonical.map { UInt32(truncatingIfNeeded: $0.hashValue) })
            }
        }
        let expressions = columns.map { Self.expression(for: $0.target) }.joined(separator: ", ")
        var mismatch: String?
        var seen = 0
        try connection.copyOut("COPY (SELECT \(expressions) FROM \(table.target.qualifiedName)) TO STDOUT") { line in
            guard mismatch == nil else { return }
            let fields = Self.fields(of: line)
            let canonical = columns.indices.map { Self.canonical(stored: fields[$0], columns[$0].target.kind) }
            if keyedByRowID {
                let text = canonical.joined(separator: "\u{1F}")
                if let count = unmatched[text] {
                    unmatched[text] = count == 1 ? nil : count - 1
                } else {
                    mismatch = "\(table.target.name): a row in PostgreSQL matches no source row: "
                        + Self.cut(canonical.joined(separator: ", "))
                }
                return
            }
            let key = keyPositions.map { canonical[$0] }.joined(separator: "\u{1F}")
            guard let row = rowIndex[key] else {
                mismatch = "\(table.target.name): PostgreSQL has a row whose key \(Self.cut(key)) is not in the source"
                return
            }
            seen += 1
            for index in columns.indices
            where hashes[row * columns.count + index] != UInt32(truncatingIfNeeded: canonical[index].hashValue) {
                let keyText = zip(table.keyColumns, keyPositions.map { canonical[$0] })
                    .map { "\($0)=\(Self.cut($1))" }.joined(separator: ", ")
                mismatch = "\(table.target.name), row \(keyText), column \(columns[index].target.name): "
                    + "PostgreSQL has \(Self.cut(fields[index] ?? "NULL")), which differs from the source's value"
                return
            }
        }
        if let mismatch { return mismatch }
        if keyedByRowID, let (text, _) = unmatched.first {
            return "\(table.target.name): a source row is missing in PostgreSQL: \(Self.cut(text))"
        }
        if !keyedByRowID, seen != sourceRows {
            return "\(table.target.name): \(sourceRows - seen) source rows have no row with their key in PostgreSQL"
        }
        return nil
    }

    private static func cut(_ text: String) -> String { text.count > 80 ? String(text.prefix(80)) + "…" : text }

    /// The SQL that reads a target column in the form ``canonical(stored:_:)`` expects.
    private static func expression(for column: TargetColumn) -> String {
        let name = SQLQuoting.identifier(column.name)
        switch column.kind {
        case .timestampWithTimeZone, .timestamp:
            return "CASE WHEN isfinite(\(name)) THEN (extract(epoch FROM \(name)) * 1000000)::bigint::text ELSE \(name)::text END"
        case .date: return "CASE WHEN isfinite(\(name)) THEN (\(name) - date '1970-01-01')::text ELSE \(name)::text END"
        case .bytea: return "encode(\(name), 'hex')"
        case .array: return "to_jsonb(\(name))"
        case .real, .double: return "\(name)::float8"
        default: return "\(name)::text"
        }
    }

    private static let nullMarker = "\u{0}NULL"

    /// A stored value (as ``expression(for:)`` reads it) in comparable form.
    static func canonical(stored text: String?, _ kind: TargetKind) -> String {
        guard let text else { return nullMarker }
        switch kind {
        case .numeric: return JSONText.parse(text).map(\.json) ?? text
        case .real: return Float(text).map { $0.description } ?? text
        case .double: return Double(text).map { ValueConversion.text(of: $0) } ?? text
        case .timestampWithTimeZone, .timestamp: return text
        case .date: return Int64(text).map { String($0 * 86_400_000_000) } ?? text
        case .time: return TimestampText.parseTimeOfDay(text).map(String.init) ?? text
        case .json, .jsonb, .array: return JSONText.parse(text).map(\.json) ?? text
        case .boolean: return text == "true" ? "t" : text == "false" ? "f" : text
        case .interval: return intervalValue(text) ?? text
        default: return text
        }
    }

    /// An interval written `[N year[s]] [N mon[th][s]] [N day[s]] [[-]HH:MM:SS[.ffffff]]` (PostgreSQL's and
    /// DuckDB's output) as months, days and microseconds; nil for any other spelling.
    static func intervalValue(_ text: String) -> String? {
        var months = 0
        var days = 0
        var micros: Int64 = 0
        var words = text.split(separator: " ").makeIterator()
        while let word = words.next() {
            if word.contains(":") {
                var clock = word
                let negative = clock.hasPrefix("-")
                if negative { clock = clock.dropFirst() }
                let parts = clock.split(separator: ":")
                guard parts.count == 3, let hours = Int64(parts[0]), let minutes = Int64(parts[1]),
                    let seconds = Double(parts[2])
                else { return nil }
                let total = (hours * 3600 + minutes * 60) * 1_000_000 + Int64((seconds * 1_000_000).rounded())
                micros += negative ? -total : total
                continue
            }
            guard let number = Int(word), let unit = words.next() else { return nil }
            switch unit.lowercased() {
            case "year", "years": months += number * 12
            case "mon", "mons", "month", "months": months += number
            case "day", "days": days += number
            default: return nil
            }
        }
        return "\(months) months \(days) days \(micros) us"
    }

    /// A source value, converted for `conversion`'s column, in comparable form.
    static func canonical(source value: SourceValue, _ conversion: ValueConversion) -> String {
        if case .null = value { return nullMarker }
        guard let converted = try? conversion.text(value, as: conversion.kind) else { return "\u{0}unconvertible" }
        switch conversion.kind {
        case .numeric: return JSONText.parse(converted).map(\.json) ?? converted
        case .real: return Float(converted).map { $0.description } ?? converted
        case .double: return Double(converted).map { ValueConversion.text(of: $0) } ?? converted
        case .timestampWithTimeZone, .timestamp, .date:
            return TimestampText.parse(converted).map(String.init) ?? converted.replacing("+", with: "")
        case .time: return TimestampText.parseTimeOfDay(converted).map(String.init) ?? converted
        case .json, .jsonb: return JSONText.parse(converted).map(\.json) ?? converted
        case .array:
            if case .text(let text) = value, let parsed = JSONText.parse(text) { return parsed.json }
            return converted
        case .bytea: return String(converted.dropFirst(2))
        case .interval: return intervalValue(converted) ?? converted
        default: return converted
        }
    }

    /// The fields of one COPY text-format line, unescaped; nil for `\N`.
    static func fields(of line: UnsafeRawBufferPointer) -> [String?] {
        var fields: [String?] = []
        var current: [UInt8] = []
        var index = 0
        var isNull = false
        let count = line.last == UInt8(ascii: "\n") ? line.count - 1 : line.count
        while index < count {
            let byte = line[index]
            if byte == UInt8(ascii: "\t") {
                fields.append(isNull ? nil : String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                isNull = false
            } else if byte == UInt8(ascii: "\\"), index + 1 < count {
                index += 1
                if line[index] == UInt8(ascii: "N") {
                    isNull = true
                } else {
                    current.append(CopyText.unescaped(line[index]))
                }
            } else {
                current.append(byte)
            }
            index += 1
        }
        fields.append(isNull ? nil : String(decoding: current, as: UTF8.self))
        return fields
    }
}

