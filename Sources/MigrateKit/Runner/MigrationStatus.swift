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
        try MigrationStatus(
            AppliedRows.read(connection: connection, versionTable: versionTable, detail: detail),
            graph: graph
        )
    }

    /// Compares rows read from the version table with the revision files.
    package init(_ read: AppliedRows, graph: RevisionGraph) throws {
        let rows = read.rows
        let appliedRows = rows.filter { $0.status == .applied }
        let applied = Set(appliedRows.map(\.revision))
        pending =
            graph.revisions.isEmpty
            ? [] : try graph.upgradePlan(to: .heads, applied: applied).steps.compactMap(\.revision)
        // Applied revisions without a file are heads too unless an applied revision names them as parent; and
        // a known revision is no head when such a revision (unknown to the graph) recorded it as its parent.
        let parentsOfApplied = Set(appliedRows.flatMap(\.parents))
        let known = graph.currentHeads(applied: applied).map(\.id).filter { !parentsOfApplied.contains($0) }
        let unknown = graph.unknownRevisions(in: applied).filter { !parentsOfApplied.contains($0) }
        self.rows = rows
        currentHeads = (known + unknown).sorted()
        integrity =
            read.detail == .full ? IntegrityReport(rows: rows, graph: graph) : IntegrityReport(partialOf: rows)
        versionTableExists = read.versionTableExists
    }

    /// The database is at every head and nothing is wrong.
    package var isUpToDate: Bool { pending.isEmpty && integrity.partial.isEmpty }
}

/// The version table's rows as read from the database, before they are compared with the revision files: the
/// part of a status read that needs only the connection, so that it can run while the files are being read.
package struct AppliedRows: Sendable {
    /// Every row, oldest first (columns as `detail` asks).
    package var rows: [AppliedRevision]
    /// Whether the version table exists yet (no rows when it does not).
    package var versionTableExists: Bool
    /// What the comparison will cover.
    package var detail: MigrationStatus.Detail

    /// Reads the version table without creating it or taking the migration lock.
    package static func read(
        connection: PostgresConnection,
        versionTable: VersionTable,
        detail: MigrationStatus.Detail
    ) throws -> AppliedRows {
        let exists = try versionTable.relationExists(on: connection)
        let rows =
            exists
            ? try versionTable.appliedRevisions(
                on: connection,
                knownToExist: true,
                detail: detail == .full ? .withoutDownSQL : .position
            ) : []
        return AppliedRows(rows: rows, versionTableExists: exists, detail: detail)
    }
}
