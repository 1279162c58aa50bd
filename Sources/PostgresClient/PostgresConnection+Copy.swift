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
        try startCopy(sql, expecting: PGRES_COPY_IN, "COPY ... FROM STDIN")
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
            Result { () throws(PostgresError) in try write(UnsafeRawBufferPointer(bytes)) }
        }
        try sent.get()
    }

    /// Sends a chunk of COPY data given as bytes. Throws if the connection failed.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(PostgresError) {
        let sent = PQputCopyData(handle, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        if sent != 1 {
            let error = PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(handle))
            failure = error
            throw error
        }
    }
}

extension PostgresConnection {
    /// Streams the data of `COPY ... TO STDOUT`, one row at a time as the server sends it.
    ///
    /// - Parameters:
    ///   - sql: A `COPY table|(query) TO STDOUT [WITH ...]` statement.
    ///   - row: Called with each row's bytes (text format: with its trailing newline), valid only during the call.
    ///     Throwing stops reading; the connection is then unusable and should be closed.
    package func copyOut(_ sql: String, _ row: (UnsafeRawBufferPointer) throws -> Void) throws {
        try startCopy(sql, expecting: PGRES_COPY_OUT, "COPY ... TO STDOUT")
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let count = PQgetCopyData(handle, &buffer, 0)
            if count > 0, let buffer {
                defer { PQfreemem(buffer) }
                try row(UnsafeRawBufferPointer(start: buffer, count: Int(count)))
            } else if count == -1 {
                break
            } else {
                throw PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(handle))
            }
        }
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil {
                failure = PostgresError(result: result, connection: handle)
            }
        }
        if let failure { throw failure }
    }
}

extension PostgresConnection {
    /// Sends a COPY statement and checks that the server switched to the expected COPY mode.
    fileprivate func startCopy(_ sql: String, expecting mode: ExecStatusType, _ form: String) throws(PostgresError) {
        guard sql.withCString({ PQsendQuery(handle, $0) }) == 1 else {
            throw PostgresError(result: nil, connection: handle, fallbackCode: .connectionLost)
        }
        guard let start = PQgetResult(handle) else {
            throw PostgresError(code: .unexpectedResult, message: "COPY returned no result")
        }
        let status = PQresultStatus(start)
        guard status == mode else {
            let error =
                status == PGRES_FATAL_ERROR
                ? PostgresError(result: start, connection: handle)
                : PostgresError(code: .unexpectedResult, message: "statement is not \(form)")
            PQclear(start)
            while let rest = PQgetResult(handle) { PQclear(rest) }
            throw error
        }
        PQclear(start)
    }
}
