/// An enum type and its labels in sort order.
package struct CatalogEnum: Hashable, Sendable {
    package var name: ObjectName
    package var values: [String]
    package var comment: String?

    package init(name: ObjectName, values: [String], comment: String? = nil) {
        self.name = name
        self.values = values
        self.comment = comment
    }
}
