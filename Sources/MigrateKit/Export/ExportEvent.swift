/// What `migrate export` reports as it goes; the CLI prints these.
package enum ExportEvent: Sendable {
    /// The tables, columns and spellings are decided; nothing is written yet.
    case planned(ExportPlan)
    case tableStarted(table: String, estimatedRows: Int)
    /// `estimatedRows` is PostgreSQL's planner estimate (-1 when unknown): the total is not counted first.
    case tableProgress(table: String, rows: Int, estimatedRows: Int)
    case tableWritten(table: String, rows: Int, seconds: Double)
    /// `PRAGMA foreign_key_check` and `PRAGMA integrity_check` found nothing.
    case checked
    case verified(table: String, level: ImportVerifier.Level, mismatch: String?)
}

/// The outcome of one table of an export.
package struct ExportTableSummary: Sendable {
    /// The PostgreSQL table.
    package var table: String
    /// The SQLite table it went into.
    package var sqliteTable: String
    package var rows: Int
    package var seconds: Double
    /// `counts`, `full` or `none`.
    package var verification: String

    package var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}
