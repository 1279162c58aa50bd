/// How the version table compares with the revision files: what `validate` lists and what makes
/// `upgrade` refuse to run.
package struct IntegrityReport: Sendable {
    /// An applied revision whose up section changed since it was applied.
    package struct Changed: Sendable {
        package var row: AppliedRevision
        package var path: String
        package var currentChecksum: String
    }

    /// An applied revision whose parent is not applied: the table describes a state the graph cannot reach.
    package struct Gap: Sendable {
        package var row: AppliedRevision
        package var missingParents: [String]
    }

    /// Applied revisions edited after they were applied.
    package var changed: [Changed] = []
    /// Applied revisions with no file (deleted, or from a newer checkout).
    package var missingFiles: [AppliedRevision] = []
    /// Non-transactional revisions that stopped part-way (`failed`) or were interrupted (`running`).
    package var partial: [AppliedRevision] = []
    package var gaps: [Gap] = []

    package init(rows: [AppliedRevision], graph: RevisionGraph) {
        let applied = Set(rows.map(\.revision))
        for row in rows {
            if row.status != .applied { partial.append(row) }
            guard graph.contains(row.revision), let revision = try? graph.resolve(row.revision) else {
                missingFiles.append(row)
                continue
            }
            if row.status == .applied, revision.checksum != row.checksum {
                changed.append(Changed(row: row, path: revision.path, currentChecksum: revision.checksum))
            }
            let missingParents = revision.parents.filter { !applied.contains($0) }
            if !missingParents.isEmpty { gaps.append(Gap(row: row, missingParents: missingParents)) }
        }
    }

    /// Only the part-way revisions among `rows`: no comparison with the files.
    package init(partialOf rows: [AppliedRevision]) {
        partial = rows.filter { $0.status != .applied }
    }

    /// No edited and no missing files: `upgrade` may run.
    package var isClean: Bool { changed.isEmpty && missingFiles.isEmpty }

    /// Nothing at all to report: `validate` exits 0.
    package var isEmpty: Bool { isClean && partial.isEmpty && gaps.isEmpty }

    /// One line per problem, for `validate` and error messages.
    package var lines: [String] {
        var lines: [String] = []
        for item in changed {
            lines.append(
                "changed: \(item.path): revision \(item.row.revision) was edited after it was applied on "
                    + "\(item.row.appliedAt) (checksum \(item.row.checksum.prefix(12))… then, "
                    + "\(item.currentChecksum.prefix(12))… now)"
            )
        }
        for row in missingFiles {
            lines.append(
                "missing: revision \(row.revision) (\(row.message.isEmpty ? "no message" : row.message)) is applied "
                    + "but no file declares it (it was \(row.fileName ?? "an unknown file"))"
            )
        }
        for row in partial {
            lines.append(
                "\(row.status.rawValue): revision \(row.revision) stopped after \(row.statementsDone) statement(s)"
                    + (row.failure.map { ": \($0.split(separator: "\n").first ?? "")" } ?? " (interrupted)")
            )
        }
        for gap in gaps {
            lines.append(
                "gap: revision \(gap.row.revision) is applied but its parent(s) \(gap.missingParents.joined(separator: ", ")) "
                    + "are not"
            )
        }
        return lines
    }

    /// The error `upgrade` (or another command) stops with when the files and the table disagree.
    package func error(command: String) -> MigrateError {
        MigrateError(
            .validation,
            "the applied revisions do not match the files, so \(command) did not run:\n  "
                + lines.joined(separator: "\n  "),
            hint: "never edit a revision that was applied: add a new one. If the change is intended (a comment, "
                + "a fix that must not re-run), record it with `migrate validate --accept REV -m WHY`, or pass "
                + "--allow-changed for this run only. For revisions whose file is missing (a newer "
                + "checkout applied them), downgrade with that checkout, or with this one (the stored down SQL is "
                + "used)."
        )
    }
}
