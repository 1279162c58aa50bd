import CLibPQ

/// An error from the PostgreSQL client layer: failing to connect, a statement the server rejected,
/// or the connection breaking.
///
/// Server errors carry every diagnostic field PostgreSQL sends. ``description`` never contains a
/// password: libpq's messages about a connection string (which can quote a password it could not parse) are
/// scrubbed with ``ConnectionString/scrub(_:secretsOf:)`` before they become an error.
package struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Stable across releases; match on it, not on the message.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConnectionString
            case connectionFailed
            case server
            case connectionLost
            case unexpectedResult
            case copyFailed
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The connection string or URI could not be parsed.
        package static let invalidConnectionString = Code(.invalidConnectionString)
        /// The server could not be reached or refused the connection (authentication, missing database...).
        package static let connectionFailed = Code(.connectionFailed)
        /// The server reported an error for a statement; ``PostgresError/sqlState`` says which.
        package static let server = Code(.server)
        /// The connection broke while a command was running.
        package static let connectionLost = Code(.connectionLost)
        /// The server answered in a way the caller did not ask for (COPY where a query was expected...).
        package static let unexpectedResult = Code(.unexpectedResult)
        /// Sending COPY data failed.
        package static let copyFailed = Code(.copyFailed)

        package var description: String { base.rawValue }
    }

    package var code: Code
    /// The primary message: the server's, or libpq's for client-side failures.
    package var message: String
    /// Five-character SQLSTATE, for server errors.
    package var sqlState: String?
    /// `ERROR`, `FATAL`, `PANIC` (localised by the server if `lc_messages` says so).
    package var severity: String?
    package var detail: String?
    package var hint: String?
    /// 1-based character (not byte) offset of the error inside the statement text, when the server gives one.
    package var position: Int?
    /// Position inside an internally generated query (PL/pgSQL), with ``internalQuery``.
    package var internalPosition: Int?
    package var internalQuery: String?
    /// The server's call-stack context ("PL/pgSQL function f() line 3 at RAISE").
    package var context: String?
    package var schemaName: String?
    package var tableName: String?
    package var columnName: String?
    package var constraintName: String?

    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String {
        var text = ""
        if let severity { text += severity + ": " }
        if let sqlState { text += "[\(sqlState)] " }
        text += message
        if let detail { text += "\nDETAIL: " + detail }
        if let hint { text += "\nHINT: " + hint }
        if let context { text += "\nCONTEXT: " + context }
        return text
    }
}

extension PostgresError {
    /// Builds an error from a failed `PGresult`, reading every diagnostic field.
    init(result: OpaquePointer?, connection: OpaquePointer?, fallbackCode: Code = .server) {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }
        let primary = field("M") ?? connection.map(PostgresError.connectionMessage) ?? "unknown error"
        let sqlState = field("C")
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? false
        self.init(code: sqlState == nil && lost ? .connectionLost : fallbackCode, message: primary)
        self.sqlState = sqlState
        self.severity = field("V") ?? field("S")
        self.detail = field("D")
        self.hint = field("H")
        self.position = field("P").flatMap { Int($0) }
        self.internalPosition = field("p").flatMap { Int($0) }
        self.internalQuery = field("q")
        self.context = field("W")
        self.schemaName = field("s")
        self.tableName = field("t")
        self.columnName = field("c")
        self.constraintName = field("n")
    }

    /// libpq's last error message for a connection, without the trailing newline.
    static func connectionMessage(_ connection: OpaquePointer) -> String {
        guard let raw = PQerrorMessage(connection) else { return "unknown error" }
        var text = String(cString: raw)
        while text.last == "\n" { text.removeLast() }
        return text.isEmpty ? "unknown error" : text
    }
}
