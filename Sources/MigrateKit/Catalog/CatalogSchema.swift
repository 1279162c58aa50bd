/// A schema (namespace) that holds user objects.
package struct CatalogSchema: Hashable, Sendable {
    package var name: String
    package var comment: String?

    package init(name: String, comment: String? = nil) {
        self.name = name
        self.comment = comment
    }
}
