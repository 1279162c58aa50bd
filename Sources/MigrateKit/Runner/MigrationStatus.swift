import PostgresClient

/// Where a database stands relative to the revision files: what `current` and `status` show.
package struct MigrationStatus: Sendable {
    /// Every row of the version table, oldest first, without the stored down SQL.
    package var rows: [AppliedRevision]
    /// Applied revisions that no applied revision follows.
    package var currentHeads: [String]
    /// The revisions `upgrade heads` would apply, in order.
    package var pending: [Revision]
    package var integrity: IntegrityReport
    /// Whether the version table exists yet.
    package var versionTableExists: Bool

    /// Reads the version table (without creating it or taking the migration lock) and compares.
    package static func read(
        connection: PostgresConnection,
        graph: RevisionGraph,
        versionTable: VersionTable
    ) throws -> MigrationStatus {
        let exists = try versionTable.existingLayout(on: connection) != nil
        let rows =
            exists ? try versionTable.appliedRevisions(on: connection, knownToExist: true, withDownSQL: false) : []
        let applied = Set(rows.filter { $0.status == .applied }.map(\.revision))
        let pending =
            graph.revisions.isEmpty
            ? [] : try graph.upgradePlan(to: .heads, applied: applied).steps.compactMap(\.revision)
        // Applied revisions without a file are heads too unless an applied revision names them as parent; and
        // a known revision is no head when such a revision (unknown to the graph) recorded it as its parent.
        let parentsOfApplied = Set(rows.flatMap(\.parents))
        let known = graph.currentHeads(applied: applied).map(\.id).filter { !parentsOfApplied.contains($0) }
        let unknown = graph.unknownRevisions(in: applied).filter { !parentsOfApplied.contains($0) }
        return MigrationStatus(
            rows: rows,
            currentHeads: (known + unknown).sorted(),
            pending: pending,
            integrity: IntegrityReport(rows: rows, graph: graph),
            versionTableExists: exists
        )
    }

    /// The database is at every head and nothing is wrong.
    package var isUpToDate: Bool { pending.isEmpty && integrity.partial.isEmpty }
}
