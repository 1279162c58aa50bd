import LibC
import LocalPostgres
import PostgresClient
import SystemProcess

/// The PostgreSQL server a test run uses: `MIGRATE_TEST_DATABASE_URL` when set, otherwise one throwaway
/// cluster started on first use and removed when the test process ends (even if it is killed).
package enum TestServer {
    /// A connection string for the server's maintenance database, where test databases are created.
    package static func adminConnectionString() throws -> String {
        try shared.get()
    }

    private static let shared: Result<String, any Error> = Result {
        let environment = ChildProcess.currentEnvironment()
        if let url = environment["MIGRATE_TEST_DATABASE_URL"], !url.isEmpty { return url }
        return try startThrowawayCluster()
    }

    /// Where the throwaway cluster lives, for tests of the cluster itself.
    package private(set) nonisolated(unsafe) static var throwawayRoot: String?

    private static func startThrowawayCluster() throws -> String {
        var template = Array("/tmp/migrate-test-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestSupportError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        let root = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(root, 0o755)
        let cluster = try LocalCluster(root: root, settings: .throwaway)
        try cluster.start()
        throwawayRoot = root
        try startWatchdog(for: cluster)
        atexit { TestServer.removeThrowawayCluster() }
        return cluster.connectionString
    }

    /// A detached shell that stops and deletes the cluster once the test process is gone, however it ended
    /// (atexit handlers do not run when a test crashes or is killed).
    private static func startWatchdog(for cluster: LocalCluster) throws {
        let (stopProgram, stopArguments) = cluster.account.command(
            cluster.binaries.pgCtl,
            ["-D", cluster.dataDirectory, "-m", "immediate", "-w", "stop"]
        )
        let stopCommand = ([stopProgram] + stopArguments).map(shellQuoted).joined(separator: " ")
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(stopCommand) >/dev/null 2>&1
            rm -rf \(shellQuoted(cluster.root)) \(shellQuoted(cluster.home)) \(shellQuoted(cluster.socketDirectory))
            """
        _ = try RunningProcess("/bin/sh", ["-c", script], workingDirectory: "/")
    }

    private static func removeThrowawayCluster() {
        guard let root = throwawayRoot, let cluster = try? LocalCluster(root: root, settings: .throwaway) else {
            return
        }
        try? cluster.destroy()
        _ = try? ChildProcess.run("rm", ["-rf", root])
    }
}

/// Quotes a word for `/bin/sh`.
func shellQuoted(_ word: String) -> String {
    "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}

/// A failure in the test harness itself.
package struct TestSupportError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
