import CLibPQ

/// The rows a statement returned, copied out of libpq in text format.
///
/// Values are the server's text representation (`t`/`f` for booleans, ISO dates...); `nil` is SQL NULL.
package struct QueryResult: Sendable {
    /// Column names, in order.
    package let columns: [String]
    /// Type OIDs of the columns, in order.
    package let columnTypes: [UInt32]
    /// Row-major cell values; `nil` is NULL.
    package let values: [String?]
    /// The command tag: `CREATE TABLE`, `INSERT 0 3`, `SELECT 2`...
    package let commandTag: String
    /// Rows affected by INSERT/UPDATE/DELETE/MERGE/COPY..., when the command reports it.
    package let affectedRows: Int?

    package var rowCount: Int { columns.isEmpty ? 0 : values.count / columns.count }
    package var isEmpty: Bool { rowCount == 0 }

    package init(columns: [String], columnTypes: [UInt32], values: [String?], commandTag: String, affectedRows: Int?) {
        self.columns = columns
        self.columnTypes = columnTypes
        self.values = values
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [String] = []
        var types: [UInt32] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            columns.append(String(cString: PQfname(result, Int32(column))))
            types.append(UInt32(PQftype(result, Int32(column))))
        }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) != 0 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let tuples = PQcmdTuples(result).map { String(cString: $0) } ?? ""
        self.init(
            columns: columns,
            columnTypes: types,
            values: values,
            commandTag: tag,
            affectedRows: Int(tuples)
        )
    }

    /// The value at a row and column index; `nil` for NULL.
    package subscript(row: Int, column: Int) -> String? {
        values[row * columns.count + column]
    }

    /// The index of a column by name, or `nil`.
    package func columnIndex(_ name: String) -> Int? {
        columns.firstIndex(of: name)
    }

    /// Rows as lightweight views that allow access by column name.
    package var rows: [Row] {
        (0..<rowCount).map { Row(result: self, index: $0) }
    }

    /// The first column of the first row, the common shape of `SELECT count(*)`-style queries.
    package var scalar: String? {
        rowCount > 0 && !columns.isEmpty ? self[0, 0] : nil
    }

    /// One row of a ``QueryResult``.
    package struct Row: Sendable {
        let result: QueryResult
        package let index: Int

        /// The value of a column by index; `nil` for NULL.
        package subscript(column: Int) -> String? { result[index, column] }

        /// The value of a column by name; `nil` for NULL or an unknown column.
        package subscript(name: String) -> String? {
            guard let column = result.columnIndex(name) else { return nil }
            return result[index, column]
        }

        /// A column's value, which must not be NULL; an empty string if the column is missing.
        package func string(_ name: String) -> String { self[name] ?? "" }

        package func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

        /// PostgreSQL's text form of a boolean is `t` or `f`.
        package func bool(_ name: String) -> Bool? { self[name].map { $0 == "t" } }

        /// A one-dimensional text array (`{a,b,"c d"}`) decoded into its elements; NULL elements are dropped.
        package func textArray(_ name: String) -> [String] {
            self[name].map(PostgresArrayLiteral.parse) ?? []
        }
    }
}
