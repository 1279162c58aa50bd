import Crypto
import PostgresClient

/// Loads one ``ImportPlan/LoadGroup`` through COPY in one transaction: all of its rows, or none.
struct TableLoader {
    let connection: PostgresConnection
    let reader: any SourceReader
    let ledger: ImportLedger
    let source: String
    let sourceSHA256: String
    /// Serialises reads of a source that cannot be read by two threads at once.
    let readLock: Locked<Void>?
    let report: (ImportEvent) -> Void

    /// COPY data goes out in chunks of this size: large enough that libpq's per-call cost does not show.
    private static let chunkSize = 256 * 1024

    /// Loads the group; returns each table's row count and checksum.
    /// - Throws: ``MigrateError`` naming the table, row, column and value that failed; the transaction is
    ///   rolled back first.
    func load(_ group: ImportPlan.LoadGroup) throws(MigrateError) -> [TableLoadResult] {
        do {
            for table in group.tables {
                try ledger.markRunning(connection, source: source, sha256: sourceSHA256, table: table.target.name)
            }
            try connection.begin()
            var results: [TableLoadResult] = []
            for (table, key) in group.deferredKeys {
                try connection.execute(
                    "ALTER TABLE \(table.qualifiedName) DROP CONSTRAINT \(SQLQuoting.identifier(key.name))"
                )
            }
            for table in group.tables {
                let started = monotonicSeconds()
                try ensureEmpty(table)
                let (rows, checksum) = try copy(table)
                try advanceSequences(table)
                try ledger.markEnded(
                    connection,
                    sha256: sourceSHA256,
                    table: table.target.name,
                    outcome: "done",
                    rows: rows,
                    checksum: checksum,
                    message: nil
                )
                results.append(
                    TableLoadResult(
                        table: table.target.name,
                        rows: rows,
                        seconds: monotonicSeconds() - started,
                        checksum: checksum
                    )
                )
            }
            for (table, key) in group.deferredKeys {
                try connection.execute(
                    "ALTER TABLE \(table.qualifiedName) ADD CONSTRAINT \(SQLQuoting.identifier(key.name)) "
                        + key.definition
                )
            }
            try connection.commit()
            return results
        } catch {
            if connection.transactionState != .idle { _ = try? connection.rollback() }
            let failure = describe(error, group: group)
            for table in group.tables {
                try? ledger.markEnded(
                    connection,
                    sha256: sourceSHA256,
                    table: table.target.name,
                    outcome: "failed",
                    rows: nil,
                    checksum: nil,
                    message: failure.message
                )
            }
            throw failure
        }
    }

    /// The importer emptied or refused filled tables before; a table that got rows since is not mixed into.
    private func ensureEmpty(_ table: ImportPlan.TableMapping) throws {
        let hasRows = try connection.query("SELECT EXISTS (SELECT FROM \(table.target.qualifiedName))").scalar == "t"
        guard hasRows else { return }
        throw MigrateError(
            .statementFailed,
            "table \(table.target.name) got rows from elsewhere during the import; nothing of it was imported",
            hint: "run the import again with --truncate"
        )
    }

    /// Streams the table's rows into COPY: in the binary format when every column has one, else as text.
    private func copy(_ table: ImportPlan.TableMapping) throws -> (rows: Int, checksum: String) {
        let columns = table.columns.map { SQLQuoting.identifier($0.target.name) }.joined(separator: ", ")
        let conversions = table.columns.map(\.conversion)
        let binary = conversions.allSatisfy { ValueConversion.hasBinaryForm($0.kind) }
        let readColumns = table.readColumns
        let keyIndices = table.keyColumns.map { key in readColumns.firstIndex(of: key)! }
        var hash = SHA256()
        var rows = 0
        let total = table.sourceRows
        report(.tableStarted(table: table.target.name, rows: total))
        let format = binary ? " (FORMAT binary)" : ""
        try connection.copyIn("COPY \(table.target.qualifiedName) (\(columns)) FROM STDIN\(format)") { writer in
            var buffer: [UInt8] = binary ? ValueConversion.binaryHeader : []
            buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
            func flush() throws {
                hash.update(data: buffer)
                try buffer.withUnsafeBytes { try writer.write($0) }
                buffer.removeAll(keepingCapacity: true)
            }
            let read = {
                try reader.readRows(of: table.source, columns: readColumns, orderBy: []) { values in
                    if binary { ValueConversion.beginBinaryRow(fields: conversions.count, in: &buffer) }
                    for (index, conversion) in conversions.enumerated() {
                        do throws(ValueConversion.ConversionFailure) {
                            if binary {
                                try conversion.appendBinary(values[index], to: &buffer)
                            } else {
                                if index > 0 { buffer.append(UInt8(ascii: "\t")) }
                                try conversion.append(values[index], to: &buffer)
                            }
                        } catch {
                            throw ImportRowFailure(
                                table: table.target.name,
                                key: Self.describeKey(table.keyColumns, keyIndices.map { values[$0] }),
                                column: table.columns[index].target.name,
                                value: values[index],
                                expected: error.expected
                            )
                        }
                    }
                    if !binary { buffer.append(UInt8(ascii: "\n")) }
                    rows += 1
                    if buffer.count >= Self.chunkSize {
                        try flush()
                        report(.tableProgress(table: table.target.name, rows: rows, total: total))
                    }
                }
            }
            if let readLock { try readLock.withLock { _ in try read() } } else { try read() }
            if binary { buffer.append(contentsOf: ValueConversion.binaryTrailer) }
            try flush()
        }
        return (rows, hash.finalize().map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined())
    }

    /// Moves the sequences of identity and serial columns past the largest value loaded.
    private func advanceSequences(_ table: ImportPlan.TableMapping) throws {
        for column in table.columns {
            guard let sequence = column.target.sequence else { continue }
            _ = try connection.query(
                "SELECT setval($1::regclass, m) FROM (SELECT max(\(SQLQuoting.identifier(column.target.name))) AS m "
                    + "FROM \(table.target.qualifiedName)) AS loaded WHERE m IS NOT NULL",
                [sequence]
            )
        }
    }

    /// `id=42` or `(a, b)=(1, x)`.
    static func describeKey(_ names: [String], _ values: [SourceValue]) -> String {
        let rendered = values.map { $0.shortDescription }
        if names.count == 1 { return "\(names[0])=\(rendered[0])" }
        return "(\(names.joined(separator: ", ")))=(\(rendered.joined(separator: ", ")))"
    }

    private func describe(_ error: any Error, group: ImportPlan.LoadGroup) -> MigrateError {
        if let error = error as? MigrateError { return error }
        if let error = error as? ImportRowFailure {
            return MigrateError(
                .statementFailed,
                "table \(error.table), row \(error.key), column \(error.column): value \(error.value.shortDescription) "
                    + "is not \(error.expected); nothing of \(group.tables.map(\.target.name).joined(separator: ", ")) "
                    + "was imported",
                hint: "fix the value in the source, change the column's type in a revision, or leave the table out "
                    + "with --exclude (--keep-going loads the other tables)"
            )
        }
        if let error = error as? PostgresError {
            var message =
                "loading \(group.tables.map(\.target.name).joined(separator: ", ")) failed, nothing of it was imported: "
                + error.message
            if let sqlState = error.sqlState { message += " (SQLSTATE \(sqlState))" }
            if let detail = error.detail { message += "\ndetail: \(detail)" }
            if let context = error.context {
                message += "\ncontext: \(context)"
                if let row = rowKey(copyContext: context, group: group) { message += "\nsource row: \(row)" }
            }
            return MigrateError(.statementFailed, message, hint: error.hint)
        }
        return MigrateError(.statementFailed, "loading \(group.tables.map(\.target.name).joined(separator: ", ")) failed: \(error)")
    }
}

extension TableLoader {
    /// The key of the source row PostgreSQL names in a COPY error's context (`COPY items, line 42, column n: ...`,
    /// the line counting data rows from 1), found by reading the table again up to that row.
    fileprivate func rowKey(copyContext context: String, group: ImportPlan.LoadGroup) -> String? {
        guard context.hasPrefix("COPY "), let lineRange = context.firstRange(of: ", line ") else { return nil }
        let name = String(context[context.index(context.startIndex, offsetBy: 5)..<lineRange.lowerBound])
        let digits = context[lineRange.upperBound...].prefix { $0.isNumber }
        guard let line = Int(digits), line > 0,
            let table = group.tables.first(where: { $0.target.name == name }) ?? group.tables.first
        else { return nil }
        let readColumns = table.readColumns
        let keyIndices = table.keyColumns.compactMap { readColumns.firstIndex(of: $0) }
        var seen = 0
        var key: String?
        struct Found: Error {}
        let read = {
            try reader.readRows(of: table.source, columns: readColumns, orderBy: []) { values in
                seen += 1
                guard seen == line else { return }
                key = Self.describeKey(table.keyColumns, keyIndices.map { values[$0] })
                throw Found()
            }
        }
        if let readLock { _ = try? readLock.withLock { _ in try read() } } else { _ = try? read() }
        return key.map { "\(table.source.name) \($0)" }
    }
}

/// One table's load, as ``TableLoader`` reports it.
package struct TableLoadResult: Sendable {
    package var table: String
    package var rows: Int
    package var seconds: Double
    package var checksum: String
}

/// A value that did not convert, with where it is.
struct ImportRowFailure: Error {
    var table: String
    var key: String
    var column: String
    var value: SourceValue
    var expected: String
}

extension SourceValue {
    /// The value for a message: text quoted and cut to 80 characters, blobs as hex.
    package var shortDescription: String {
        func cut(_ text: String) -> String { text.count > 80 ? String(text.prefix(80)) + "…" : text }
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return ValueConversion.text(of: value)
        case .text(let text): return "'" + cut(text) + "'"
        case .blob(let bytes):
            return "x'" + cut(bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()) + "' (blob)"
        }
    }
}
