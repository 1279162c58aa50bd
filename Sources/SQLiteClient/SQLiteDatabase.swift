import CSQLite

/// One SQLite database connection, over the system's SQLite library.
///
/// Like ``PostgresConnection``, a connection has a single owner and is not `Sendable`.
package final class SQLiteDatabase {
    /// The sqlite3 handle. Never handed out of this module.
    let handle: OpaquePointer

    /// How the file is opened.
    package enum Mode: Sendable {
        /// Read only; the file must exist.
        case readOnly
        /// Read and write; created when missing.
        case readWriteCreate
    }

    /// Opens a database file.
    /// - Parameter serialized: Let several threads use the connection, each call taking SQLite's own mutex
    ///   (two statements then step in turn); off, no thread but the owner may touch it.
    /// - Throws: ``SQLiteError`` naming the file and SQLite's reason.
    package init(path: String, mode: Mode, serialized: Bool = false) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags: Int32 =
            switch mode {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        let status = sqlite3_open_v2(path, &handle, flags | (serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX), nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close_v2(handle) }
            throw SQLiteError(code: status, message: "cannot open \(path): \(message)")
        }
        self.handle = handle
        // A writer holding the file briefly (an app still running) makes readers wait instead of failing.
        sqlite3_busy_timeout(handle, 5_000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    package func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: status, message: message)
        }
    }

    /// Compiles one statement.
    package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else {
            throw SQLiteError(code: status, message: "\(lastMessage) in: \(sql)")
        }
        return SQLiteStatement(statement: statement, database: self)
    }

    /// Every row of a query, each value as text (`nil` for NULL): for small catalog reads.
    package func rows(_ sql: String, _ bindings: [String] = []) throws(SQLiteError) -> [[String?]] {
        let statement = try prepare(sql)
        for (index, value) in bindings.enumerated() { try statement.bind(value, at: index + 1) }
        var rows: [[String?]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.isNull($0) ? nil : statement.text($0) })
        }
        return rows
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A compiled statement of a ``SQLiteDatabase``.
package final class SQLiteStatement {
    let statement: OpaquePointer
    private let database: SQLiteDatabase

    fileprivate init(statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// The storage class of a value in the current row.
    package enum StorageClass: Sendable {
        case integer, real, text, blob, null
    }

    /// Moves to the next row; `false` when there is none.
    package func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw SQLiteError(code: status, message: database.lastMessage)
        }
    }

    /// Runs a statement that returns no row (an INSERT), then resets it for the next bindings.
    package func run() throws(SQLiteError) {
        let status = sqlite3_step(statement)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            let message = database.lastMessage
            sqlite3_reset(statement)
            throw SQLiteError(code: status, message: message)
        }
        sqlite3_reset(statement)
    }

    /// Starts the statement again, keeping its bindings.
    package func reset() {
        sqlite3_reset(statement)
    }

    package var columnCount: Int { Int(sqlite3_column_count(statement)) }

    package func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(statement, Int32(index)))
    }

    package func storageClass(_ index: Int) -> StorageClass {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    package func isNull(_ index: Int) -> Bool { sqlite3_column_type(statement, Int32(index)) == SQLITE_NULL }
    package func int64(_ index: Int) -> Int64 { sqlite3_column_int64(statement, Int32(index)) }
    package func double(_ index: Int) -> Double { sqlite3_column_double(statement, Int32(index)) }

    /// The value as UTF-8 text (SQLite converts numbers; invalid UTF-8 is repaired).
    package func text(_ index: Int) -> String {
        guard let pointer = sqlite3_column_text(statement, Int32(index)) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The value as bytes, as stored (text without conversion of its encoding).
    package func bytes(_ index: Int) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, Int32(index)))
        guard count > 0, let pointer = sqlite3_column_blob(statement, Int32(index)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    // MARK: - Parameters (1-based, as SQLite counts them)

    package func bind(_ value: String, at index: Int) throws(SQLiteError) {
        try check(sqlite3_bind_text(statement, Int32(index), value, -1, sqliteTransient))
    }

    package func bind(_ value: Int64, at index: Int) throws(SQLiteError) {
        try check(sqlite3_bind_int64(statement, Int32(index), value))
    }

    package func bind(_ value: Double, at index: Int) throws(SQLiteError) {
        try check(sqlite3_bind_double(statement, Int32(index), value))
    }

    package func bind(blob value: [UInt8], at index: Int) throws(SQLiteError) {
        try check(
            value.withUnsafeBytes { sqlite3_bind_blob(statement, Int32(index), $0.baseAddress, Int32($0.count), sqliteTransient) }
        )
    }

    /// Binds UTF-8 text given as bytes (copied by SQLite), without making a Swift `String` first.
    package func bind(utf8 value: UnsafeRawBufferPointer, at index: Int) throws(SQLiteError) {
        // A zero-length buffer may have no base address, and a NULL pointer would bind SQL NULL.
        guard let pointer = value.baseAddress, !value.isEmpty else { return try bind("", at: index) }
        try check(
            sqlite3_bind_text(statement, Int32(index), pointer.assumingMemoryBound(to: CChar.self), Int32(value.count), sqliteTransient)
        )
    }

    /// Binds a blob given as bytes (copied by SQLite).
    package func bind(blob value: UnsafeRawBufferPointer, at index: Int) throws(SQLiteError) {
        guard let pointer = value.baseAddress, !value.isEmpty else {
            return try check(sqlite3_bind_zeroblob(statement, Int32(index), 0))
        }
        try check(sqlite3_bind_blob(statement, Int32(index), pointer, Int32(value.count), sqliteTransient))
    }

    package func bindNull(at index: Int) throws(SQLiteError) {
        try check(sqlite3_bind_null(statement, Int32(index)))
    }

    private func check(_ status: Int32) throws(SQLiteError) {
        guard status == SQLITE_OK else { throw SQLiteError(code: status, message: database.lastMessage) }
    }
}

/// SQLite copies bound values (SQLITE_TRANSIENT), since Swift's buffers live only for the call.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failure reported by SQLite.
package struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code.
    package let code: Int32
    package let message: String

    package var description: String { message }
}
