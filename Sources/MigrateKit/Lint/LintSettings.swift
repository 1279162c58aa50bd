/// `[lint]` of `migrate.toml`: which rules run, at which severity, and what counts as a small table.
package struct LintSettings: Sendable, Hashable {
    /// `small_table_rows`: a table with fewer rows than this (`pg_class.reltuples`) raises no lock-hazard errors.
    package var smallTableRows = 10_000
    /// `max_heads`: how many heads `migrate check` accepts (a project that keeps branches and runs
    /// `upgrade heads` sets more than one).
    package var maxHeads = 1
    /// A rule's severity set in the file; `nil` turns the rule off. Rules not listed keep their default.
    package var severities: [LintRule: LintSeverity?] = [:]

    package init() {}

    /// The severity `rule` runs at, or `nil` when it is off.
    package func severity(of rule: LintRule) -> LintSeverity? {
        if let configured = severities[rule] { return configured }
        return rule.defaultSeverity
    }

    /// The values a rule's key takes in `[lint]`.
    package static let ruleValues = ["off", "info", "warning", "error"]
}
