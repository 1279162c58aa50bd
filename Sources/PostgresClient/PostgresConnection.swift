import CLibPQ
import LibC

/// One blocking connection to a PostgreSQL server, over libpq.
///
/// A connection has a single owner and is not `Sendable`: libpq connections must not be used from two
/// threads at once. The only thing another thread may do is cancel the running command, through
/// ``cancelHandle()``.
package final class PostgresConnection {
    /// The libpq handle. Never handed out of this module.
    let handle: OpaquePointer
    private let noticeCollector = NoticeCollector()
    private var isClosed = false

    /// The default for libpq's `connect_timeout`, used unless the connection string or
    /// `PGCONNECT_TIMEOUT` sets one, so an unreachable server fails fast instead of hanging for minutes.
    package static let defaultConnectTimeoutSeconds = 10

    /// Connects using any libpq connection string (`host=... dbname=...`) or URI (`postgresql://...`).
    ///
    /// Everything libpq users know applies: `sslmode`, `PG*` environment variables, `.pgpass`,
    /// service files. The session uses UTF-8 and reports itself as `migrate` unless the connection
    /// string or `PGAPPNAME` names an application.
    /// - Parameters:
    ///   - connectionString: A connection string or URI; an empty string means "libpq defaults only".
    ///   - applicationName: The fallback `application_name`.
    ///   - connectTimeoutSeconds: Used when neither the string nor `PGCONNECT_TIMEOUT` sets a timeout.
    /// - Throws: ``PostgresError`` with code `.invalidConnectionString` or `.connectionFailed`.
    package init(
        _ connectionString: String,
        applicationName: String = "migrate",
        connectTimeoutSeconds: Int = PostgresConnection.defaultConnectTimeoutSeconds
    ) throws(PostgresError) {
        try ConnectionString.validate(connectionString)
        // Earlier entries are defaults; the expanded `dbname` string overrides them; later entries
        // override the string. Only the client encoding is forced: results are decoded as UTF-8.
        var parameters: [(String, String)] = [("fallback_application_name", applicationName)]
        if getenv("PGCONNECT_TIMEOUT") == nil {
            parameters.append(("connect_timeout", String(connectTimeoutSeconds)))
        }
        if !connectionString.isEmpty {
            parameters.append(("dbname", connectionString))
        }
        parameters.append(("client_encoding", "UTF8"))

        let connection = withCStringArray(parameters.map(\.0)) { keywords in
            withCStringArray(parameters.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailed, message: "out of memory allocating a libpq connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            // libpq names hosts, ports and users here, but a password that spilled into another field (an `@` in
            // it, a space) would be quoted as a host or a keyword.
            let message = ConnectionString.scrub(
                PostgresError.connectionMessage(connection),
                secretsOf: connectionString
            )
            PQfinish(connection)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        self.handle = connection
        let context = Unmanaged.passUnretained(noticeCollector).toOpaque()
        PQsetNoticeReceiver(
            connection,
            { context, result in
                guard let context, let result else { return }
                Unmanaged<NoticeCollector>.fromOpaque(context).takeUnretainedValue().receive(result)
            },
            context
        )
    }

    deinit {
        if !isClosed { PQfinish(handle) }
    }

    /// Closes the connection. Using it afterwards is a programming error.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        PQfinish(handle)
    }

    // MARK: - Facts about the session

    /// The server's version as an integer, e.g. `150018` for 15.18.
    package var serverVersionNumber: Int { Int(PQserverVersion(handle)) }

    /// A setting the server reports to clients as it changes (`standard_conforming_strings`, `TimeZone`...),
    /// known without a round trip; `nil` for one it does not report.
    package func reportedSetting(_ name: String) -> String? {
        PQparameterStatus(handle, name).map { String(cString: $0) }
    }

    /// The server process serving this connection.
    package var backendPID: Int32 { PQbackendPID(handle) }

    /// Where this connection went: host or socket directory, port, database and user. Never the password.
    package var endpoint: ConnectionEndpoint {
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        return ConnectionEndpoint(
            host: text(PQhost(handle)),
            port: text(PQport(handle)),
            database: text(PQdb(handle)),
            user: text(PQuser(handle))
        )
    }

    /// Whether a transaction block is open (or failed and awaiting rollback).
    package var transactionState: TransactionState {
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_INTRANS: .inTransaction
        case PQTRANS_INERROR: .failedTransaction
        case PQTRANS_ACTIVE: .active
        default: .unknown
        }
    }

    /// Whether the connection is still usable as far as libpq knows.
    package var isHealthy: Bool { !isClosed && PQstatus(handle) == CONNECTION_OK }

    /// Removes and returns the notices and warnings collected since the last call.
    package func takeNotices() -> [PostgresNotice] {
        defer { noticeCollector.notices.removeAll() }
        return noticeCollector.notices
    }

    // MARK: - Running SQL

    /// Runs SQL text through the simple query protocol: one statement or a whole multi-statement script.
    ///
    /// The server runs the statements in order and stops at the first error. Without explicit
    /// transaction control in the text, a multi-statement string runs as one implicit transaction.
    /// - Returns: The result of the last statement.
    /// - Throws: ``PostgresError`` for the first failing statement.
    @discardableResult
    package func execute(_ sql: String) throws(PostgresError) -> QueryResult {
        guard sql.withCString({ PQsendQuery(handle, $0) }) == 1 else {
            throw PostgresError(result: nil, connection: handle, fallbackCode: .connectionLost)
        }
        return try collectResults()
    }

    /// Runs several statements as one simple-query message: one round trip instead of one per statement.
    ///
    /// The server answers each statement with its own result, in order, and skips the rest after an
    /// error; counting the results before the error tells which statement failed. Inside a transaction
    /// block this runs exactly like sending the statements one by one. Outside one, the server wraps the
    /// whole message in an implicit transaction.
    /// - Parameters:
    ///   - sql: Statements separated by `;`.
    ///   - completed: Called with each statement's result as it is read: how many statements have completed so
    ///     far, and the first value of the result's first row (`nil` without rows, or for NULL). The server
    ///     sends a message's results together when its last statement is done (or its output buffer fills):
    ///     the calls come then, not as each statement ends.
    /// - Returns: How many statements completed (all of them).
    /// - Throws: ``ScriptFailure``: the error, and how many statements completed before the failing one.
    @discardableResult
    package func executeScript(
        _ sql: String,
        completed: (_ count: Int, _ firstValue: String?) -> Void = { _, _ in }
    ) throws(ScriptFailure) -> Int {
        guard sql.withCString({ PQsendQuery(handle, $0) }) == 1 else {
            let error = PostgresError(result: nil, connection: handle, fallbackCode: .connectionLost)
            throw ScriptFailure(error: error, completedStatements: 0)
        }
        let outcome = drainResults(keepingLast: false, completed: completed)
        if let failure = outcome.failure {
            throw ScriptFailure(error: failure, completedStatements: outcome.completed)
        }
        return outcome.completed
    }

    /// Runs one statement with `$1, $2...` parameters sent separately from the text (extended protocol),
    /// so values never need quoting. Parameters are in text format; `nil` is NULL.
    @discardableResult
    package func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> QueryResult {
        let sent = withOptionalCStringArray(parameters) { values in
            sql.withCString { text in
                PQsendQueryParams(handle, text, Int32(parameters.count), nil, values, nil, nil, 0)
            }
        }
        guard sent == 1 else {
            throw PostgresError(result: nil, connection: handle, fallbackCode: .connectionLost)
        }
        return try collectResults()
    }

    /// Reads every result of the command in flight; returns the last, throws the first error
    /// (after draining the rest, so the connection stays usable).
    private func collectResults() throws(PostgresError) -> QueryResult {
        let outcome = drainResults(keepingLast: true)
        if let failure = outcome.failure { throw failure }
        return outcome.last
            ?? QueryResult(columns: [], columnTypes: [], values: [], commandTag: "", affectedRows: nil)
    }

    /// Reads every result of the command in flight: the last one (copied only when asked for), how many
    /// statements completed before the first error, and that error.
    private func drainResults(
        keepingLast: Bool,
        completed onCompleted: (Int, String?) -> Void = { _, _ in }
    ) -> (last: QueryResult?, completed: Int, failure: PostgresError?) {
        var last: QueryResult?
        var completed = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                if failure == nil {
                    completed += 1
                    let hasValue = PQntuples(result) > 0 && PQnfields(result) > 0 && PQgetisnull(result, 0, 0) == 0
                    onCompleted(completed, hasValue ? String(cString: PQgetvalue(result, 0, 0)) : nil)
                }
                if keepingLast { last = QueryResult(copying: result) }
            case PGRES_COPY_IN:
                // A script asked for COPY data we do not have; end it so the connection recovers.
                _ = PQputCopyEnd(handle, "COPY FROM STDIN is not supported here; use copyIn(_:)")
                failure =
                    failure
                    ?? PostgresError(
                        code: .unexpectedResult,
                        message: "COPY ... FROM STDIN needs its data streamed through the COPY API"
                    )
            case PGRES_COPY_OUT:
                failure =
                    failure
                    ?? PostgresError(
                        code: .unexpectedResult,
                        message: "COPY ... TO STDOUT is not supported by execute(_:)"
                    )
            default:
                if failure == nil { failure = PostgresError(result: result, connection: handle) }
            }
            if PQstatus(handle) == CONNECTION_BAD { break }
        }
        if failure == nil, PQstatus(handle) == CONNECTION_BAD {
            failure = PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(handle))
        }
        return (last, completed, failure)
    }

    // MARK: - Cancelling

    /// A handle another thread can use to cancel the command this connection is running.
    package func cancelHandle() -> CancelHandle? {
        PQgetCancel(handle).map(CancelHandle.init)
    }
}

/// A multi-statement script that failed: the server's error, and how far the script got.
package struct ScriptFailure: Error, Sendable {
    package var error: PostgresError
    /// The statements that completed before the failing one: also the failing statement's index, from 0.
    package var completedStatements: Int

    package init(error: PostgresError, completedStatements: Int) {
        self.error = error
        self.completedStatements = completedStatements
    }
}

/// Whether a session is inside a transaction block.
package enum TransactionState: Sendable, Equatable {
    case idle, inTransaction, failedTransaction, active, unknown
}

/// Where a connection points, without credentials; what `migrate` prints as "using database ...".
package struct ConnectionEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// A host name, an IP address, or a Unix-socket directory (starts with `/`).
    package var host: String
    package var port: String
    package var database: String
    package var user: String

    package var description: String {
        let place = host.hasPrefix("/") ? "socket \(host)" : "host \(host)"
        return "database \"\(database)\" as user \"\(user)\" on \(place), port \(port)"
    }
}

/// Cancels the command running on a connection, from any thread (libpq's `PQcancel` is thread-safe).
package final class CancelHandle: @unchecked Sendable {
    // Safe to share: PQcancel only reads this structure and is documented as thread-safe.
    private let cancelToken: OpaquePointer

    init(_ cancelToken: OpaquePointer) { self.cancelToken = cancelToken }
    deinit { PQfreeCancel(cancelToken) }

    /// Asks the server to cancel the running command. Returns `false` if the request could not be sent.
    @discardableResult
    package func cancel() -> Bool {
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(cancelToken, &buffer, Int32(buffer.count)) == 1
    }
}

// MARK: - C string arrays

/// Calls `body` with a NULL-terminated array of C strings that live for the duration of the call.
func withCStringArray<Result>(
    _ strings: [String],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    withOptionalCStringArray(strings) { body($0!) }
}

/// Like ``withCStringArray(_:_:)`` but `nil` elements become NULL pointers (SQL NULL parameters).
func withOptionalCStringArray<Result>(
    _ strings: [String?],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
) -> Result {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    var pointers = copies.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
