/// An error from the migration engine, with what a person needs to act on it: what failed, where
/// (file, line, column), and what to do.
///
/// `description` is the one-paragraph message the CLI prints. It never contains a password.
package struct MigrateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; decides the process exit code.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case configuration
            case revisionFile
            case revisionGraph
            case schemaSource
            case target
            case connection
            case statementFailed
            case lockTimeout
            case validation
            case pending
            case embeddedCluster
            case io
            case usage
            case lint
            case drift
            case `internal`
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `migrate.toml` is malformed, has unknown keys or invalid values.
        package static let configuration = Code(.configuration)
        /// A revision file could not be parsed.
        package static let revisionFile = Code(.revisionFile)
        /// The revision files do not form a valid graph (duplicates, unknown parents, cycles).
        package static let revisionGraph = Code(.revisionGraph)
        /// Desired-state SQL (`schema/`) is missing, has no `.sql` file, is not text, or does not apply to an empty
        /// database.
        package static let schemaSource = Code(.schemaSource)
        /// A target (`head`, `-1`, `abc123`...) does not name what it must.
        package static let target = Code(.target)
        /// The database could not be reached.
        package static let connection = Code(.connection)
        /// A migration statement failed; the revision was rolled back.
        package static let statementFailed = Code(.statementFailed)
        /// Another process held the migration lock for longer than `--lock-wait`.
        package static let lockTimeout = Code(.lockTimeout)
        /// Applied revisions differ from the files (edited, missing, unknown).
        package static let validation = Code(.validation)
        /// Revisions are waiting to be applied (for `--check-heads` / `--exit-code`).
        package static let pending = Code(.pending)
        /// The embedded PostgreSQL cluster could not be created or started.
        package static let embeddedCluster = Code(.embeddedCluster)
        /// Reading or writing a file failed.
        package static let io = Code(.io)
        /// The command was used wrongly in a way the argument parser cannot see.
        package static let usage = Code(.usage)
        /// `migrate check` found lint errors in revisions about to run.
        package static let lint = Code(.lint)
        /// `migrate check --drift` found the live schema different from what the applied revisions make.
        package static let drift = Code(.drift)
        /// A bug in migrate.
        package static let `internal` = Code(.internal)

        package var description: String { base.rawValue }

        /// The process exit code documented in the README for this kind of failure.
        package var exitCode: Int32 {
            switch base {
            case .configuration, .revisionFile, .revisionGraph, .schemaSource, .target, .usage: 2
            case .pending: 3
            case .validation: 4
            case .lockTimeout: 5
            case .lint: 6
            case .drift: 7
            case .connection, .statementFailed, .embeddedCluster, .io, .internal: 1
            }
        }
    }

    package var code: Code
    /// What went wrong, in one or a few sentences.
    package var message: String
    /// Where: a file, and a line and column in it when known.
    package var location: SourceLocation?
    /// What to do about it.
    package var hint: String?

    package init(_ code: Code, _ message: String, location: SourceLocation? = nil, hint: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    package var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += message
        if let hint { text += "\nhint: " + hint }
        return text
    }
}

/// A place in a file: path, and 1-based line and column when known.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var column: Int?

    package init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals make clickable.
    package var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
