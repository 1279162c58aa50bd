import MigrateKit

/// What `upgrade` and `downgrade` end with: the revision(s) the database is at now, by id and message, rather
/// than the target as typed (`+2` or `core@-1` says little once it has run).
enum ReachedRevision {
    /// `c005 (Add tags)`, several joined by commas, or `base` when no revision is applied; read from the version
    /// table through the session that ran the revisions.
    static func describe(_ session: DatabaseConnector.Session, graph: RevisionGraph, context: CommandContext) throws
        -> String
    {
        let status = try MigrationStatus.read(
            connection: session.connection,
            graph: graph,
            versionTable: context.versionTable,
            detail: .position
        )
        guard !status.currentHeads.isEmpty else { return "base" }
        return status.currentHeads.map { id in
            guard let message = graph[id]?.message, !message.isEmpty else { return id }
            return "\(id) (\(message))"
        }.joined(separator: ", ")
    }
}
