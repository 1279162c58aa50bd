import LibC
import LocalPostgres
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

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

    /// A server killed with SIGKILL leaves `postmaster.pid` behind, naming a pid that is gone (or a
    /// zombie nobody reaps, in a container without an init): the cluster says it crashed, and start recovers it.
    @Test func killedServerIsCrashedAndStartRecoversIt() throws {
        try TemporaryDirectory.with { project in
            // Durable: a throwaway cluster's asynchronous commits may not reach the WAL before the kill.
            let cluster = try LocalCluster(root: project.path + "/.migrate", settings: .embedded)
            defer { try? cluster.destroy() }
            try cluster.start()
            let connection = try PostgresConnection(cluster.connectionString)
            try connection.execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)")
            connection.close()
            guard case .running(let pid) = cluster.status() else {
                Issue.record("not running after start: \(cluster.status())")
                return
            }
            #expect(kill(pid, SIGKILL) == 0)
            for _ in 0..<200 where cluster.status() == .running(pid: pid) { usleep(25_000) }
            #expect(cluster.status() == .crashed(pid: pid))

            let outcome = try cluster.start()
            #expect(outcome == .init(created: false, started: true, recoveredFromPID: pid))
            guard case .running(let newPID) = cluster.status() else {
                Issue.record("not running after recovery: \(cluster.status())")
                return
            }
            #expect(newPID != pid)
            let again = try PostgresConnection(cluster.connectionString)
            #expect(try again.execute("SELECT x FROM kept").scalar == "7")
            again.close()
        }
    }

    /// What a killed server leaves when its pid still answers `kill(pid, 0)`: a zombie nobody reaps (a container
    /// without an init), or a pid reused by another program. PostgreSQL refuses to start over such a lock file, and
    /// the old check called the cluster running.
    @Test(arguments: ["zombie", "reused"])
    func lockFileNamingALiveOtherProcessIsCrashed(kind: String) throws {
        try TemporaryDirectory.with { project in
            let cluster = try LocalCluster(root: project.path + "/.migrate", settings: .throwaway)
            defer { try? cluster.destroy() }
            try cluster.start()
            let lockFile = ".migrate/data/postmaster.pid"
            let lockText = try #require(project.read(lockFile))
            try cluster.stop()

            let pid = kind == "zombie" ? try Self.zombie() : getpid()
            var lines = lockText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] = String(pid)
            try project.write(lockFile, lines.joined(separator: "\n"))
            #expect(cluster.socketDirectory == project.path + "/.migrate/run")
            let socket = ".migrate/run/.s.PGSQL.\(cluster.port)"
            try project.write(socket, "")
            try project.write(socket + ".lock", "\(pid)\n")
            #expect(cluster.status() == .crashed(pid: pid))

            #expect(try cluster.start() == .init(created: false, started: true, recoveredFromPID: pid))
            guard case .running = cluster.status() else {
                Issue.record("not running after recovery: \(cluster.status())")
                return
            }
            let connection = try PostgresConnection(cluster.connectionString)
            #expect(try connection.execute("SELECT 1").scalar == "1")
            connection.close()
        }
    }

    /// A child process that has exited and is never waited for.
    static func zombie() throws -> Int32 {
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(arguments[0]) }
        guard posix_spawn(&pid, "/bin/true", nil, nil, arguments, nil) == 0 else {
            throw TestSupportError("posix_spawn /bin/true failed")
        }
        for _ in 0..<200 {
            if let file = fopen("/proc/\(pid)/stat", "r") {
                defer { fclose(file) }
                var buffer = [CChar](repeating: 0, count: 512)
                if fgets(&buffer, Int32(buffer.count), file) != nil,
                    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                        .contains(") Z")
                {
                    break
                }
            }
            usleep(10_000)
        }
        return pid
    }

    /// Every path in every configuration file and connection string is quoted, so a project
    /// directory may hold quotes, backslashes, `$`, commas, spaces and non-ASCII letters.
    @Test(arguments: ["my app's dir", #"dq"uo$te`x\back"#, "spaces,  and, commas ", "日本語 é ü", "it's \\'both\"'"])
    func projectPathsWithAwkwardCharactersWork(name: String) throws {
        try TemporaryDirectory.with { project in
            try project.write(name + "/.keep", "")
            let cluster = try LocalCluster(root: project.path + "/" + name + "/.migrate", settings: .throwaway)
            defer { try? cluster.destroy() }
            #expect(try cluster.start() == .init(created: true, started: true))
            let connection = try PostgresConnection(cluster.connectionString)
            let listed = "\"" + cluster.socketDirectory.replacing("\"", with: "\"\"") + "\""
            #expect(try connection.execute("SHOW unix_socket_directories").scalar == listed)
            #expect(connection.endpoint.host == cluster.socketDirectory)
            connection.close()
            let options = try ConnectionString.options(cluster.connectionString)
            #expect(options["host"] == cluster.socketDirectory)
            try cluster.stop()
            #expect(cluster.status() == .stopped)
            #expect(try cluster.start() == .init(created: false, started: true))
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
