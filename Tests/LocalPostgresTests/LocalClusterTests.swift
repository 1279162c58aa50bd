import LocalPostgres
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// These tests create clusters of their own (not the shared test server): they are about the lifecycle.
@Suite("Embedded cluster lifecycle", .serialized)
struct LocalClusterTests {
    @Test func createReuseStopAndDestroy() throws {
        try TemporaryDirectory.with { project in
            let cluster = try LocalCluster(root: project.path + "/.migrate", settings: .throwaway)
            defer { try? cluster.destroy() }
            #expect(cluster.status() == .notCreated)

            let first = try cluster.start()
            #expect(first == .init(created: true, started: true))
            guard case .running = cluster.status() else {
                Issue.record("not running after start: \(cluster.status())")
                return
            }
            let connection = try PostgresConnection(cluster.connectionString)
            #expect(connection.serverVersionNumber >= 150000)
            try connection.execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)")
            connection.close()

            // Starting again reuses the running server.
            #expect(try cluster.start() == .init(created: false, started: false))

            try cluster.stop()
            #expect(cluster.status() == .stopped)
            #expect(throws: PostgresError.self) { try PostgresConnection(cluster.connectionString) }

            // Restarting keeps the data.
            #expect(try cluster.start() == .init(created: false, started: true))
            let again = try PostgresConnection(cluster.connectionString)
            #expect(try again.execute("SELECT x FROM kept").scalar == "7")
            again.close()

            try cluster.destroy()
            #expect(cluster.status() == .notCreated)
        }
    }

    @Test func twoConcurrentStartersShareOneCluster() async throws {
        try await TemporaryDirectory.with { project in
            let root = project.path + "/.migrate"
            let cluster = try LocalCluster(root: root, settings: .throwaway)
            defer { try? cluster.destroy() }
            async let first = Task.detached { try LocalCluster(root: root, settings: .throwaway).start() }.value
            async let second = Task.detached { try LocalCluster(root: root, settings: .throwaway).start() }.value
            let outcomes = try await [first, second]
            #expect(outcomes.filter(\.created).count == 1)
            #expect(outcomes.filter(\.started).count == 1)
            let connection = try PostgresConnection(cluster.connectionString)
            #expect(try connection.execute("SELECT 1").scalar == "1")
        }
    }

    @Test func deepProjectPathsGetAShortSocketDirectory() throws {
        try TemporaryDirectory.with { project in
            let deep = project.path + "/" + String(repeating: "nested-directory/", count: 6) + ".migrate"
            let cluster = try LocalCluster(root: deep, settings: .throwaway)
            #expect(cluster.socketDirectory.hasPrefix("/tmp/migrate-"))
            #expect((cluster.socketDirectory + "/.s.PGSQL.5432").utf8.count <= 107)
        }
    }

    @Test func aClusterOwnedBySomeoneElseIsAClearError() throws {
        try TemporaryDirectory.with { project in
            let root = project.path + "/.migrate"
            let cluster = try LocalCluster(root: root, settings: .throwaway)
            let dataDirectory = cluster.dataDirectory
            _ = try ChildProcess.run("mkdir", ["-p", dataDirectory])
            _ = try ChildProcess.run("sh", ["-c", "echo 15 > '\(dataDirectory)/PG_VERSION'"])
            // Give the data directory to an account that is not the server's (nobody).
            let nobody = getpwnam("nobody")!.pointee.pw_uid
            guard geteuid() == 0 || cluster.account.uid != nobody else { return }
            if geteuid() == 0 {
                chown(dataDirectory, nobody, nobody)
            } else {
                // Without root we cannot give files away; the check is exercised when tests run as root (CI).
                return
            }
            let error = try #require(throws: LocalClusterError.self) { try cluster.start() }
            #expect(error.code == .ownership)
            #expect(error.description.contains("nobody"))
            #expect(error.description.contains("hint:"))
        }
    }
}
