import SQLiteClient

/// SQLite database files made by tests, through the same SQLite library the product reads them with.
package enum SQLiteFixture {
    /// A value to insert, with the storage class it gets.
    package enum Value: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// Creates (or opens) `path` and runs `sql` (any number of statements).
    package static func create(_ path: String, _ sql: String) throws {
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try database.execute(sql)
    }

    /// Inserts rows with bound values, in one transaction.
    package static func insert(_ path: String, into table: String, columns: [String], rows: [[Value]]) throws {
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try database.execute("BEGIN")
        let quoted = columns.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try database.prepare(
            "INSERT INTO \"\(table.replacing("\"", with: "\"\""))\" (\(quoted)) VALUES (\(marks))"
        )
        for row in rows {
            statement.reset()
            for (index, value) in row.enumerated() {
                switch value {
                case .null: try statement.bindNull(at: index + 1)
                case .integer(let integer): try statement.bind(integer, at: index + 1)
                case .real(let real): try statement.bind(real, at: index + 1)
                case .text(let text): try statement.bind(text, at: index + 1)
                case .blob(let bytes): try statement.bind(blob: bytes, at: index + 1)
                }
            }
            _ = try statement.step()
        }
        try database.execute("COMMIT")
    }
}
