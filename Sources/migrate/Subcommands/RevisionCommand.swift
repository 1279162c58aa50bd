import ArgumentParser
import MigrateKit

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `migrate revision -m MSG`: write a new revision file.
struct RevisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revision",
        abstract: "Write a new revision file after the current head; prints its path.",
        discussion: """
            With --autogenerate, diff the live database (which must be at head) against the desired schema \
            ([autogenerate] schema in migrate.toml) and fill in the up and down sections; with no differences \
            nothing is written. The change is written in the forms that take no long lock and keep the running \
            release working, which may take several revisions, each the parent of the next: enum labels the \
            change uses; the change, with constraints on existing tables NOT VALID; indexes of existing tables \
            built CONCURRENTLY; the validations; drops of tables and columns in the post-deploy phase. \
            --no-safe writes the plain forms in one revision (enum labels the change uses still come first).

            With --from, write the tables of an SQLite or DuckDB file as PostgreSQL (the first revision of an app \
            moving to PostgreSQL): types from the declared types, refined by reading every value; keys, \
            constraints and indexes. What does not translate is written as a commented-out line with the reason, \
            and listed on stderr.

            Examples:
              migrate revision -m "add tags"
              migrate revision --autogenerate -m "sync schema"
              migrate revision --from sqlite:///srv/app/app.db -m "initial schema from SQLite"
            """
    )

    @ParentCommand var root: MigrateCommand
    @Option(name: .shortAndLong, help: "What the revision does.") var message: String
    @Option(help: "Use this id instead of a random 12-hex one.") var revId: String?
    @Option(help: "The parent: a head (default: the only head), `base` for a new root, or any revision with --splice.")
    var head: String?
    @Flag(help: "Allow --head to name a revision that is not a head (starts a branch).") var splice = false
    @Option(help: "A branch label for the new revision (repeatable).") var branchLabel: [String] = []
    @Option(help: "A revision this one depends on (repeatable).") var dependsOn: [String] = []
    @Flag(help: "Mark the revision `-- migrate:transaction false`.") var nonTransactional = false
    @Option(help: "pre (default) or post: mark a contracting revision `-- migrate:phase post`, to run after a rolling deploy.")
    var phase: DeployPhase = .pre
    @Flag(help: "Fill the revision by diffing the database against the desired schema.") var autogenerate = false
    @Option(help: "With --autogenerate: treat a drop and an add as a rename, table.old=new (repeatable).")
    var rename: [String] = []
    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "With --autogenerate: write lock-safe forms, in several revisions where needed (default), "
                + "or the plain ones."
        )
    )
    var safe = true
    @Flag(help: "With --autogenerate: compare owners, GRANT/REVOKE and default privileges too.")
    var privileges = false
    @Option(
        help: ArgumentHelp(
            "Translate the tables of an SQLite or DuckDB file (sqlite:///path.db, duckdb:///path.duckdb, or a path).",
            valueName: "source"
        )
    )
    var from: String?
    @Option(help: "With --from: only these source tables (comma-separated).") var tables: String?
    @Option(help: "With --from: leave these source tables out (comma-separated).") var exclude: String?
    @Option(
        help: ArgumentHelp("With --from: force a column's type, table.column=TYPE (repeatable).", valueName: "table.column=type")
    )
    var type: [String] = []
    @Flag(help: "With --from: lower-case every table, column, constraint and index name.") var lowercaseNames = false

    func run() throws {
        let context = try CommandContext(root.global)
        let graph = try context.loadGraph()
        let parents = try chooseParents(graph)
        var template = RevisionTemplate(
            id: revId ?? Revision.randomID(),
            parents: parents,
            message: message,
            created: RevisionTimestamp(Date()),
            branchLabels: branchLabel,
            dependsOn: dependsOn,
            isTransactional: !nonTransactional,
            phase: phase
        )
        if let from {
            guard !autogenerate else { throw MigrateError(.usage, "--from and --autogenerate cannot be combined") }
            let result = try translatedSchema(from)
            template.upSQL = result.upSQL
            template.downSQL = result.downSQL
            for note in result.notes { Terminal.warning(note) }
            Terminal.info(
                "translated \(result.tableCount) table(s), every row read (\(result.valueCount) values); "
                    + "\(result.notes.count) thing(s) not translated as they are, listed above and in the revision"
            )
        } else if autogenerate {
            guard let series = try autogeneratedSeries(context, graph: graph) else { return }
            try write(series, from: template, into: context.configuration.versionsDirectory)
            return
        }
        try FileManager.default.createDirectory(
            atPath: context.configuration.versionsDirectory,
            withIntermediateDirectories: true
        )
        let path = try template.write(into: context.configuration.versionsDirectory)
        Terminal.output(path)
        if from == nil && !autogenerate {
            Terminal.info("write the up and down SQL in \(path); it will not load until the up section has SQL")
        }
    }

    private func translatedSchema(_ from: String) throws -> SchemaTranslation.Result {
        var options = SchemaTranslation.Options()
        options.tables = ImportCommand.list(tables)
        options.excluded = ImportCommand.list(exclude)
        options.lowercaseNames = lowercaseNames
        for setting in type {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].contains("."), !parts[1].isEmpty else {
                throw MigrateError(.usage, "--type \(setting): expected table.column=TYPE")
            }
            options.types[parts[0]] = parts[1]
        }
        let translation = SchemaTranslation(source: try DataSource(parsing: from), options: options)
        return try translation.translate()
    }

    private func chooseParents(_ graph: RevisionGraph) throws -> [String] {
        if let head {
            if head.lowercased() == "base" { return [] }
            let revision: Revision
            if head.lowercased() == "head" || head.hasSuffix("@head") {
                let plan = try graph.upgradePlan(to: try RevisionTarget(parsing: head), applied: [])
                guard let last = plan.steps.last?.revision else {
                    throw MigrateError(.target, "`\(head)` names no revision")
                }
                revision = last
            } else {
                revision = try graph.resolve(head)
            }
            if !splice && !graph.heads.contains(where: { $0.id == revision.id }) {
                throw MigrateError(
                    .target,
                    "revision \(revision.id) is not a head",
                    hint: "pass --splice to start a branch from it"
                )
            }
            return [revision.id]
        }
        let heads = graph.heads
        guard heads.count <= 1 else {
            throw MigrateError(
                .target,
                "there are \(heads.count) heads (\(heads.map(\.id).joined(separator: ", "))); the new revision's parent is ambiguous",
                hint: "pass --head REV, or join them first with `migrate merge -m MSG heads`"
            )
        }
        return heads.map(\.id)
    }

    private func autogeneratedSeries(_ context: CommandContext, graph: RevisionGraph) throws -> AutogeneratedSeries? {
        let session = try context.connect()
        let schemaPath = context.configuration.schemaPath
        var autogenerator = Autogenerator(project: context.project, report: EventPrinter.print)
        if privileges { autogenerator.comparesPrivileges = true }
        let series = try autogenerator.seriesFromDatabase(session, graph: graph, renames: rename, lockSafe: safe)
        printWarnings(of: series.summary)
        guard !series.isEmpty else {
            Terminal.info("no changes: the database matches \(schemaPath); no revision written")
            return nil
        }
        return series
    }

    /// Writes the revisions of a series, each the parent of the next, and prints their paths in order.
    /// `--rev-id`, `--non-transactional` and `--phase` apply to the change itself (to the first revision when
    /// the change is only indexes or validations); branch labels and dependencies to the first revision.
    private func write(_ series: AutogeneratedSeries, from template: RevisionTemplate, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var parents = template.parents
        let changePosition = series.revisions.firstIndex { $0.part == .change } ?? 0
        for (position, revision) in series.revisions.enumerated() {
            var file = template
            let isChange = position == changePosition
            file.id = isChange ? template.id : Revision.randomID()
            file.parents = parents
            if let suffix = revision.part.messageSuffix { file.message = "\(message): \(suffix)" }
            if position > 0 {
                file.branchLabels = []
                file.dependsOn = []
            }
            file.upSQL = revision.plan.upSQL
            file.downSQL = revision.plan.downSQL
            file.isTransactional = revision.isTransactional && !(isChange && nonTransactional)
            file.phase = revision.phase == .post ? .post : (isChange ? phase : .pre)
            Terminal.output(try file.write(into: directory))
            parents = [file.id]
        }
        if series.revisions.count > 1 {
            let parts = series.revisions.map { $0.part.messageSuffix ?? "the change" }
            Terminal.info(
                "wrote \(series.revisions.count) revisions, each the parent of the next: "
                    + parts.joined(separator: "; ")
            )
        }
    }
}
