import ArgumentParser
import LibC
import MigrateKit
import SystemProcess

/// Entry point: parses the command line, runs the command, and maps failures to the documented exit codes.
@main
enum Main {
    static func main() {
        InterruptHandler.install()
        registerSecrets(arguments: CommandLine.arguments, environment: ChildProcess.currentEnvironment())
        do {
            var command = try MigrateCommand.parseAsRoot()
            try command.run()
            InterruptHandler.yieldToInterrupt()
        } catch let error as MigrateError {
            InterruptHandler.yieldToInterrupt()
            Terminal.error(error.description)
            exit(error.code.exitCode)
        } catch {
            InterruptHandler.yieldToInterrupt()
            // As argument-parser's exit(withError:) does, but through Terminal, which masks any password.
            let code = MigrateCommand.exitCode(for: error)
            var text = MigrateCommand.fullMessage(for: error)
            if code.isSuccess { text = HelpExamples.movedToEnd(text) }
            // The same prefix as every other error.
            if !code.isSuccess, text.hasPrefix("Error: ") { text = "error: " + text.dropFirst("Error: ".count) }
            if !text.isEmpty { Terminal.message(text, isError: !code.isSuccess) }
            exit(code.rawValue)
        }
    }

    /// Tells Terminal the passwords it must never write, before anything can fail with a message quoting one: those
    /// of `--url`, of URL arguments and of `DATABASE_URL`.
    static func registerSecrets(arguments: [String], environment: [String: String]) {
        for (index, argument) in arguments.enumerated() {
            if argument == "--url", index + 1 < arguments.count {
                Terminal.registerSecrets(of: arguments[index + 1])
            } else if argument.hasPrefix("--url=") {
                Terminal.registerSecrets(of: String(argument.dropFirst("--url=".count)))
            } else if argument.contains("://") {
                // A URL given as an argument (`migrate diff postgresql://... schema/`).
                Terminal.registerSecrets(of: argument)
            }
        }
        if let url = environment[DatabaseTarget.environmentVariable] { Terminal.registerSecrets(of: url) }
        // Not PGPASSWORD: libpq never quotes it, and `postgres` there (as in many CI setups) would mask the role name
        // in every line and every SQL script.
    }
}
