/// Where a project's root is, found the way git finds a repository: by walking up from the current directory.
///
/// The root holds `migrate.toml`; a project without one is marked by its `migrations/` directory. The nearest
/// `migrate.toml` wins over a nearer `migrations/`, since a directory of that name may belong to another tool
/// while the configuration file is migrate's own. The walk stops at the top of a git repository (a directory
/// holding `.git`), so a stray file above the repository is never taken for the project.
package struct ProjectLocation: Sendable, Hashable, CustomStringConvertible {
    /// What marked the root.
    package enum Marker: Sendable, Hashable {
        case configurationFile
        case migrationsDirectory
    }

    /// The absolute directory relative paths start from and the embedded cluster lives in.
    package var root: String
    package var marker: Marker
    /// `migrate.toml` written as a path from the current directory (`../../migrate.toml` from two levels down),
    /// so messages name a file the user can open from where they are; `nil` when the marker is `migrations/`.
    package var configurationPath: String?

    /// The project holding `currentDirectory`, or `nil` when neither it nor a directory above it (up to the top of
    /// its git repository, or `/`) has `migrate.toml` or `migrations/`.
    ///
    /// - Parameter currentDirectory: an absolute, normalised directory.
    package static func find(from currentDirectory: String) -> ProjectLocation? {
        var directory = currentDirectory
        var levelsUp = 0
        var nearestMigrations: (directory: String, levelsUp: Int)?
        while true {
            if FileKind(at: join(directory, ConfigurationLoader.fileName)) == .file {
                let path = String(repeating: "../", count: levelsUp) + ConfigurationLoader.fileName
                return ProjectLocation(root: directory, marker: .configurationFile, configurationPath: path)
            }
            if nearestMigrations == nil, FileKind(at: join(directory, "migrations")) == .directory {
                nearestMigrations = (directory, levelsUp)
            }
            if directory == "/" || FileKind(at: join(directory, ".git")) != nil { break }
            directory = FileSystemPath.directory(of: directory)
            levelsUp += 1
        }
        guard let nearestMigrations else { return nil }
        return ProjectLocation(root: nearestMigrations.directory, marker: .migrationsDirectory, configurationPath: nil)
    }

    /// For `-v`: the root and what marked it.
    package var description: String {
        switch marker {
        case .configurationFile: "project root: \(root) (it holds migrate.toml)"
        case .migrationsDirectory: "project root: \(root) (it holds migrations/; no migrate.toml)"
        }
    }

    /// The error of a command that needs a project when none was found from `currentDirectory`.
    ///
    /// - Parameter reason: why the command needs one, after "so": "so there are no revisions to read".
    package static func notFound(from currentDirectory: String, reason: String) -> MigrateError {
        MigrateError(
            .configuration,
            "no migrate project found: neither \(currentDirectory) nor a directory above it has "
                + "\(ConfigurationLoader.fileName) or migrations/, \(reason)",
            hint:
                "run `migrate init` to start a project here, change to your project's directory, or give --config PATH"
        )
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }
}
