import LibC
import SystemProcess

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`) are installed.
package struct PostgresBinaries: Sendable, Equatable {
    /// The directory holding `initdb`, `pg_ctl` and `postgres`.
    package var directory: String

    package init(directory: String) { self.directory = directory }

    package var initdb: String { directory + "/initdb" }
    package var pgCtl: String { directory + "/pg_ctl" }

    /// Finds the server programs: `MIGRATE_PG_BINDIR`, then `pg_config --bindir`, then the newest
    /// `/usr/lib/postgresql/<version>/bin` (Debian's layout, where `pg_config` may only describe the client).
    /// - Throws: ``LocalClusterError`` naming the package to install when none are found.
    package static func locate(environment: [String: String] = ChildProcess.currentEnvironment())
        throws(LocalClusterError)
        -> PostgresBinaries
    {
        var candidates: [String] = []
        if let configured = environment["MIGRATE_PG_BINDIR"], !configured.isEmpty { candidates.append(configured) }
        if let output = try? ChildProcess.run("pg_config", ["--bindir"]), output.status.isSuccess {
            candidates.append(output.standardOutput.trimmingWhitespace())
        }
        candidates += debianVersionDirectories()
        for directory in candidates where isExecutable(directory + "/initdb") && isExecutable(directory + "/pg_ctl") {
            return PostgresBinaries(directory: directory)
        }
        throw LocalClusterError(
            .serverNotInstalled,
            "the PostgreSQL server programs (initdb, pg_ctl) were not found",
            hint: "install them with `sudo apt-get install postgresql`, set MIGRATE_PG_BINDIR to their "
                + "directory, or point migrate at an existing server with --url or DATABASE_URL"
        )
    }

    private static func debianVersionDirectories() -> [String] {
        guard let directory = opendir("/usr/lib/postgresql") else { return [] }
        defer { closedir(directory) }
        var versions: [Int] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let version = Int(name) { versions.append(version) }
        }
        return versions.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
    }

    private static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
