import LibC
import SystemProcess

/// A PostgreSQL cluster that migrate manages itself: the embedded default database under a
/// project's `.migrate/`, and the throwaway cluster of a test run.
///
/// The server listens only on a Unix socket in the cluster's own directory (no TCP port to collide
/// with), trusts local connections, and keeps running between commands. Creating and starting happen
/// under a file lock, so two migrate processes starting at once do not race.
package struct LocalCluster: Sendable {
    /// How the server is configured when the cluster is created.
    package struct Settings: Sendable, Equatable {
        /// `fsync` and `synchronous_commit` on. Off only for throwaway test clusters.
        package var durable: Bool
        package var maxConnections: Int

        /// A project's local development database: durable.
        package static let embedded = Settings(durable: true, maxConnections: 100)
        /// A test run's cluster: fast, since it is deleted afterwards.
        package static let throwaway = Settings(durable: false, maxConnections: 300)
    }

    /// The project's `.migrate` directory (or a test run's temporary directory): holds the lock file,
    /// and the cluster itself unless the server account cannot reach it (see ``home``).
    package let root: String
    /// Where data directory, socket directory and log live.
    ///
    /// Normally `root`. When migrate runs as root and the `postgres` account cannot enter the project
    /// (a checkout under `/root`), the cluster lives in `/var/tmp/migrate-clusters/<hash>` instead.
    package let home: String
    package let binaries: PostgresBinaries
    package let account: ServerAccount
    package let settings: Settings
    /// The port number only names the socket file; the server opens no TCP port.
    package let port: Int = 5432

    /// The superuser and database a fresh cluster has.
    package static let superuser = "postgres"
    package static let defaultDatabase = "postgres"

    package var dataDirectory: String { home + "/" + Self.dataDirectoryName }
    package var logFile: String { home + "/" + Self.logFileName }

    /// The data directory and log as the server tools get them: relative to ``home``, where they run. pg_ctl starts
    /// the server through `/bin/sh` with these paths in double quotes, which a project path holding `"`, `$`, a
    /// backquote or a backslash would break.
    private static let dataDirectoryName = "data"
    private static let logFileName = "server.log"
    package var lockFile: String { root + "/lock" }

    /// The directory of the server's Unix socket. Unix socket paths are limited to 107 bytes, so a
    /// deep project path gets a short directory under `/tmp` named after the project's path; so does one with a comma,
    /// which libpq's `host` (a list of hosts) cannot hold.
    package var socketDirectory: String {
        let preferred = home + "/run"
        if (preferred + "/.s.PGSQL.\(port)").utf8.count <= 100, !preferred.contains(",") { return preferred }
        return "/tmp/migrate-\(stableHash(home))"
    }

    /// A libpq connection string for the cluster's default database.
    package var connectionString: String { connectionString(database: Self.defaultDatabase) }

    package func connectionString(database: String) -> String {
        "host=\(Self.conninfoQuoted(socketDirectory)) port=\(port) user=\(Self.superuser) "
            + "dbname=\(Self.conninfoQuoted(database))"
    }

    /// A value quoted for a libpq `key=value` string: in single quotes, with a backslash before each `'` and `\`.
    package static func conninfoQuoted(_ value: String) -> String {
        "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    }

    /// A string value quoted for `postgresql.conf`: in single quotes, `'` doubled and `\` doubled (the file reads
    /// backslash escapes).
    static func configurationQuoted(_ value: String) -> String {
        "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "''") + "'"
    }

    /// A directory as one element of a `postgresql.conf` list setting (`unix_socket_directories`): in double quotes
    /// (`"` doubled), so commas and spaces in it do not split it, then quoted as a string value.
    static func configurationListQuoted(_ directory: String) -> String {
        configurationQuoted("\"" + directory.replacing("\"", with: "\"\"") + "\"")
    }

    /// Describes the cluster at `root` without touching it.
    /// - Parameters:
    ///   - root: The `.migrate` directory (absolute or relative to the current directory).
    ///   - settings: Used only when the cluster gets created.
    /// - Throws: ``LocalClusterError`` when the server programs or the server account are missing.
    package init(root: String, settings: Settings = .embedded) throws(LocalClusterError) {
        let root = FileSystem.absolutePath(root)
        self.root = root
        self.settings = settings
        self.binaries = try PostgresBinaries.locate()
        self.account = try ServerAccount.forCurrentProcess()
        let fallback = "/var/tmp/migrate-clusters/" + stableHash(root)
        if account.needsSwitch, FileSystem.exists(fallback + "/data") {
            home = fallback
        } else if account.needsSwitch, !Self.reachable(root, by: account) {
            home = fallback
        } else {
            home = root
        }
    }

    // MARK: - State

    /// Whether the cluster exists and whether its server runs.
    package enum Status: Sendable, Equatable {
        case notCreated
        case stopped
        case running(pid: Int32)
        /// The server ended without shutting down (killed, or the machine crashed): `postmaster.pid` still names
        /// `pid`, which is gone, a zombie, or another program now. The next start recovers it.
        case crashed(pid: Int32)
    }

    package func status() -> Status {
        guard FileSystem.exists(dataDirectory + "/PG_VERSION") else { return .notCreated }
        guard let pid = postmasterPID else { return .stopped }
        guard Self.isServerProcess(pid) else { return .crashed(pid: pid) }
        return FileSystem.exists(socketDirectory + "/.s.PGSQL.\(port)") ? .running(pid: pid) : .stopped
    }

    /// The process `postmaster.pid` names, if the file exists.
    private var postmasterPID: Int32? {
        guard let pidText = FileSystem.read(dataDirectory + "/postmaster.pid"),
            let firstLine = pidText.split(separator: "\n").first
        else { return nil }
        return Int32(String(firstLine).trimmingWhitespace())
    }

    /// Whether `pid` is a live PostgreSQL server: it exists, is no zombie (a killed server whose parent does not reap
    /// it, as in a container without an init, still answers `kill(pid, 0)`), and runs `postgres`.
    static func isServerProcess(_ pid: Int32) -> Bool {
        // kill(pid, 0) says whether the process exists; EPERM means it exists but belongs to `postgres`.
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        // /proc/PID/stat: "PID (COMMAND) STATE ...", the command in parentheses (it may hold spaces).
        guard let stat = FileSystem.read("/proc/\(pid)/stat") else { return true }  // no /proc: trust kill()
        guard let close = stat.lastIndex(of: ")") else { return true }
        let command = stat[..<close].drop { $0 != "(" }.dropFirst()
        let state = String(stat[stat.index(after: close)...]).trimmingWhitespace().first
        if state == "Z" || state == "X" { return false }
        return command.hasPrefix("postgres") || command.hasPrefix("postmaster")
    }

    /// The PostgreSQL major version the data directory was created with, if it exists.
    package var dataVersion: String? {
        FileSystem.read(dataDirectory + "/PG_VERSION")?.trimmingWhitespace()
    }

    // MARK: - Lifecycle

    /// What ``start()`` had to do.
    package struct StartOutcome: Sendable, Equatable {
        package var created: Bool
        package var started: Bool
        /// The server had ended without shutting down (``Status/crashed(pid:)``): the pid it left behind. PostgreSQL
        /// recovered from its write-ahead log on this start.
        package var recoveredFromPID: Int32?

        package init(created: Bool, started: Bool, recoveredFromPID: Int32? = nil) {
            self.created = created
            self.started = started
            self.recoveredFromPID = recoveredFromPID
        }
    }

    /// Creates the cluster if it does not exist and starts the server if it is not running.
    /// Safe to call from several processes at once.
    @discardableResult
    package func start() throws(LocalClusterError) -> StartOutcome {
        try prepareRoot()
        let lock = try FileLock(path: lockFile)
        defer { lock.release() }
        var outcome = StartOutcome(created: false, started: false)
        if status() == .notCreated {
            try create()
            outcome.created = true
        }
        try checkOwnership()
        switch status() {
        case .running: return outcome
        case .crashed(let pid):
            try removeStaleLockFiles()
            outcome.recoveredFromPID = pid
        case .notCreated, .stopped: break
        }
        try startServer()
        outcome.started = true
        return outcome
    }

    /// Stops the server (fast shutdown: running sessions are rolled back). A stopped cluster is fine.
    package func stop() throws(LocalClusterError) {
        guard FileSystem.exists(dataDirectory + "/PG_VERSION") else { return }
        try prepareRoot()
        let lock = try FileLock(path: lockFile)
        defer { lock.release() }
        guard case .running = status() else { return }
        let output = try runServerTool(
            binaries.pgCtl,
            ["-D", Self.dataDirectoryName, "-m", "fast", "-w", "-t", "60", "stop"]
        )
        guard output.status.isSuccess else {
            throw LocalClusterError(.stopFailed, "pg_ctl stop failed: \(output.combinedOutput)")
        }
    }

    /// Stops the server and deletes the cluster with all its data.
    package func destroy() throws(LocalClusterError) {
        try stop()
        for path in [dataDirectory, logFile, home + "/run", socketDirectory, lockFile] where FileSystem.exists(path) {
            let output = try? ChildProcess.run("rm", ["-rf", path])
            if output?.status.isSuccess != true {
                throw LocalClusterError(.filesystem, "cannot delete \(path): \(output?.combinedOutput ?? "rm failed")")
            }
        }
        // The directory itself too, unless something else was put there.
        rmdir(root)
    }

    /// The last lines of the server log, for error messages.
    package func logTail(lines: Int = 15) -> String {
        guard let text = FileSystem.read(logFile) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    // MARK: - Steps

    private func prepareRoot() throws(LocalClusterError) {
        try FileSystem.makeDirectory(root)
        if let owner = FileSystem.owner(root), owner != geteuid(), geteuid() != 0 {
            throw LocalClusterError(
                .ownership,
                "\(root) belongs to user \(FileSystem.userName(owner)), not to you (\(FileSystem.userName(geteuid())))",
                hint: "run migrate as \(FileSystem.userName(owner)), or remove \(root) to start a new local "
                    + "database (this deletes the old one's data)"
            )
        }
        if access(root, W_OK) != 0 {
            throw LocalClusterError(
                .ownership,
                "cannot write to \(root): \(FileSystem.lastErrorText())",
                hint: "fix its permissions, or remove it to start a new local database"
            )
        }
    }

    private func checkOwnership() throws(LocalClusterError) {
        guard let owner = FileSystem.owner(dataDirectory), owner != account.uid else { return }
        throw LocalClusterError(
            .ownership,
            "the local database in \(dataDirectory) belongs to user \(FileSystem.userName(owner)), but the "
                + "server would run as \(account.name)",
            hint: "run migrate as \(FileSystem.userName(owner)), or remove \(home) to start a new local database "
                + "(this deletes the old one's data)"
        )
    }

    private func create() throws(LocalClusterError) {
        for directory in [home, dataDirectory, socketDirectory] {
            try FileSystem.makeDirectory(directory, mode: directory == dataDirectory ? 0o700 : 0o755)
        }
        try FileSystem.createFile(logFile)
        for path in [dataDirectory, socketDirectory, logFile] {
            try FileSystem.changeOwner(path, to: account)
        }
        if home != root { try FileSystem.changeOwner(home, to: account) }
        var arguments = [
            "-D", Self.dataDirectoryName, "--username", Self.superuser, "--auth", "trust",
            "--encoding", "UTF8", "--locale", "C.UTF-8",
        ]
        if !settings.durable { arguments.append("--no-sync") }
        let output = try runServerTool(binaries.initdb, arguments)
        guard output.status.isSuccess else {
            throw LocalClusterError(
                .initdbFailed,
                "initdb failed (\(output.status)) creating \(dataDirectory):\n\(output.combinedOutput)"
            )
        }
        var configuration = """

            # Written by migrate: a private server reachable only through its own Unix socket.
            listen_addresses = ''
            port = \(port)
            unix_socket_directories = \(Self.configurationListQuoted(socketDirectory))
            unix_socket_permissions = 0700
            max_connections = \(settings.maxConnections)
            log_min_messages = warning

            """
        if !settings.durable {
            configuration += """
                # Throwaway test cluster: speed over durability.
                fsync = off
                synchronous_commit = off
                full_page_writes = off

                """
        }
        try FileSystem.append(configuration, to: dataDirectory + "/postgresql.conf")
    }

    /// Removes the lock files a server that did not shut down left behind. PostgreSQL removes its own stale lock files
    /// when their pid is gone, but not when the pid still answers `kill(pid, 0)` (a zombie, a reused pid): it then
    /// refuses to start ("Is another postmaster running?").
    private func removeStaleLockFiles() throws(LocalClusterError) {
        let socket = socketDirectory + "/.s.PGSQL.\(port)"
        for path in [dataDirectory + "/postmaster.pid", socket + ".lock", socket] where FileSystem.exists(path) {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw LocalClusterError(
                    .startFailed,
                    "cannot remove \(path), left by the server that did not shut down: \(FileSystem.lastErrorText())",
                    hint: "remove it by hand, then run the command again"
                )
            }
        }
    }

    private func startServer() throws(LocalClusterError) {
        try FileSystem.makeDirectory(socketDirectory)
        try FileSystem.changeOwner(socketDirectory, to: account)
        let output = try runServerTool(
            binaries.pgCtl,
            ["-D", Self.dataDirectoryName, "-l", Self.logFileName, "-w", "-t", "60", "start"]
        )
        guard output.status.isSuccess, case .running = status() else {
            throw LocalClusterError(
                .startFailed,
                "the local PostgreSQL server in \(dataDirectory) did not start (\(output.status)).\n"
                    + "pg_ctl said: \(output.combinedOutput)\nserver log (\(logFile)):\n\(logTail())",
                hint: "fix the problem the log names, or run `migrate db destroy` to start a new local database"
            )
        }
    }

    private func runServerTool(_ executable: String, _ arguments: [String]) throws(LocalClusterError) -> ProcessOutput {
        do {
            return try account.run(executable, arguments, workingDirectory: home)
        } catch {
            throw LocalClusterError(.startFailed, error.description)
        }
    }

    /// Whether the server account can reach `directory` (which may not exist yet: migrate creates it and
    /// gives it to the account, so only search permission on the nearest existing ancestor matters).
    private static func reachable(_ directory: String, by account: ServerAccount) -> Bool {
        var path = directory
        while !FileSystem.exists(path) { path = FileSystem.parentDirectory(path) }
        // `test -x` as the account resolves the whole path, so it checks every ancestor's search bit.
        return (try? account.run("/usr/bin/test", ["-x", path], workingDirectory: "/"))?.status.isSuccess ?? false
    }
}

/// FNV-1a, 64 bit, as hex: a short stable name for a path (not for security).
func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
