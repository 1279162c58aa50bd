/// Moves the `Examples:` paragraph that ends each subcommand's discussion to the end of its help, after the
/// options, where a reader looks for it: argument-parser prints the discussion before the usage line and has no
/// section of its own for examples.
enum HelpExamples {
    /// `help` with its `Examples:` block (the line and the indented lines after it) moved to the end; unchanged when
    /// it has none before its `USAGE:` line.
    static func movedToEnd(_ help: String) -> String {
        var lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Examples:"),
            let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }), start < usage
        else { return help }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("  ") { end += 1 }
        let examples = Array(lines[start..<end])
        lines.removeSubrange(start..<end)
        // The blank line that separated the block from the usage line goes with it.
        if start < lines.count, lines[start].isEmpty { lines.remove(at: start) }
        let trailingNewlines = help.reversed().prefix { $0 == "\n" }.count
        while lines.last?.isEmpty == true { lines.removeLast() }
        lines += [""] + examples
        return lines.joined(separator: "\n") + String(repeating: "\n", count: trailingNewlines)
    }
}
