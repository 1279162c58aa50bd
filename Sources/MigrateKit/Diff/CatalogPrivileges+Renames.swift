extension CatalogPrivileges {
    /// The privileges keyed by the names the renames give tables and columns.
    func applying(_ renames: [ResolvedRename]) -> CatalogPrivileges {
        var renamed = self
        for rename in renames {
            renamed.objects = Dictionary(
                uniqueKeysWithValues: renamed.objects.map { key, value in (Self.key(key, after: rename), value) }
            )
        }
        return renamed
    }

    private static func key(_ key: ObjectKey, after rename: ResolvedRename) -> ObjectKey {
        switch rename {
        case .table(let from, let to):
            if key == .table(from) { return .table(to) }
            if case .column(from, let column) = key { return .column(to, column) }
        case .column(_, let table, let from, let to):
            if key == .column(table, from) { return .column(table, to) }
        }
        return key
    }
}
