import MigrateTestSupport
import PostgresClient
import Testing

@Suite("Connecting")
struct ConnectionTests {
    @Test func refusedPortFailsWithAClearMessage() throws {
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection("postgresql://nobody:s3cret-pw@127.0.0.1:1/x")
        }
        #expect(error.code == .connectionFailed)
        #expect(error.message.contains("127.0.0.1"))
        #expect(!error.description.contains("s3cret-pw"))
    }

    @Test func aSilentServerFailsAtTheConnectTimeout() throws {
        // It takes the connection and never answers, so only the timeout ends the attempt.
        let server = try SilentServer()
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection("host=127.0.0.1 port=\(server.port) dbname=x", connectTimeoutSeconds: 2)
        }
        #expect(error.message.contains("timeout expired"), "\(error.message)")
        withExtendedLifetime(server) {}
    }

    @Test func malformedURLIsRejectedBeforeConnecting() throws {
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection("postgresql://user:hunter2@host:notaport/db?sslmode=")
        }
        #expect(error.code == .invalidConnectionString || error.code == .connectionFailed)
        #expect(!error.description.contains("hunter2"))
    }

    @Test func missingDatabaseNamesIt() throws {
        let admin = try TestServer.adminConnectionString()
        let url = try ConnectionString.replacing(["dbname": "no_such_database_here"], in: admin)
        let error = try #require(throws: PostgresError.self) { try PostgresConnection(url) }
        #expect(error.code == .connectionFailed)
        #expect(error.message.contains("no_such_database_here"))
    }

    @Test(arguments: [
        ("postgresql://app:secret@db:5432/x", "postgresql://app:****@db:5432/x"),
        ("postgres://app:p%40ss@db/x?sslmode=require", "postgres://app:****@db/x?sslmode=require"),
        ("host=db password=secret dbname=x", "host=db password=**** dbname=x"),
        ("host=db password = 'se cret' dbname=x", "host=db password = **** dbname=x"),
        (
            "postgresql://db/x?user=a&password=secret&sslmode=require",
            "postgresql://db/x?user=a&password=****&sslmode=require"
        ),
        ("postgresql://app@db/x", "postgresql://app@db/x"),
    ])
    func passwordsAreRedacted(input: String, expected: String) {
        #expect(ConnectionString.redacted(input) == expected)
    }

    @Test func replacingOptionsKeepsTheRest() throws {
        let replaced = try ConnectionString.replacing(
            ["dbname": "other"],
            in: "postgresql://u@h:6543/orig?sslmode=disable"
        )
        let options = try ConnectionString.options(replaced)
        #expect(options["dbname"] == "other")
        #expect(options["host"] == "h")
        #expect(options["port"] == "6543")
        #expect(options["sslmode"] == "disable")
        #expect(options["user"] == "u")
    }
}
