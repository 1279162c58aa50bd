/// How reserved a PostgreSQL keyword is (the `KeywordKind` of libpg_query's scanner, PostgreSQL's
/// `kwlist.h` categories).
package enum SQLKeywordCategory: Int, Sendable, Hashable, CaseIterable {
    /// Usable as any name without quotes: `name`, `action`, `version`.
    case unreserved = 1
    /// Usable as a column name but not as a function or type name: `int`, `between`, `values`.
    case columnName = 2
    /// Usable as a function or type name but not as a column name: `left`, `join`, `authorization`.
    case typeFunctionName = 3
    /// Never usable as a name without quotes: `select`, `user`, `table`.
    case reserved = 4
}
