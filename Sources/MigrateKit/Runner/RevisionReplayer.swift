import PostgresClient

/// Replays this project's revisions into an empty database, for `migrations@REV` schema sources
/// (`migrate diff migrations@head schema/`).
package struct RevisionReplayer: MigrationReplayer {
    package var graph: RevisionGraph
    package var versionTable: VersionTable
    package var options: MigrationOptions

    package func replay(upTo revision: String, into connectionString: String) throws {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(connectionString)
        } catch {
            throw MigrateError(.connection, "cannot connect to the scratch database: \(error.message)")
        }
        defer { connection.close() }
        let migrator = Migrator(connection: connection, graph: graph, versionTable: versionTable, options: options)
        try migrator.upgrade(to: try RevisionTarget(parsing: revision))
    }
}

extension SchemaSource {
    /// Reads a `migrate diff` side: a database URL or connection string, `migrations@REV` (`migrations` alone
    /// means `migrations@head`), or a path to desired-state SQL (a file or a directory).
    package static func parse(
        _ text: String,
        currentDirectory: String,
        replayer: @autoclosure () throws -> RevisionReplayer
    ) throws -> SchemaSource {
        if text == "migrations" || text.hasPrefix("migrations@") {
            let revision = text == "migrations" ? "head" : String(text.dropFirst("migrations@".count))
            return .migrations(revision: revision, replayer: try replayer())
        }
        if text.contains("://") || text.contains("=") {
            try ConnectionScheme.check(text, source: "a side of the diff")
            return .database(text)
        }
        let path = text.hasPrefix("/") ? text : currentDirectory + "/" + text
        var isDirectory = false
        guard fileExists(path, isDirectory: &isDirectory) else {
            throw MigrateError(
                .usage,
                "`\(text)` is neither a database URL, `migrations@REV`, nor an existing .sql file or directory",
                hint: "give a URL (postgresql://...), migrations@head, or the path of the desired-state SQL"
            )
        }
        return .sqlFiles(path)
    }
}

import LibC

private func fileExists(_ path: String, isDirectory: inout Bool) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
    return true
}
