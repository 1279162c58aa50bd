import LibC

/// Runs other programs (`initdb`, `pg_ctl`, `psql`, `migrate` itself in tests) with `posix_spawn`.
///
/// Output goes to temporary files rather than pipes: `pg_ctl start` leaves a server running that
/// inherits the child's descriptors, and a pipe would then never reach end-of-file.
package enum ChildProcess {
    /// Runs a program to completion and returns its exit status and output.
    /// - Parameters:
    ///   - executable: An absolute path, or a name looked up in `PATH`.
    ///   - arguments: Arguments, not including the program name.
    ///   - environment: The child's complete environment; `nil` inherits this process's.
    ///   - workingDirectory: Where the child starts; `nil` keeps this process's.
    ///   - input: Text for the child's standard input; `nil` gives it `/dev/null`.
    /// - Throws: ``SystemProcessError`` if the program cannot be found or started.
    package static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        input: String? = nil
    ) throws(SystemProcessError) -> ProcessOutput {
        let process = try RunningProcess(
            executable,
            arguments,
            environment: environment,
            workingDirectory: workingDirectory,
            input: input
        )
        return process.waitForExit()
    }

    /// The absolute path of a program found in `PATH` (or the path itself if it contains a `/`).
    package static func findExecutable(_ name: String, path: String? = nil) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let searchPath = path ?? (getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin")
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// This process's environment as a dictionary.
    package static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }
}

/// How a child process ended.
package enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    package var isSuccess: Bool { self == .exited(0) }

    package var description: String {
        switch self {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}

/// What a finished child process printed and how it ended.
package struct ProcessOutput: Sendable {
    package var status: ExitStatus
    package var standardOutput: String
    package var standardError: String

    /// Standard output then standard error, trimmed: what to show a person when the command failed.
    package var combinedOutput: String {
        var text = standardOutput
        if !standardError.isEmpty {
            if !text.isEmpty, text.last != "\n" { text += "\n" }
            text += standardError
        }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}

/// A program could not be started.
package struct SystemProcessError: Error, Sendable, CustomStringConvertible {
    package var executable: String
    package var reason: String

    package var description: String { "cannot run \(executable): \(reason)" }
}
