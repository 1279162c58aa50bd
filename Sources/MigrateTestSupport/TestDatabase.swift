import LibC
import PostgresClient

/// A database of its own for one test, on the test run's server.
package struct TestDatabase: Sendable {
    /// The database's name (`migrate_test_<random>`).
    package let name: String
    /// A libpq keyword/value connection string for it.
    package let connectionString: String

    /// Opens a new connection to this database.
    package func connect() throws -> PostgresConnection {
        try PostgresConnection(connectionString)
    }

    /// Creates a fresh, empty database, runs `body` with it, then drops it (also when `body` throws).
    package static func with<Result>(_ body: (TestDatabase) throws -> Result) throws -> Result {
        let database = try create()
        defer { database.drop() }
        return try body(database)
    }

    /// Async flavour of ``with(_:)`` for tests that run concurrent work.
    package static func with<Result>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
        let database = try create()
        defer { database.drop() }
        return try await body(database)
    }

    /// Creates a fresh, empty database that the caller drops.
    package static func create() throws -> TestDatabase {
        let admin = try TestServer.adminConnectionString()
        let name = "migrate_test_" + randomSuffix()
        let connection = try PostgresConnection(admin)
        defer { connection.close() }
        try connection.execute("CREATE DATABASE \(SQLQuoting.identifier(name)) TEMPLATE template0")
        return TestDatabase(name: name, connectionString: try ConnectionString.replacing(["dbname": name], in: admin))
    }

    /// Drops the database, ending any session still connected to it.
    package func drop() {
        guard let admin = try? TestServer.adminConnectionString(),
            let connection = try? PostgresConnection(admin)
        else { return }
        defer { connection.close() }
        _ = try? connection.execute("DROP DATABASE IF EXISTS \(SQLQuoting.identifier(name)) WITH (FORCE)")
    }

    private static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 36)
    }
}
