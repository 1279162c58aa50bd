import MigrateKit

import LibC

/// Prints `migrate export`'s progress on stderr: on a terminal one line per table that redraws in place; otherwise
/// one line per table when it is written. What is not carried over (indexes on expressions...) is listed first.
final class ExportProgressPrinter {
    private let isTerminal = isatty(2) == 1
    private var started = 0.0
    private var lineOpen = false

    func print(_ event: ExportEvent) {
        switch event {
        case .planned(let plan):
            Terminal.info("exporting \(plan.tables.count) table(s)")
            for note in plan.notes { Terminal.warning("not exported: \(note)") }
            for table in plan.emptyLayoutTables {
                Terminal.info("\(table): in the --like layout but not in PostgreSQL; created empty")
            }
            for table in plan.tables {
                for column in table.columns where column.spelling != .text {
                    Terminal.detail("\(table.name).\(column.name) (\(column.typeName)): \(column.spelling)")
                }
            }
        case .tableStarted(let table, _):
            started = monotonicSeconds()
            if isTerminal, !Terminal.isQuiet { redraw("\(table): 0 rows") }
        case .tableProgress(let table, let rows, let estimate):
            guard isTerminal, !Terminal.isQuiet else { return }
            let elapsed = monotonicSeconds() - started
            let rate = elapsed > 0 ? Double(rows) / elapsed : 0
            var text = "\(table): \(rows) rows, \(Int(rate)) rows/s"
            if estimate > rows, rate > 0 {
                text += ", about \(Int((Double(estimate - rows) / rate).rounded(.up))) s left"
            }
            redraw(text)
        case .tableWritten(let table, let rows, let seconds):
            close()
            Terminal.info("\(table): \(rows) rows in \(ImportCommand.fixed(seconds, 2)) s")
        case .checked:
            Terminal.detail("PRAGMA foreign_key_check and integrity_check: ok")
        case .verified(let table, let level, let mismatch):
            if let mismatch {
                Terminal.warning("verification (\(level.rawValue)): \(mismatch)")
            } else {
                Terminal.detail("\(table): verified (\(level.rawValue))")
            }
        }
    }

    /// Ends a line left open by the progress display.
    func finish() { close() }

    private func redraw(_ text: String) {
        Terminal.raw("\r\u{1B}[2K" + text)
        lineOpen = true
    }

    private func close() {
        guard lineOpen else { return }
        Terminal.raw("\r\u{1B}[2K")
        lineOpen = false
    }
}
