#if canImport(Glibc)
    import Glibc
#endif

/// Where the CLI writes. Requested output (SQL, JSON, revision ids) goes to stdout; progress, notices and
/// errors go to stderr, so `migrate upgrade --sql > plan.sql` and `--json | jq` stay clean.
enum Terminal {
    nonisolated(unsafe) static var isQuiet = false
    nonisolated(unsafe) static var isVerbose = false

    /// Requested output, on stdout.
    static func output(_ text: String) {
        write(1, text + "\n")
    }

    /// Progress and facts about the run, on stderr; hidden by --quiet.
    static func info(_ text: String) {
        guard !isQuiet else { return }
        writeError(text)
    }

    /// Details shown with --verbose only.
    static func detail(_ text: String) {
        guard isVerbose, !isQuiet else { return }
        writeError(text)
    }

    /// A warning on stderr, shown even with --quiet.
    static func warning(_ text: String) {
        writeError("warning: " + text)
    }

    /// A failure on stderr, always shown.
    static func error(_ text: String) {
        writeError("error: " + text)
    }

    /// Whether stdin is a terminal (a person could answer a question).
    static var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

    private static func writeError(_ text: String) {
        write(2, text + "\n")
    }

    /// Unbuffered, so stdout and stderr lines interleave in the order they were produced (CI logs, pipes).
    private static func write(_ descriptor: Int32, _ text: String) {
        var remaining = Array(text.utf8)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            remaining = remaining.dropFirst(written)
        }
    }
}
