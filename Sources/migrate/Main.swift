import ArgumentParser
import MigrateKit

#if canImport(Glibc)
    import Glibc
#endif

/// Entry point: parses the command line, runs the command, and maps failures to the documented exit codes.
@main
enum Main {
    static func main() {
        InterruptHandler.install()
        do {
            var command = try MigrateCommand.parseAsRoot()
            try command.run()
        } catch let error as MigrateError {
            Terminal.error(error.description)
            exit(error.code.exitCode)
        } catch {
            MigrateCommand.exit(withError: error)
        }
    }
}
