import CPgQuery

/// The calls into libpg_query. Every C pointer of the library stays inside this file: results are copied into Swift
/// values and freed before a function returns.
enum LibPgQuery {
    /// An error libpg_query reported: its message and the 1-based *character* position it points at (0 when none).
    struct Failure: Error {
        var message: String
        var cursorPosition: Int
    }

    /// A statement as the parser delimits it: a byte range that still includes leading whitespace and comments.
    struct StatementSpan {
        var location: Int
        /// 0 means "to the end of the input", as in libpg_query's `RawStmt`.
        var length: Int
    }

    /// Splits with the real grammar (`pg_query_split_with_parser`), so that `BEGIN ATOMIC ... END` bodies and
    /// `CREATE RULE ... (a; b)` come out as one statement.
    static func split(_ text: String) -> Result<[StatementSpan], Failure> {
        text.withCString { input in
            let result = pg_query_split_with_parser(input)
            defer { pg_query_free_split_result(result) }
            if let error = result.error { return .failure(failure(error)) }
            var spans: [StatementSpan] = []
            spans.reserveCapacity(Int(result.n_stmts))
            for index in 0..<Int(result.n_stmts) {
                guard let statement = result.stmts[index]?.pointee else { continue }
                spans.append(StatementSpan(location: Int(statement.stmt_location), length: Int(statement.stmt_len)))
            }
            return .success(spans)
        }
    }

    /// The scanner's tokens (comments included), decoded from the `ScanResult` protobuf message.
    static func scan(_ text: String) -> Result<[ScanToken], Failure> {
        text.withCString { input in
            let result = pg_query_scan(input)
            defer { pg_query_free_scan_result(result) }
            if let error = result.error { return .failure(failure(error)) }
            let buffer = UnsafeRawBufferPointer(start: result.pbuf.data, count: Int(result.pbuf.len))
            guard let tokens = ScanToken.decodeScanResult(buffer) else {
                let message = "libpg_query returned a scan result that could not be read"
                return .failure(Failure(message: message, cursorPosition: 0))
            }
            return .success(tokens)
        }
    }

    /// The parse tree as libpg_query's JSON (`pg_query_parse`), as UTF-8 bytes.
    static func parseJSON(_ text: String) -> Result<[UInt8], Failure> {
        text.withCString { input in
            let result = pg_query_parse(input)
            defer { pg_query_free_parse_result(result) }
            if let error = result.error { return .failure(failure(error)) }
            guard let tree = result.parse_tree else {
                return .failure(Failure(message: "libpg_query returned no parse tree", cursorPosition: 0))
            }
            var length = 0
            while tree[length] != 0 { length += 1 }
            return .success(Array(UnsafeRawBufferPointer(start: tree, count: length)))
        }
    }

    private static func failure(_ error: UnsafeMutablePointer<PgQueryError>) -> Failure {
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libpg_query error"
        return Failure(message: message, cursorPosition: Int(error.pointee.cursorpos))
    }
}
