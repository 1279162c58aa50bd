import LibC
import SystemProcess

/// The operating-system account the PostgreSQL server runs as.
///
/// `initdb` and `postgres` refuse to run as root, so when migrate runs as root the server runs as
/// the `postgres` account (created by Debian's `postgresql` package) through `runuser`.
package struct ServerAccount: Sendable, Equatable {
    package var name: String
    package var uid: uid_t
    package var gid: gid_t
    /// Whether commands must be wrapped in `runuser -u <name> --`.
    package var needsSwitch: Bool

    /// The account to use: this process's own, or `postgres` when running as root.
    package static func forCurrentProcess() throws(LocalClusterError) -> ServerAccount {
        let euid = geteuid()
        guard euid == 0 else {
            let name = getpwuid(euid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(euid)"
            return ServerAccount(name: name, uid: euid, gid: getegid(), needsSwitch: false)
        }
        guard let entry = getpwnam("postgres") else {
            throw LocalClusterError(
                .serverNotInstalled,
                "running as root, but there is no `postgres` account to run the PostgreSQL server as "
                    + "(initdb and postgres refuse to run as root)",
                hint: "install the server with `apt-get install postgresql` (it creates the account), "
                    + "or run migrate as an ordinary user"
            )
        }
        return ServerAccount(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, needsSwitch: true)
    }

    /// The command line that runs `executable` as this account.
    package func command(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        needsSwitch ? ("runuser", ["-u", name, "--", executable] + arguments) : (executable, arguments)
    }

    /// Runs a program as this account.
    package func run(_ executable: String, _ arguments: [String], workingDirectory: String? = nil)
        throws(SystemProcessError) -> ProcessOutput
    {
        let (program, fullArguments) = command(executable, arguments)
        var environment = ChildProcess.currentEnvironment()
        // Messages we show to people should be in a language we can rely on; and no PG* variable meant
        // for migrate's own connection should leak into the server's tools.
        environment["LC_ALL"] = "C.UTF-8"
        for key in environment.keys where key.hasPrefix("PG") { environment[key] = nil }
        return try ChildProcess.run(
            program,
            fullArguments,
            environment: environment,
            workingDirectory: workingDirectory
        )
    }
}
