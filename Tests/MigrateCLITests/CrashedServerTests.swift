import LibC
import LocalPostgres
import MigrateTestSupport
import Testing

/// After the embedded server is killed, `db status` says so (not `running` for a dead pid) and the
/// next command starts it again, saying so.
@Suite("A killed embedded server", .serialized)
struct CrashedServerTests {
    @Test func killedServerIsReportedAndStartedAgain() throws {
        try TemporaryDirectory.with { project in
            defer { _ = try? MigrateExecutable.run(["db", "destroy", "--yes"], in: project.path) }
            let start = try MigrateExecutable.run(["db", "start"], in: project.path)
            #expect(start.status == .exited(0), "\(start.combinedOutput)")
            let pid = try CrashedServer.kill(LocalCluster(root: project.path + "/.migrate"))

            let status = try MigrateExecutable.run(["db", "status"], in: project.path)
            #expect(status.status == .exited(0), "\(status.combinedOutput)")
            #expect(
                status.standardOutput.contains("stopped without shutting down (pid \(pid)"),
                "\(status.standardOutput)"
            )
            #expect(!status.standardOutput.contains("running (pid"), "\(status.standardOutput)")

            let current = try MigrateExecutable.run(["current"], in: project.path)
            #expect(current.status == .exited(0), "\(current.combinedOutput)")
            #expect(
                current.standardError.contains(
                    "had stopped without shutting down (pid \(pid) is gone); started it again"
                ),
                "\(current.standardError)"
            )
            #expect(current.standardOutput.contains("base"))

            let after = try MigrateExecutable.run(["db", "status"], in: project.path)
            #expect(after.standardOutput.contains("running (pid"), "\(after.standardOutput)")
        }
    }
}

enum CrashedServer {
    /// Kills the cluster's server with SIGKILL, as the OOM killer or `kill -9` would, and waits until it is down.
    /// - Returns: The pid it had.
    static func kill(_ cluster: LocalCluster) throws -> Int32 {
        guard case .running(let pid) = cluster.status() else {
            throw CrashedServerError("the server is not running: \(cluster.status())")
        }
        guard LibC.kill(pid, SIGKILL) == 0 else { throw CrashedServerError("kill(\(pid)) failed: errno \(errno)") }
        for _ in 0..<200 where cluster.status() == .running(pid: pid) { usleep(25_000) }
        return pid
    }
}

struct CrashedServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
