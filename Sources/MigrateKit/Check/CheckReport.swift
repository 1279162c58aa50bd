import SQLSyntax

/// What `migrate check` found, and the exit code that follows from it. Building it changes nothing, in the
/// database or the repository.
package struct CheckReport: Sendable {
    /// How many revision files were read.
    package var revisionCount = 0
    /// The head revisions of the graph.
    package var heads: [String] = []
    /// Revisions whose SQL does not parse, several heads: the repository is not fit to deploy.
    package var repositoryProblems: [MigrateError] = []
    /// `validate`'s problems (edited, missing or failed applied revisions); `nil` when not connected.
    package var validationProblems: [String]?
    /// What `upgrade head` would apply, in order; `nil` offline.
    package var pending: [Revision]?
    /// Which revisions were linted: `pending`, a range, or all.
    package var lintedScope = ""
    package var lintedRevisions = 0
    package var lint = Linter.Report()
    /// The statements that bring the live schema back to what the applied revisions make; `nil` without `--drift`.
    package var drift: [PlannedStatement]?

    package init() {}

    /// Why `check` fails, most fundamental first: a broken repository (2), applied revisions that do not match
    /// their files (4), lint errors (6), drift (7), pending revisions with `failOnPending` (3); `nil` when clean.
    package func failure(failOnPending: Bool) -> MigrateError? {
        if let first = repositoryProblems.first {
            return MigrateError(
                first.code,
                "\(repositoryProblems.count) problem(s) in the repository (listed above)",
                hint: "fix the revision files; nothing else is checked reliably until they load"
            )
        }
        if let problems = validationProblems, !problems.isEmpty {
            return MigrateError(
                .validation,
                "\(problems.count) problem(s) between the version table and the revision files (listed above)",
                hint: "see `migrate validate`; never edit an applied revision, add a new one"
            )
        }
        let errors = lint.findings.filter(\.isFailing).count
        if errors > 0 {
            return MigrateError(
                .lint,
                "\(errors) lint error(s) in the revisions checked (listed above)",
                hint: "write the safe form each finding gives, or silence one with "
                    + "`-- migrate:lint-ignore RULE reason` on its statement's line"
            )
        }
        if let drift, !drift.isEmpty {
            return MigrateError(
                .drift,
                "the live schema differs from what the applied revisions make (\(drift.count) statement(s) "
                    + "bring it back, listed above)",
                hint: "find who changed the database by hand; record the change in a revision, or run the SQL"
            )
        }
        if failOnPending, let pending, !pending.isEmpty {
            return MigrateError(.pending, "\(pending.count) revision(s) pending", hint: "run `migrate upgrade head`")
        }
        return nil
    }

    /// Checks that the SQL of `revisions` splits into statements (their down sections, and the up sections of
    /// those lint does not read), reporting each that does not with its file line.
    package mutating func checkSyntax(of revisions: [Revision], upSectionsToo: Bool) {
        for revision in revisions {
            for section in upSectionsToo ? [revision.up, revision.down] : [revision.down] where section.containsSQL {
                do {
                    _ = try SQLScript(section.text).statements()
                } catch {
                    let line = error.position.map { section.firstLine - 1 + $0.line }
                    repositoryProblems.append(
                        MigrateError(
                            .revisionFile,
                            "the \(section.firstLine == revision.up.firstLine ? "up" : "down") section does not "
                                + "parse: \(error.message)",
                            location: SourceLocation(file: revision.path, line: line, column: error.position?.column)
                        )
                    )
                }
            }
        }
    }
}
