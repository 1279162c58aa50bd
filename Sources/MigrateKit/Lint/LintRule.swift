/// A lint rule of `migrate check`: one kind of statement that locks a busy table for long, rewrites it, or breaks
/// the application version still running during a rolling deploy.
///
/// The raw value is the rule's name in findings, in `[lint]` of `migrate.toml` and in
/// `-- migrate:lint-ignore RULE reason`.
package enum LintRule: String, CaseIterable, Sendable, Hashable, Comparable {
    case createIndexNotConcurrently = "create-index-not-concurrently"
    case dropIndexNotConcurrently = "drop-index-not-concurrently"
    case reindexNotConcurrently = "reindex-not-concurrently"
    case refreshNotConcurrently = "refresh-not-concurrently"
    case constraintNotValid = "constraint-not-valid"
    case setNotNull = "set-not-null"
    case addColumnNotNullWithoutDefault = "add-column-not-null-without-default"
    case addColumnVolatileDefault = "add-column-volatile-default"
    case alterColumnTypeRewrite = "alter-column-type-rewrite"
    case addUniqueWithoutIndex = "add-unique-without-index"
    case vacuumFull = "vacuum-full"
    case cluster = "cluster"
    case lockTable = "lock-table"
    case truncate = "truncate"
    case updateWithoutWhere = "update-without-where"
    case deleteWithoutWhere = "delete-without-where"
    case unboundedTimeout = "unbounded-timeout"
    case dropColumn = "drop-column"
    case dropTable = "drop-table"
    case renameColumn = "rename-column"
    case renameTable = "rename-table"
    case narrowColumnType = "narrow-column-type"
    case dropEnumValue = "drop-enum-value"

    /// What a rule guards against, which decides how table size changes its severity.
    package enum Hazard: Sendable {
        /// Holds a lock that blocks reads or writes for a time that grows with the table: harmless on a small
        /// table or one created earlier in the same batch.
        case lock
        /// Breaks the application version still running during a rolling deploy: harmless only on a table
        /// created earlier in the same batch (no running code knows it).
        case compatibility
        /// Neither (a revision-wide setting).
        case setting
    }

    package var hazard: Hazard {
        switch self {
        case .dropColumn, .dropTable, .renameColumn, .renameTable, .narrowColumnType, .dropEnumValue: .compatibility
        case .unboundedTimeout: .setting
        default: .lock
        }
    }

    /// The severity before configuration and table size change it. Every rule is an error by default except
    /// `refresh-not-concurrently`, which is only possible with a unique index and blocks reads, not writes.
    package var defaultSeverity: LintSeverity {
        self == .refreshNotConcurrently ? .warning : .error
    }

    package static func < (lhs: LintRule, rhs: LintRule) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How much a finding matters. Only errors make `migrate check` fail.
package enum LintSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case info
    case warning
    case error

    package static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
