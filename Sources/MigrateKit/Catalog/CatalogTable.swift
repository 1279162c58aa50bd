/// An ordinary, partitioned or partition table with what belongs to it: columns, constraints,
/// row-level security and policies. Indexes (they live in the schema's namespace) and triggers (views have
/// them too) are kept in the snapshot.
package struct CatalogTable: Hashable, Sendable {
    package var name: ObjectName
    /// In column-number order. For a partition, only what the partition declares itself (nothing, usually):
    /// inherited columns follow the parent. Likewise for a table with `INHERITS`: columns it only inherits
    /// are left out, those it also declares itself are kept.
    package var columns: [CatalogColumn]
    package var constraints: [String: CatalogConstraint]
    package var policies: [String: CatalogPolicy]
    package var isUnlogged: Bool
    /// Storage parameters (`fillfactor=70`), in the order the catalog holds them.
    package var options: [String]
    package var rowSecurity: Bool
    package var forceRowSecurity: Bool
    /// `RANGE (created_at)`, for a partitioned table.
    package var partitionKey: String?
    /// The partitioned table this one is a partition of, with its bound (`FOR VALUES FROM (...) TO (...)`).
    package var partition: PartitionBound?
    /// The tables named in `INHERITS (...)`, in order (not a partition's parent).
    package var inherits: [ObjectName]
    package var comment: String?
    /// `REPLICA IDENTITY`: `d` (default), `f` (full), `n` (nothing) or `i` (using ``replicaIdentityIndex``).
    package var replicaIdentity = "d"
    /// The unique index (or key constraint) named by `REPLICA IDENTITY USING INDEX`.
    package var replicaIdentityIndex: String?
    /// The tablespace, when not the database's default (compared by name).
    package var tablespace: String?

    package init(
        name: ObjectName,
        columns: [CatalogColumn] = [],
        constraints: [String: CatalogConstraint] = [:],
        policies: [String: CatalogPolicy] = [:],
        isUnlogged: Bool = false,
        options: [String] = [],
        rowSecurity: Bool = false,
        forceRowSecurity: Bool = false,
        partitionKey: String? = nil,
        partition: PartitionBound? = nil,
        inherits: [ObjectName] = [],
        comment: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.constraints = constraints
        self.policies = policies
        self.isUnlogged = isUnlogged
        self.options = options
        self.rowSecurity = rowSecurity
        self.forceRowSecurity = forceRowSecurity
        self.partitionKey = partitionKey
        self.partition = partition
        self.inherits = inherits
        self.comment = comment
    }

    /// The column with this name.
    package func column(_ name: String) -> CatalogColumn? {
        columns.first { $0.name == name }
    }
}

/// Where a partition sits: its parent and its bound.
package struct PartitionBound: Hashable, Sendable {
    package var parent: ObjectName
    /// `FOR VALUES IN (...)`, `FOR VALUES FROM (...) TO (...)`, `FOR VALUES WITH (...)` or `DEFAULT`.
    package var bound: String

    package init(parent: ObjectName, bound: String) {
        self.parent = parent
        self.bound = bound
    }
}
