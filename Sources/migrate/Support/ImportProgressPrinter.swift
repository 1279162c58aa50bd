import LibC
import MigrateKit

/// Prints `migrate import`'s progress on stderr: on a terminal one line per table that redraws in place (rows
/// done of total, rows/s, time left); otherwise one line per table when it ends.
final class ImportProgressPrinter: @unchecked Sendable {
    private let isTerminal = isatty(2) == 1
    private let state = Locked<State>(State())
    private let json: Bool

    private struct State {
        var started: [String: Double] = [:]
        var lineOpen = false
    }

    init(json: Bool) { self.json = json }

    func print(_ event: ImportEvent) {
        state.withLock { state in
            switch event {
            case .planned(let plan):
                let rows = plan.tables.reduce(0) { $0 + $1.sourceRows }
                Terminal.info("importing \(plan.tables.count) table(s), \(rows) rows")
            case .skipped(let table, let rows):
                Terminal.info("\(table): already imported from this file (\(rows.map(String.init) ?? "?") rows), skipped")
            case .truncated(let table):
                close(&state)
                Terminal.info("\(table): emptied (--truncate)")
            case .tableStarted(let table, let rows):
                state.started[table] = monotonicSeconds()
                if isTerminal, !Terminal.isQuiet { redraw(&state, "\(table): 0 of \(rows) rows") }
            case .tableProgress(let table, let rows, let total):
                guard isTerminal, !Terminal.isQuiet else { return }
                let elapsed = monotonicSeconds() - (state.started[table] ?? monotonicSeconds())
                let rate = elapsed > 0 ? Double(rows) / elapsed : 0
                let left = rate > 0 ? Double(max(total - rows, 0)) / rate : 0
                redraw(
                    &state,
                    "\(table): \(rows) of \(total) rows, \(Int(rate)) rows/s, about \(Int(left.rounded(.up))) s left"
                )
            case .tableLoaded(let result):
                close(&state)
                Terminal.info(
                    "\(result.table): \(result.rows) rows in \(ImportCommand.fixed(result.seconds, 2)) s"
                )
            case .tableFailed(let table, _):
                close(&state)
                Terminal.info("\(table): failed, rolled back")
            case .verified(let table, let level, let mismatch):
                close(&state)
                if let mismatch {
                    Terminal.warning("verification (\(level.rawValue)): \(mismatch)")
                } else {
                    Terminal.detail("\(table): verified (\(level.rawValue))")
                }
            }
        }
    }

    /// Ends a line left open by the progress display.
    func finish() {
        state.withLock { close(&$0) }
    }

    private func redraw(_ state: inout State, _ text: String) {
        Terminal.raw("\r\u{1B}[2K" + text)
        state.lineOpen = true
    }

    private func close(_ state: inout State) {
        guard state.lineOpen else { return }
        Terminal.raw("\r\u{1B}[2K")
        state.lineOpen = false
    }
}
