import LocalPostgres

/// PostgreSQL's programs for tests (`pg_dump`, `psql`), from the directory where the product finds the
/// server's (``PostgresBinaries/locate(environment:)``: `MIGRATE_PG_BINDIR`, `pg_config`, the newest Debian
/// version), so that they match the server the tests start.
package enum PostgresPrograms {
    private static let directory = Result { () throws(LocalClusterError) in try PostgresBinaries.locate().directory }

    /// The path of `program` in that directory.
    /// - Throws: ``LocalClusterError`` when the server programs are not installed.
    package static func path(of program: String) throws -> String {
        try directory.get() + "/" + program
    }
}
