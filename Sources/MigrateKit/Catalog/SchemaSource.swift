/// Where a schema to compare comes from.
package enum SchemaSource {
    /// A live database, by connection string.
    case database(String)
    /// Declarative SQL: a `.sql` file, or a directory whose `.sql` files are applied in path order.
    case sqlFiles(String)
    /// This repository's revisions applied up to `revision`, replayed into a shadow database.
    case migrations(revision: String, replayer: any MigrationReplayer)
}

/// Replays a repository's revisions into an empty database; implemented with the migration runner.
package protocol MigrationReplayer {
    /// Applies the revisions from base up to and including `revision` to the empty database at
    /// `connectionString`.
    func replay(upTo revision: String, into connectionString: String) throws
}
