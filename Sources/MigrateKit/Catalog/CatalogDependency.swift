/// One edge of `pg_depend` between two diffable objects: `dependent` needs `referenced` to exist.
///
/// Dependencies of views come from their rewrite rule, those of column defaults from `pg_attrdef`; both
/// are attributed to the view or column. Objects of extensions are represented by their extension.
package struct CatalogDependency: Hashable, Comparable, Sendable {
    /// What links the two objects, which decides how a change of `referenced` is worked around.
    package enum Link: Int, Hashable, Comparable, Sendable {
        /// Any ordinary reference (a view reading a column, a trigger calling a function...).
        case reference
        /// A column's default expression uses `referenced`.
        case columnDefault
        /// A column's generation expression uses `referenced`.
        case generatedColumn
        /// A column's type is `referenced` (or an array of it).
        case columnType
        /// `dependent` goes away automatically when `referenced` is dropped (`pg_depend.deptype = 'a'`):
        /// an index or constraint on a column, a partition of its parent, a sequence owned by a column.
        case automatic

        package static func < (lhs: Link, rhs: Link) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    package var dependent: ObjectKey
    package var referenced: ObjectKey
    package var link: Link

    package init(_ dependent: ObjectKey, on referenced: ObjectKey, link: Link = .reference) {
        self.dependent = dependent
        self.referenced = referenced
        self.link = link
    }

    package static func < (lhs: CatalogDependency, rhs: CatalogDependency) -> Bool {
        (lhs.dependent, lhs.referenced, lhs.link) < (rhs.dependent, rhs.referenced, rhs.link)
    }
}
