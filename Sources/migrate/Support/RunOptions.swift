import ArgumentParser

/// Flags of the commands that run revisions (`upgrade`, `downgrade`, `stamp`).
struct RunOptions: ParsableArguments {
    @Flag(help: "Run the whole batch in one transaction: all revisions or none.")
    var atomic = false

    @Option(help: "How long to wait for another deployer's migration lock, e.g. 60s, 5min (default: lock_wait).")
    var lockWait: String?

    @Flag(help: "Run even if applied revisions' files changed or are missing.")
    var allowChanged = false

    /// Checks that `downgrade` and `stamp` got exactly one target. They take their target as an array of
    /// unrecognised words, so that `-1` is a target rather than an unknown option.
    static func requireOneTarget(_ words: [String]) throws {
        guard words.count == 1 else {
            throw ValidationError(
                words.isEmpty
                    ? "Missing expected argument '<target>'"
                    : "Expected one target, got \(words.joined(separator: " "))"
            )
        }
    }
}
