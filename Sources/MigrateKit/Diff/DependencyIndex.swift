/// A snapshot's dependencies indexed both ways.
struct DependencyIndex {
    private(set) var dependents: [ObjectKey: [(key: ObjectKey, link: CatalogDependency.Link)]] = [:]
    private(set) var dependencies: [ObjectKey: [(key: ObjectKey, link: CatalogDependency.Link)]] = [:]

    init(_ edges: [CatalogDependency]) {
        for edge in edges {
            dependents[edge.referenced, default: []].append((edge.dependent, edge.link))
            dependencies[edge.dependent, default: []].append((edge.referenced, edge.link))
        }
    }

    /// What depends on `key` directly, in a stable order.
    func dependents(of key: ObjectKey) -> [(key: ObjectKey, link: CatalogDependency.Link)] {
        dependents[key] ?? []
    }

    /// What `key` depends on directly, in a stable order.
    func dependencies(of key: ObjectKey) -> [(key: ObjectKey, link: CatalogDependency.Link)] {
        dependencies[key] ?? []
    }
}
