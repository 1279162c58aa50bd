/// An installed extension. The objects it owns are not read individually: the extension stands for them.
package struct CatalogExtension: Hashable, Sendable {
    package var name: String
    /// The schema its objects live in.
    package var schema: String
    package var version: String
    package var comment: String?

    package init(name: String, schema: String, version: String, comment: String? = nil) {
        self.name = name
        self.schema = schema
        self.version = version
        self.comment = comment
    }
}
