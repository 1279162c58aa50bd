/// A collation created with `CREATE COLLATION` (libc or ICU).
package struct CatalogCollation: Hashable, Sendable {
    package var name: ObjectName
    /// `c` (libc) or `i` (ICU).
    package var provider: String
    /// `LC_COLLATE` and `LC_CTYPE` of a libc collation.
    package var collate: String?
    package var ctype: String?
    /// The ICU locale of an ICU collation.
    package var locale: String?
    /// ICU tailoring rules (PostgreSQL 16 and later).
    package var rules: String?
    package var deterministic: Bool
    package var comment: String?

    package init(
        name: ObjectName,
        provider: String,
        collate: String? = nil,
        ctype: String? = nil,
        locale: String? = nil,
        rules: String? = nil,
        deterministic: Bool = true,
        comment: String? = nil
    ) {
        self.name = name
        self.provider = provider
        self.collate = collate
        self.ctype = ctype
        self.locale = locale
        self.rules = rules
        self.deterministic = deterministic
        self.comment = comment
    }

    /// Whether two collations sort the same way (everything but the name and the comment).
    package func hasSameDefinition(as other: CatalogCollation) -> Bool {
        (provider, collate, ctype, locale, rules, deterministic)
            == (other.provider, other.collate, other.ctype, other.locale, other.rules, other.deterministic)
    }
}
