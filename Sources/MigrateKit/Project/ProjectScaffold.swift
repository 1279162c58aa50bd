import LibC
import PostgresClient

/// What `migrate init` writes into a directory: a commented `migrate.toml`, `migrations/versions/`, the
/// desired-state `schema/`, and `.migrate/` in `.gitignore`.
///
/// Nothing is overwritten: ``existingPaths`` names what is in the way, and ``write()`` refuses to start while
/// anything is. `.gitignore` is the exception, being shared with the rest of the project: the line is added to it
/// (once) rather than the file replaced.
package struct ProjectScaffold: Sendable {
    /// The directory the project is created in: absolute.
    package let root: String
    /// `--url`: written as `[database] url`; `nil` leaves the key commented out, for the embedded cluster.
    package let url: String?

    /// The files and directories ``write()`` creates, relative to ``root``, in creation order.
    package static let createdPaths = [
        ConfigurationLoader.fileName, "migrations", "migrations/versions", "schema", "schema/schema.sql",
    ]
    /// The line that keeps the embedded cluster out of version control.
    package static let ignoreLine = ".migrate/"

    /// - Parameters:
    ///   - root: the absolute directory to create the project in.
    ///   - url: the connection string to configure, if any.
    /// - Throws: ``MigrateError`` (`.configuration`) when `url` would not load back from the file (libpq cannot
    ///   parse it, or a `$` in it is neither `${VAR}` nor `$$`), with any password kept out of the message.
    package init(root: String, url: String?) throws(MigrateError) {
        self.root = root
        self.url = url
        // The file is read back as migrate would, so what init writes always loads.
        do throws(MigrateError) {
            _ = try ConfigurationLoader.parse(
                configurationText,
                file: ConfigurationLoader.fileName,
                projectRoot: root,
                environmentName: nil,
                environment: [:]
            )
        } catch {
            throw MigrateError(.configuration, "--url: \(error.message)", hint: error.hint)
        }
    }

    /// Which of ``createdPaths`` already exist (relative to ``root``): a path under an existing one is not named
    /// again.
    package var existingPaths: [String] {
        var existing: [String] = []
        for path in Self.createdPaths where FileKind(at: absolute(path)) != nil {
            if !existing.contains(where: { path.hasPrefix($0 + "/") }) { existing.append(path) }
        }
        return existing
    }

    /// What ``write()`` did to `.gitignore`.
    package enum IgnoreFileChange: Sendable, Hashable {
        case created
        case appended
        /// It already ignores `.migrate/`.
        case unchanged
    }

    /// Creates the project.
    /// - Returns: what happened to `.gitignore`.
    /// - Throws: ``MigrateError`` `.usage` naming what exists when anything in ``createdPaths`` does (then nothing
    ///   is written); `.io` when a file or directory cannot be created.
    @discardableResult
    package func write() throws(MigrateError) -> IgnoreFileChange {
        let existing = existingPaths
        guard existing.isEmpty else {
            let names = existing.map { FileKind(at: absolute($0)) == .directory ? $0 + "/" : $0 }
            throw MigrateError(
                .usage,
                "\(ConfigurationSchema.list(names)) already \(names.count == 1 ? "exists" : "exist") in \(root); "
                    + "migrate init writes nothing over existing files",
                hint: "move \(names.count == 1 ? "it" : "them") aside, or run init in an empty directory"
            )
        }
        try create(ConfigurationLoader.fileName, configurationText)
        try makeDirectory("migrations")
        try makeDirectory("migrations/versions")
        try makeDirectory("schema")
        try create("schema/schema.sql", Self.schemaText)
        return try addIgnoreLine()
    }

    // MARK: - Contents

    /// The `migrate.toml` init writes: every key, commented, with what it does.
    package var configurationText: String {
        let databaseURL: String
        if let url {
            databaseURL = """
                # The database to migrate; --url and DATABASE_URL override it. Keep passwords out of this file: write
                # url = "${DATABASE_URL}" and set the variable where migrate runs.
                url = \(ConfigurationSchema.basicString(url))
                """
        } else {
            databaseURL = """
                # The database to migrate. Unset, so that without --url or DATABASE_URL (or PGHOST/PGSERVICE) migrate
                # uses an embedded PostgreSQL cluster it creates and manages in .migrate/ (git-ignored).
                # url = "postgresql://app@db.internal/app"
                # url = "${DATABASE_URL}"
                """
        }
        return """
            # migrate.toml: configuration of `migrate` for this project. migrate finds it from any subdirectory.
            #
            # Every key is optional; the values shown commented out are the defaults. Relative paths start from the
            # directory holding this file. Any string may use ${VAR} for an environment variable ($$ for a literal $).
            # Times take a unit (ms, s, min, h, d); a bare number is milliseconds; 0 means no limit.

            [database]
            \(databaseURL)
            #
            # The server on which `migrate diff` and `migrate revision --autogenerate` create scratch databases
            # (default: the server of the database above, or the embedded cluster).
            # shadow_url = "postgresql://app@localhost/postgres"

            [migrations]
            # directory = "migrations"            # revision files live in <directory>/versions
            # version_table = "schema_migrations"
            # version_table_schema = "public"
            # transaction = "per-revision"        # or "all": the whole batch in one transaction, like --atomic
            # lock_timeout = "5s"                 # SET LOCAL in each revision's transaction
            # statement_timeout = "0"             # SET LOCAL in each revision's transaction; 0 = no limit
            # lock_wait = "60s"                   # how long to wait for another deployer's migration lock

            [autogenerate]
            # The desired schema: a .sql file, or a directory of .sql files applied in name order. Edit it, then
            # `migrate revision --autogenerate -m MSG` writes the revision that brings the database there.
            schema = "schema"

            # An environment overrides the values above when chosen with --env NAME or MIGRATE_ENV=NAME:
            #
            # [environments.production.database]
            # url = "${PROD_DATABASE_URL}"
            # [environments.production.migrations]
            # lock_timeout = "2s"

            """
    }

    /// `schema/schema.sql`: comments only, so an autogenerate run before it is filled in finds nothing to do.
    package static let schemaText = """
        -- The desired state of the database schema: the tables, views, functions... as they should be now,
        -- written as plain CREATE statements. Other .sql files in this directory are applied after this one, in
        -- name order.
        --
        -- `migrate revision --autogenerate -m MSG` compares a database at head with this schema and writes the
        -- revision (up and down SQL) between them; `migrate diff migrations@head schema` shows it without writing.
        -- Revisions in migrations/versions are what runs; this file only describes where they should lead.

        """

    // MARK: - Writing

    private func absolute(_ path: String) -> String {
        root == "/" ? "/" + path : root + "/" + path
    }

    private func create(_ path: String, _ text: String) throws(MigrateError) {
        try Self.write(text, to: absolute(path), flags: O_CREAT | O_EXCL)
    }

    private func makeDirectory(_ path: String) throws(MigrateError) {
        guard mkdir(absolute(path), 0o755) == 0 else {
            throw MigrateError(.io, "cannot create \(absolute(path)): \(String(cString: strerror(errno)))")
        }
    }

    /// Adds ``ignoreLine`` to `.gitignore` unless a line already ignores `.migrate`.
    private func addIgnoreLine() throws(MigrateError) -> IgnoreFileChange {
        let path = absolute(".gitignore")
        guard FileKind(at: path) != nil else {
            try Self.write(
                "# migrate's embedded PostgreSQL cluster\n\(Self.ignoreLine)\n",
                to: path,
                flags: O_CREAT | O_EXCL
            )
            return .created
        }
        let bytes = try WholeFile.bytes(at: path)
        let text = String(decoding: bytes, as: UTF8.self)
        let ignored = text.split(whereSeparator: \.isNewline).contains { line in
            let pattern = line.trimmingCharacters(in: " \t")
            return [".migrate", ".migrate/", "/.migrate", "/.migrate/", ".migrate/*", "/.migrate/*"].contains(pattern)
        }
        if ignored { return .unchanged }
        let separator = bytes.isEmpty || bytes.last == UInt8(ascii: "\n") ? "" : "\n"
        try Self.write(
            separator + "\n# migrate's embedded PostgreSQL cluster\n\(Self.ignoreLine)\n",
            to: path,
            flags: O_APPEND
        )
        return .appended
    }

    private static func write(_ text: String, to path: String, flags: Int32) throws(MigrateError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else {
            throw MigrateError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { LibC.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw MigrateError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> Substring {
        var result = self
        while let first = result.first, characters.contains(first) { result = result.dropFirst() }
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        return result
    }
}
