import LibC
import MigrateKit
import PostgresClient

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

    /// Text on stderr as it is, without a newline: a progress line redrawn in place with `\r`.
    static func raw(_ text: String) {
        write(2, text)
    }

    /// A failure on stderr, always shown.
    static func error(_ text: String) {
        writeError("error: " + text)
    }

    /// A message argument-parser made (help, a usage error), as it would print it: on stdout when `isError` is
    /// false, else on stderr.
    static func message(_ text: String, isError: Bool) {
        write(isError ? 2 : 1, text + "\n")
    }

    /// Whether stdin is a terminal (a person could answer a question).
    static var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

    // MARK: - Secrets

    /// Texts never written as they are, longest first: the passwords of the connection strings in use.
    nonisolated(unsafe) private static var secrets: [String] = []

    /// Masks the passwords of a connection string in everything written from now on: the last line of defence
    /// behind the masking and scrubbing done where messages are made.
    ///
    /// Only texts of four bytes or more are masked (shorter pieces would shred ordinary words); each also in the
    /// form JSON output escapes it to. A password that is also the string's user, database or host name
    /// (`postgresql://postgres:postgres@...`) is not: those are shown on purpose, and masking the name everywhere
    /// would garble every line and any SQL that names the role.
    static func registerSecrets(of connectionString: String) {
        let options = (try? ConnectionString.options(connectionString)) ?? [:]
        let shownNames = Set(["user", "dbname", "host"].compactMap { options[$0] })
        for secret in ConnectionString.secrets(in: connectionString) where !shownNames.contains(secret) {
            registerSecret(secret)
        }
    }

    /// Masks one secret text in everything written from now on.
    private static func registerSecret(_ secret: String) {
        for form in [secret, JSONText.escaped(secret)] where form.utf8.count >= 4 && !secrets.contains(form) {
            secrets.append(form)
        }
        secrets.sort { $0.utf8.count > $1.utf8.count }
    }

    private static func masked(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacing(secret, with: ConnectionString.mask)
        }
        return text
    }

    // MARK: - Writing

    private static func writeError(_ text: String) {
        write(2, text + "\n")
    }

    /// Unbuffered, so stdout and stderr lines interleave in the order they were produced (CI logs, pipes).
    private static func write(_ descriptor: Int32, _ text: String) {
        var remaining = Array(masked(text).utf8)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { LibC.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            remaining = remaining.dropFirst(written)
        }
    }
}
