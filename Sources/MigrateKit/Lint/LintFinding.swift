/// One statement `migrate check` warns about: where it is, which rule, why, and what to write instead.
package struct LintFinding: Sendable, Hashable {
    /// The revision file, as the revision was loaded.
    package var file: String
    /// The revision's id.
    package var revision: String
    /// 1-based line and column in the file.
    package var line: Int
    package var column: Int
    package var rule: LintRule
    /// After configuration and table size; see ``note``.
    package var severity: LintSeverity
    /// One line: what the statement does to the running system.
    package var reason: String
    /// The lock-safe (or compatible) way to write it.
    package var rewrite: String
    /// Why the severity is lower than the rule's (a small table, one created in this batch), if it is.
    package var note: String?
    /// The reason given in `-- migrate:lint-ignore RULE reason` when the revision silences this finding.
    package var silencedBecause: String?

    /// Whether this finding makes `check` fail: an error that no `lint-ignore` silenced.
    package var isFailing: Bool { severity == .error && silencedBecause == nil }
}
