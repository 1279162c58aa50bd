import SQLiteClient

import LibC

/// Writes the rows of one table: each line of PostgreSQL's `COPY ... TO STDOUT` (text format) is split into
/// fields in place, each field converted by its column's ``ExportSpelling`` and bound to one prepared `INSERT`.
final class ExportRowWriter {
    /// Why a value could not be written: the column (by position) and what its spelling needs.
    struct ValueFailure: Error {
        var column: Int
        var value: String
        var expected: String
    }

    private let statement: SQLiteStatement
    private let spellings: [ExportSpelling]
    /// Unescaped bytes of the current field, when it had backslash escapes.
    private var scratch: [UInt8] = []
    /// Converted bytes (hex decoded, reformatted text).
    private var converted: [UInt8] = []
    /// A number's text, terminated for strtod.
    private var numberText: [CChar] = []

    init(statement: SQLiteStatement, spellings: [ExportSpelling]) {
        self.statement = statement
        self.spellings = spellings
        scratch.reserveCapacity(256)
        converted.reserveCapacity(256)
    }

    /// Inserts the row of one COPY line (with or without its newline).
    /// - Throws: ``ValueFailure`` for a value the column's spelling cannot take; ``SQLiteError`` from SQLite.
    func insert(line: UnsafeRawBufferPointer) throws {
        var count = line.count
        if count > 0, line[count - 1] == UInt8(ascii: "\n") { count -= 1 }
        var start = 0
        var column = 0
        while column < spellings.count {
            var end = start
            var escaped = false
            while end < count, line[end] != UInt8(ascii: "\t") {
                if line[end] == UInt8(ascii: "\\") {
                    escaped = true
                    end += 1
                }
                end += 1
            }
            end = min(end, count)
            let field = UnsafeRawBufferPointer(rebasing: line[start..<end])
            if end - start == 2, field[0] == UInt8(ascii: "\\"), field[1] == UInt8(ascii: "N") {
                try statement.bindNull(at: column + 1)
            } else if escaped {
                Self.unescape(field, into: &scratch)
                try scratch.withUnsafeBytes { bytes in try bind(bytes, column: column) }
            } else {
                try bind(field, column: column)
            }
            column += 1
            start = end + 1
        }
        try statement.run()
    }

    /// COPY's text escapes (`\\`, `\t`, `\n`, `\r`, `\b`, `\f`, `\v`) undone.
    static func unescape(_ field: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var index = 0
        while index < field.count {
            let byte = field[index]
            if byte == UInt8(ascii: "\\"), index + 1 < field.count {
                index += 1
                output.append(CopyText.unescaped(field[index]))
            } else {
                output.append(byte)
            }
            index += 1
        }
    }

    private func bind(_ field: UnsafeRawBufferPointer, column: Int) throws {
        let index = column + 1
        switch spellings[column] {
        case .text:
            try statement.bind(utf8: field, at: index)
        case .integer:
            guard let value = Self.integer(field) else { throw failure(column, field, "an integer") }
            try statement.bind(value, at: index)
        case .real:
            let value = try double(field, column: column)
            if value.isNaN {
                try statement.bind("NaN", at: index)
            } else {
                try statement.bind(value, at: index)
            }
        case .number:
            if let value = Self.integer(field) {
                try statement.bind(value, at: index)
            } else {
                let value = try double(field, column: column)
                if value.isNaN { try statement.bind("NaN", at: index) } else { try statement.bind(value, at: index) }
            }
        case .booleanInteger:
            try statement.bind(Int64(field.first == UInt8(ascii: "t") ? 1 : 0), at: index)
        case .booleanText(let yes, let no):
            try statement.bind(field.first == UInt8(ascii: "t") ? yes : no, at: index)
        case .instantText(let form):
            if let micros = TimestampText.parse(bytes: field.assumingMemoryBound(to: UInt8.self)) {
                try statement.bind(form.format(micros), at: index)
            } else if Self.isInfinity(field) {
                try statement.bind(utf8: field, at: index)
            } else {
                throw failure(column, field, "a point in time of years 1 to 9999")
            }
        case .epoch(let milliseconds):
            guard let micros = TimestampText.parse(bytes: field.assumingMemoryBound(to: UInt8.self)) else {
                throw failure(column, field, "a finite point in time (an epoch number has no infinity)")
            }
            let divisor: Int64 = milliseconds ? 1_000 : 1_000_000
            if micros % divisor == 0 {
                try statement.bind(micros / divisor, at: index)
            } else {
                try statement.bind(Double(micros) / Double(divisor), at: index)
            }
        case .uuidText(let uppercase, let hyphens, let braces):
            if !uppercase && hyphens && !braces {
                try statement.bind(utf8: field, at: index)
            } else {
                let canonical = String(decoding: field, as: UTF8.self)
                try statement.bind(
                    UUIDText.spell(canonical, uppercase: uppercase, hyphens: hyphens, braces: braces),
                    at: index
                )
            }
        case .uuidBlob:
            converted.removeAll(keepingCapacity: true)
            for byte in field where byte != UInt8(ascii: "-") { converted.append(byte) }
            guard Self.decodeHex(&converted), converted.count == 16 else { throw failure(column, field, "a uuid") }
            try converted.withUnsafeBytes { bytes in try statement.bind(blob: bytes, at: index) }
        case .blob:
            // bytea in hex output: `\x` then two digits a byte.
            guard field.count >= 2, field[0] == UInt8(ascii: "\\"), field[1] == UInt8(ascii: "x") else {
                throw failure(column, field, "bytea in hex output")
            }
            converted.removeAll(keepingCapacity: true)
            converted.append(contentsOf: field[2...])
            guard Self.decodeHex(&converted) else { throw failure(column, field, "bytea in hex output") }
            try converted.withUnsafeBytes { bytes in try statement.bind(blob: bytes, at: index) }
        }
    }

    private func failure(_ column: Int, _ field: UnsafeRawBufferPointer, _ expected: String) -> ValueFailure {
        ValueFailure(column: column, value: String(decoding: field, as: UTF8.self), expected: expected)
    }

    private func double(_ field: UnsafeRawBufferPointer, column: Int) throws(ValueFailure) -> Double {
        // strtod needs a terminated string: the field is copied into a buffer kept for the next value.
        numberText.removeAll(keepingCapacity: true)
        numberText.append(contentsOf: field.lazy.map { CChar(bitPattern: $0) })
        numberText.append(0)
        var parsed = true
        let value = numberText.withUnsafeBufferPointer { text in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(text.baseAddress!, &end)
            parsed = field.count > 0 && end.map { $0.pointee == 0 } == true
            return value
        }
        guard parsed else { throw failure(column, field, "a number") }
        return value
    }

    /// A decimal integer that fits in 64 bits; nil for anything else.
    static func integer(_ field: UnsafeRawBufferPointer) -> Int64? {
        guard !field.isEmpty else { return nil }
        var index = 0
        let negative = field[0] == UInt8(ascii: "-")
        if negative || field[0] == UInt8(ascii: "+") { index = 1 }
        guard index < field.count else { return nil }
        var value: Int64 = 0
        while index < field.count {
            let digit = field[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) =
                negative
                ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    private static func isInfinity(_ field: UnsafeRawBufferPointer) -> Bool {
        let text = String(decoding: field, as: UTF8.self)
        return text == "infinity" || text == "-infinity"
    }

    /// Decodes hex digits in place, halving the array; false for an odd count or a non-hex byte.
    static func decodeHex(_ bytes: inout [UInt8]) -> Bool {
        guard bytes.count % 2 == 0 else { return false }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
        for index in 0..<bytes.count / 2 {
            guard let high = nibble(bytes[2 * index]), let low = nibble(bytes[2 * index + 1]) else { return false }
            bytes[index] = high << 4 | low
        }
        bytes.removeLast(bytes.count / 2)
        return true
    }
}
