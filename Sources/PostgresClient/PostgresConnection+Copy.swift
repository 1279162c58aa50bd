import CLibPQ

extension PostgresConnection {
    /// Streams data into `COPY ... FROM STDIN`.
    ///
    /// - Parameters:
    ///   - sql: A `COPY table [(columns)] FROM STDIN [WITH ...]` statement.
    ///   - produce: Called once with a writer; each `write` sends a chunk in the COPY format chosen
    ///     (text rows end with `\n`). Throwing aborts the COPY, and the server discards every row.
    /// - Returns: The number of rows the server loaded.
    @discardableResult
    package func copyIn(_ sql: String, _ produce: (CopyWriter) throws -> Void) throws -> Int {
        guard sql.withCString({ PQsendQuery(handle, $0) }) == 1 else {
            throw PostgresError(result: nil, connection: handle, fallbackCode: .connectionLost)
        }
        guard let start = PQgetResult(handle) else {
            throw PostgresError(code: .unexpectedResult, message: "COPY returned no result")
        }
        let status = PQresultStatus(start)
        guard status == PGRES_COPY_IN else {
            let error =
                status == PGRES_FATAL_ERROR
                ? PostgresError(result: start, connection: handle)
                : PostgresError(code: .unexpectedResult, message: "statement is not COPY ... FROM STDIN")
            PQclear(start)
            while let rest = PQgetResult(handle) { PQclear(rest) }
            throw error
        }
        PQclear(start)
        let writer = CopyWriter(handle: handle)
        var producerError: (any Error)?
        do {
            try produce(writer)
        } catch {
            producerError = error
        }
        let reason: String? = producerError.map { "aborted by client: \($0)" }
        let ended = PQputCopyEnd(handle, reason)
        var failure: PostgresError? =
            ended == 1 ? nil : PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(handle))
        var rows = 0
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = PostgresError(result: result, connection: handle)
            }
        }
        if let producerError { throw producerError }
        if let writerError = writer.failure { throw writerError }
        if let failure { throw failure }
        return rows
    }
}

/// Sends chunks of COPY data for ``PostgresConnection/copyIn(_:_:)``.
package final class CopyWriter {
    private let handle: OpaquePointer
    fileprivate var failure: PostgresError?

    fileprivate init(handle: OpaquePointer) { self.handle = handle }

    /// Sends a chunk of COPY data. Throws if the connection failed.
    package func write(_ chunk: String) throws(PostgresError) {
        var chunk = chunk
        let sent = chunk.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                PQputCopyData(handle, $0.baseAddress, Int32($0.count))
            }
        }
        if sent != 1 {
            let error = PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(handle))
            failure = error
            throw error
        }
    }
}
