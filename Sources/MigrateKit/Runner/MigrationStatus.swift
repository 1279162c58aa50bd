import PostgresClient

/// Where a database stands relative to the revision files: what `current` and `status` show.
package struct MigrationStatus: Sendable {
    /// Every row of the version table, oldest first, without the stored down SQL (and, read for
    /// `.position`, with only the columns that place the database in the graph).
    package var rows: [AppliedRevision]
    /// Applied revisions that no applied revision follows.
    package var currentHeads: [String]
    /// The revisions `upgrade heads` would apply, in order.
    package var pending: [Revision]
    /// How the table and the files disagree; read for `.position`, only `partial` is filled.
    package var integrity: IntegrityReport
    /// Whether the version table exists yet.
    package var versionTableExists: Bool

    /// What a read compares.
    package enum Detail: Sendable {
        /// Everything: where the database stands, and every integrity problem (`status`, `validate`).
        case full
        /// Where the database stands: current heads, pending revisions and part-way revisions (`current`,
        /// `history -i`). Reads a quarter of each row and skips the checksum comparison.
        case position
    }

    /// Reads the version table (without creating it or taking the migration lock) and compares.
    package static func read(
        connection: PostgresConnection,
        graph: RevisionGraph,
        versionTable: VersionTable,
        detail: Detail = .full
    ) throws -> MigrationStatus {
        let exists = try versionTable.existingLayout(on: connection) != nil
        let rows =
            exists
            ? try versionTable.appliedRevisions(
                on: connection,
                knownToExist: true,
                detail: detail == .full ? .withoutDownSQL : .position
            ) : []
        let appliedRows = rows.filter { $0.status == .applied }
        let applied = Set(appliedRows.map(\.revision))
        let pending =
            graph.revisions.isEmpty
            ? [] : try graph.upgradePlan(to: .heads, applied: applied).steps.compactMap(\.revision)
        // Applied revisions without a file are heads too unless an applied revision names them as parent; and
        // a known revision is no head when such a revision (unknown to the graph) recorded it as its parent.
        let parentsOfApplied = Set(appliedRows.flatMap(\.parents))
        let known = graph.currentHeads(applied: applied).map(\.id).filter { !parentsOfApplied.contains($0) }
        let unknown = graph.unknownRevisions(in: applied).filter { !parentsOfApplied.contains($0) }
        return MigrationStatus(
            rows: rows,
            currentHeads: (known + unknown).sorted(),
            pending: pending,
            integrity: detail == .full ? IntegrityReport(rows: rows, graph: graph) : IntegrityReport(partialOf: rows),
            versionTableExists: exists
        )
    }

    /// The database is at every head and nothing is wrong.
    package var isUpToDate: Bool { pending.isEmpty && integrity.partial.isEmpty }
}
