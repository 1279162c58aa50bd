import Testing

@testable import MigrateKit

/// Telling a URI of another database from a PostgreSQL connection string before libpq parses it.
@Suite struct ConnectionSchemeTests {
    @Test(
        arguments: [
            ("postgresql://app@db/app", "postgresql"), ("POSTGRES://db", "POSTGRES"), ("mysql://u:p@h/d", "mysql"),
            ("sqlite+pysqlite:///x.db", "sqlite+pysqlite"), ("host=db dbname=app", nil),
            ("host=db options='-c search_path=x://y'", nil), ("", nil), ("://db", nil), ("1abc://db", nil),
        ] as [(String, String?)]
    )
    func scheme(connectionString: String, expected: String?) {
        #expect(ConnectionScheme.scheme(of: connectionString) == expected)
    }

    @Test(arguments: ["postgresql://app@db/app", "postgres://db", "PostgreSQL://db", "host=db", ""])
    func postgreSQLStringsPass(connectionString: String) throws {
        try ConnectionScheme.check(connectionString, source: "from --url")
    }

    @Test func anotherSchemeIsRefusedWithoutTheRestOfTheString() {
        #expect {
            try ConnectionScheme.check("mysql://app:secret@db/app", source: "from --url")
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("unsupported URL scheme `mysql://` (from --url)")
                && !description.contains("secret") && (error as? MigrateError)?.code.exitCode == 2
        }
    }
}
