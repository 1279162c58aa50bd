import LibC
import SystemProcess

/// Runs the `migrate` executable built alongside the tests, as a pipeline would.
package enum MigrateExecutable {
    /// The path of the built `migrate` binary: next to the test bundle in the build directory.
    package static var path: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable =
            length > 0
            ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : CommandLine.arguments[0]
        var directory = executable
        while let slash = directory.lastIndex(of: "/") {
            directory = String(directory[..<slash])
            let candidate = directory + "/migrate"
            if access(candidate, X_OK) == 0 { return candidate }
            if directory.hasSuffix("/.build") || directory.isEmpty { break }
        }
        return "migrate"
    }

    /// Runs `migrate` with arguments in a directory, with a clean environment (no terminal, `CI=true`,
    /// none of the caller's `DATABASE_URL`/`PG*` variables unless given in `environment`).
    package static func run(
        _ arguments: [String],
        in directory: String,
        environment: [String: String] = [:]
    ) throws -> ProcessOutput {
        try ChildProcess.run(path, arguments, environment: childEnvironment(environment), workingDirectory: directory)
    }

    /// Starts `migrate` without waiting for it (for concurrency and kill tests).
    package static func start(
        _ arguments: [String],
        in directory: String,
        environment: [String: String] = [:]
    ) throws -> RunningProcess {
        try RunningProcess(path, arguments, environment: childEnvironment(environment), workingDirectory: directory)
    }

    /// Runs `migrate` in a project against a test database, which it gets as `--url`.
    package static func run(
        _ arguments: [String],
        in project: TemporaryDirectory,
        database: TestDatabase,
        environment: [String: String] = [:]
    ) throws -> ProcessOutput {
        try run(arguments + ["--url", database.connectionString], in: project.path, environment: environment)
    }

    /// Starts `migrate` in a project against a test database without waiting for it.
    package static func start(
        _ arguments: [String],
        in project: TemporaryDirectory,
        database: TestDatabase,
        environment: [String: String] = [:]
    ) throws -> RunningProcess {
        try start(arguments + ["--url", database.connectionString], in: project.path, environment: environment)
    }

    private static func childEnvironment(_ extra: [String: String]) -> [String: String] {
        var environment = ChildProcess.currentEnvironment().filter { key, _ in
            !key.hasPrefix("PG") && key != "DATABASE_URL" && !key.hasPrefix("MIGRATE_")
        }
        environment["CI"] = "true"
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}
