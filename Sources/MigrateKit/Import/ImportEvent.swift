/// What `migrate import` reports as it goes; the CLI prints these.
package enum ImportEvent: Sendable {
    /// The mapping is decided; nothing has moved yet.
    case planned(ImportPlan)
    /// A table finished by an earlier run with the same source file.
    case skipped(table: String, rows: Int?)
    case truncated(table: String)
    case tableStarted(table: String, rows: Int)
    case tableProgress(table: String, rows: Int, total: Int)
    case tableLoaded(TableLoadResult)
    case tableFailed(table: String, error: MigrateError)
    case verified(table: String, level: ImportVerifier.Level, mismatch: String?)
}

/// The outcome of one table in an import (or a verification).
package struct ImportTableSummary: Sendable {
    package var table: String
    package var rows: Int
    package var seconds: Double
    /// `skipped` (done by an earlier run), `loaded`, `failed` or `verified` (for --verify-only).
    package var outcome: String
    /// `counts`, `full`, `none`, or `MISMATCH`.
    package var verification: String
    package var message: String?

    package var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}
