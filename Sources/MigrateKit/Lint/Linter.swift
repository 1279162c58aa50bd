import SQLSyntax

/// Lints a batch of revisions, in the order they would run, statement by statement on PostgreSQL's parse trees.
///
/// What the batch itself did counts: a table created earlier in the batch raises no lock or compatibility errors,
/// a `CHECK (col IS NOT NULL)` validated earlier makes `SET NOT NULL` safe, a column's type written earlier is
/// its old type. What the batch does not say comes from ``LintCatalog`` (offline: nothing, so every other table
/// counts as big).
package struct Linter {
    package var settings: LintSettings
    package var catalog: LintCatalog

    package init(settings: LintSettings, catalog: LintCatalog) {
        self.settings = settings
        self.catalog = catalog
    }

    /// The result of linting a batch.
    package struct Report: Sendable {
        /// In batch order, then by position in the file.
        package var findings: [LintFinding] = []
        /// Revisions whose SQL does not parse, and malformed `lint-ignore` comments.
        package var problems: [MigrateError] = []
        /// How many statements were read.
        package var statements = 0
    }

    /// Lints `revisions` (their up sections), in the order given.
    /// - Parameter isPostDeploy: Whether a revision runs after the rollout (post-deploy phase), where dropping and
    ///   renaming what the old application uses is expected.
    package func lint(_ revisions: [Revision], isPostDeploy: (Revision) -> Bool = { _ in false }) -> Report {
        var report = Report()
        var batch = BatchState()
        for revision in revisions {
            let ignores: [LintIgnore]
            let statements: [ParsedStatement]
            let script = SQLScript(revision.up.text)
            do {
                ignores = try LintIgnore.comments(in: revision.up, path: revision.path)
                statements = try script.parsedStatements()
            } catch let error as MigrateError {
                report.problems.append(error)
                continue
            } catch {
                let syntax = error as? SQLSyntaxError
                let line = (syntax?.position?.line).map { revision.up.firstLine - 1 + $0 }
                report.problems.append(
                    MigrateError(
                        .revisionFile,
                        "the up section does not parse: \(syntax?.message ?? "\(error)")",
                        location: SourceLocation(file: revision.path, line: line, column: syntax?.position?.column)
                    )
                )
                continue
            }
            report.statements += statements.count
            var pass = RevisionPass(
                linter: self,
                revision: revision,
                script: script,
                isPostDeploy: isPostDeploy(revision),
                batch: batch
            )
            for statement in statements { pass.read(statement) }
            pass.finish()
            batch = pass.batch
            for var finding in pass.findings {
                if let ignore = ignores.first(where: { $0.rule == finding.rule }) {
                    finding.silencedBecause = ignore.reason
                }
                report.findings.append(finding)
            }
        }
        return report
    }
}

/// What earlier statements of the batch did that later rules need.
struct BatchState {
    /// `schema.name` of tables, materialized views and enum types created in the batch.
    var createdTables: Set<String> = []
    /// `schema.index` → `schema.table` of indexes created in the batch.
    var createdIndexes: [String: String] = [:]
    /// `schema.table.column` → type, written in the batch.
    var columnTypes: [String: LintColumnType] = [:]
    /// Constraint name → `schema.table.column` of `CHECK (col IS NOT NULL) NOT VALID` not yet validated.
    var pendingNotNullChecks: [String: String] = [:]
    /// `schema.table.column` with a validated `IS NOT NULL` check made in the batch.
    var notNullChecks: Set<String> = []
    /// Materialized views given a unique index in the batch.
    var uniquelyIndexedViews: Set<String> = []
    /// `schema.type` → labels of enum types created in the batch, or renamed away (by their old name).
    var enumLabels: [String: [String]] = [:]
}
