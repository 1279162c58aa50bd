import SQLSyntax

/// A `-- migrate:lint-ignore RULE reason` comment in a revision's up section: findings of RULE in that revision are
/// silenced (still listed, marked with the reason).
struct LintIgnore: Hashable {
    var rule: LintRule
    var reason: String

    static let prefix = "-- migrate:lint-ignore"

    /// The lint-ignore comments of `section`, read from the scanner's comment tokens (so `--` inside a string is
    /// never one).
    /// - Throws: ``MigrateError`` (`.revisionFile`) with the file line for a comment without a reason or with an
    ///   unknown rule.
    static func comments(in section: RevisionSection, path: String) throws(MigrateError) -> [LintIgnore] {
        guard section.text.contains(prefix) else { return [] }
        let tokens = (try? SQLToken.tokens(section.text, includingComments: true)) ?? []
        let script = SQLScript(section.text)
        var found: [LintIgnore] = []
        for token in tokens where token.kind == .comment && token.text.hasPrefix(prefix) {
            let line = section.firstLine - 1 + script.position(ofByteOffset: token.range.lowerBound).line
            let location = SourceLocation(file: path, line: line)
            let words = token.text.dropFirst(prefix.count).split(separator: " ", maxSplits: 1)
            guard let name = words.first.map(String.init) else {
                throw MigrateError(
                    .revisionFile,
                    "`\(prefix)` names no rule",
                    location: location,
                    hint: "write `\(prefix) RULE why it is safe here`"
                )
            }
            guard let rule = LintRule(rawValue: name) else {
                let suggestion = ConfigurationSchema.closest(to: name, among: LintRule.allCases.map(\.rawValue))
                throw MigrateError(
                    .revisionFile,
                    "`\(prefix) \(name)`: no lint rule is named `\(name)`"
                        + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                    location: location,
                    hint: "the rules are listed in the README's `migrate check` section"
                )
            }
            let reason = words.count > 1 ? words[1].trimmingWhitespace : ""
            guard !reason.isEmpty else {
                throw MigrateError(
                    .revisionFile,
                    "`\(prefix) \(name)` gives no reason; a silenced finding needs one",
                    location: location,
                    hint: "write `\(prefix) \(name) why it is safe here`"
                )
            }
            found.append(LintIgnore(rule: rule, reason: reason))
        }
        return found
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
