import PostgresClient

/// Turns a statement's server error into the message a person needs: file, line and column, the server's
/// SQLSTATE, message, detail, hint and context, and what state the database was left in.
enum StatementFailure {
    static func error(
        _ error: PostgresError,
        location: SourceLocation,
        statementLocation: SourceLocation,
        revision: String,
        message revisionMessage: String,
        outcome: String,
        hint: String? = nil
    ) -> MigrateError {
        var text = "revision \(revision)"
        if !revisionMessage.isEmpty { text += " (\(revisionMessage))" }
        text += " failed in the statement at line \(statementLocation.line ?? 0)"
        // Two statements may share a line; the column tells them apart.
        if let column = statementLocation.column { text += ", column \(column)" }
        text += "; \(outcome)\n"
        text += serverText(error)
        let code: MigrateError.Code = error.code == .connectionLost ? .connection : .statementFailed
        return MigrateError(code, text, location: location, hint: hint)
    }

    /// `ERROR 42P01: relation "x" does not exist` plus DETAIL/HINT/CONTEXT lines.
    static func serverText(_ error: PostgresError) -> String {
        var text = error.severity ?? "ERROR"
        if let sqlState = error.sqlState { text += " \(sqlState)" }
        text += ": " + ConnectionString.redacted(error.message)
        if let detail = error.detail { text += "\nDETAIL: " + detail }
        if let hint = error.hint { text += "\nHINT: " + hint }
        if let context = error.context { text += "\nCONTEXT: " + context }
        return text
    }
}
