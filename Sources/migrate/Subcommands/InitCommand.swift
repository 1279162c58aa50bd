import ArgumentParser
import MigrateKit
import PostgresClient

/// `migrate init [--url URL]`: start a project in the current directory.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a project here: migrate.toml, migrations/versions/, schema/, and .migrate/ in .gitignore.",
        discussion: """
            Writes a commented migrate.toml (with --url, its [database] url; without, migrate uses an embedded \
            PostgreSQL cluster in .migrate/), the empty revision directory migrations/versions/, and the \
            desired-state schema/schema.sql for autogenerate. .migrate/ is added to .gitignore, which is created \
            if needed. Nothing that exists is overwritten: if any of these files is there, init names it and \
            writes nothing (exit 2).

            Examples:
              migrate init
              migrate init --url '${DATABASE_URL}'
              migrate init && migrate revision -m "create users" && migrate upgrade
            """
    )

    @ParentCommand var root: MigrateCommand

    func run() throws {
        let options = root.global
        Terminal.isQuiet = options.quiet
        Terminal.isVerbose = options.verbose
        guard options.configPath == nil else {
            throw MigrateError(
                .usage,
                "init writes migrate.toml in the current directory; it takes no --config",
                hint: "change to the directory the project should live in and run `migrate init`"
            )
        }
        let directory = ProjectContext.processCurrentDirectory()
        if let enclosing = ProjectLocation.find(from: directory), enclosing.root != directory {
            Terminal.warning("\(directory) is inside the project in \(enclosing.root); starting a separate one here")
        }
        let scaffold = try ProjectScaffold(root: directory, url: options.url)
        let ignoreFile = try scaffold.write()
        Terminal.info("created migrate.toml, migrations/versions/ and schema/schema.sql in \(directory)")
        switch ignoreFile {
        case .created: Terminal.info("created .gitignore with .migrate/ (the embedded cluster's data)")
        case .appended: Terminal.info("added .migrate/ to .gitignore (the embedded cluster's data)")
        case .unchanged: Terminal.info(".gitignore already ignores .migrate/")
        }
        if let url = options.url, ConnectionString.redacted(url) != url {
            Terminal.warning(
                "migrate.toml now holds a password; write url = \"${DATABASE_URL}\" there if the file is committed"
            )
        }
        Terminal.info(
            """
            next: `migrate revision -m "create users"` writes a revision in migrations/versions; fill in its up and \
            down SQL, then `migrate upgrade` applies it\(options.url == nil ? " (to the embedded cluster)" : "")
            """
        )
    }
}
