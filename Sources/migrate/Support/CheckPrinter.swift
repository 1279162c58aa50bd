import MigrateKit

/// Prints a ``CheckReport`` as text, JSON or GitHub workflow annotations, on stdout.
struct CheckPrinter {
    let report: CheckReport
    /// File paths under this directory are shown relative to it (annotations need repository-relative paths).
    let projectRoot: String

    // MARK: - Text

    func printText() {
        var lines: [String] = []
        let heads = report.heads.isEmpty ? "no revisions" : report.heads.joined(separator: ", ")
        lines.append("repository: \(report.revisionCount) revision(s), head \(heads)")
        for problem in report.repositoryProblems { lines.append("  " + describe(problem)) }
        if let problems = report.validationProblems {
            lines.append(problems.isEmpty ? "validate: ok" : "validate: \(problems.count) problem(s)")
            lines += problems.map { "  " + $0 }
        }
        if let pending = report.pending {
            lines.append("pending: \(pending.count) revision(s)")
            lines += pending.map {
                "  \($0.id) \($0.message) (\(relative($0.path)))" + ($0.phase == .post ? " [post-deploy]" : "")
            }
        } else {
            lines.append("pending: unknown (offline)")
        }
        let findings = report.lint.findings
        let count = { (severity: LintSeverity) in
            findings.filter { $0.severity == severity && $0.silencedBecause == nil }.count
        }
        let silenced = findings.filter { $0.silencedBecause != nil }.count
        lines.append(
            "lint (\(report.lintedScope)): \(report.lintedRevisions) revision(s), \(report.lint.statements) "
                + "statement(s): \(count(.error)) error(s), \(count(.warning)) warning(s), \(count(.info)) note(s), "
                + "\(silenced) silenced"
        )
        for finding in findings {
            let label =
                finding.silencedBecause == nil ? finding.severity.rawValue : "silenced \(finding.severity.rawValue)"
            lines.append(
                "\(relative(finding.file)):\(finding.line):\(finding.column): \(label) [\(finding.rule.rawValue)] "
                    + finding.reason
            )
            lines.append("  safe: \(finding.rewrite)")
            if let note = finding.note { lines.append("  note: \(note)") }
            if let reason = finding.silencedBecause { lines.append("  silenced: \(reason)") }
        }
        if let drift = report.drift {
            if drift.isEmpty {
                lines.append("drift: none")
            } else {
                lines.append("drift: \(drift.count) statement(s) bring the live schema back to the revisions:")
                lines += drift.map { statement in
                    (statement.destructive.map { "  -- DESTRUCTIVE: \($0)\n" } ?? "")
                        + statement.sql.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
                }
            }
        }
        Terminal.output(lines.joined(separator: "\n"))
    }

    // MARK: - JSON

    /// The `--format json` document; its keys are documented in the README and only ever added to.
    struct Document: Encodable {
        var formatVersion = 1
        var ok: Bool
        var exitCode: Int32
        var repository: Repository
        var validation: [String]?
        var pending: [PendingRevision]?
        var lint: Lint
        var drift: [Drift]?

        struct Repository: Encodable {
            var revisions: Int
            var heads: [String]
            var problems: [Problem]
        }

        struct Problem: Encodable {
            var file: String?
            var line: Int?
            var message: String
        }

        struct PendingRevision: Encodable {
            var revision: String
            var message: String
            var file: String
            /// `pre` or `post` (`-- migrate:phase`).
            var phase: String
        }

        struct Lint: Encodable {
            var scope: String
            var revisions: Int
            var statements: Int
            var findings: [Finding]
        }

        struct Finding: Encodable {
            var file: String
            var line: Int
            var column: Int
            var revision: String
            var rule: String
            var severity: String
            var reason: String
            var rewrite: String
            var note: String?
            var silenced: String?
        }

        struct Drift: Encodable {
            var sql: String
            var destructive: String?
        }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", ok, exitCode = "exit_code", repository, validation, pending
            case lint, drift
        }
    }

    func printJSON(exitCode: Int32) throws {
        let document = Document(
            ok: exitCode == 0,
            exitCode: exitCode,
            repository: .init(
                revisions: report.revisionCount,
                heads: report.heads,
                problems: report.repositoryProblems.map { problem in
                    .init(
                        file: problem.location.map { relative($0.file) },
                        line: problem.location?.line,
                        message: problem.message
                    )
                }
            ),
            validation: report.validationProblems,
            pending: report.pending?.map { .init(revision: $0.id, message: $0.message, file: relative($0.path), phase: $0.phase.rawValue) },
            lint: .init(
                scope: report.lintedScope,
                revisions: report.lintedRevisions,
                statements: report.lint.statements,
                findings: report.lint.findings.map { finding in
                    .init(
                        file: relative(finding.file),
                        line: finding.line,
                        column: finding.column,
                        revision: finding.revision,
                        rule: finding.rule.rawValue,
                        severity: finding.severity.rawValue,
                        reason: finding.reason,
                        rewrite: finding.rewrite,
                        note: finding.note,
                        silenced: finding.silencedBecause
                    )
                }
            ),
            drift: report.drift?.map { .init(sql: $0.sql, destructive: $0.destructive) }
        )
        try JSONOutput.print(document)
    }

    // MARK: - GitHub annotations

    /// `::error file=F,line=L,col=C,title=T::message` lines, which GitHub Actions shows on the pull request.
    func printGitHub() {
        var lines: [String] = []
        for problem in report.repositoryProblems {
            lines.append(
                annotation(
                    "error",
                    file: problem.location.map { relative($0.file) },
                    line: problem.location?.line,
                    column: problem.location?.column,
                    title: "migrate check: repository",
                    problem.message
                )
            )
        }
        for problem in report.validationProblems ?? [] {
            lines.append(annotation("error", title: "migrate check: validate", problem))
        }
        for finding in report.lint.findings {
            let level =
                finding.silencedBecause != nil
                ? "notice" : ["error": "error", "warning": "warning"][finding.severity.rawValue] ?? "notice"
            var message = "\(finding.reason). Safe: \(finding.rewrite)"
            if let note = finding.note { message += " (\(note))" }
            if let reason = finding.silencedBecause { message = "silenced (\(reason)): " + message }
            lines.append(
                annotation(
                    level,
                    file: relative(finding.file),
                    line: finding.line,
                    column: finding.column,
                    title: "migrate check: \(finding.rule.rawValue)",
                    message
                )
            )
        }
        for statement in report.drift ?? [] {
            lines.append(annotation("error", title: "migrate check: drift", "live schema differs; \(statement.sql)"))
        }
        if let pending = report.pending, !pending.isEmpty {
            lines.append(
                annotation(
                    "notice",
                    title: "migrate check: pending",
                    "\(pending.count) revision(s) pending: \(PendingPhases(pending))"
                )
            )
        }
        if !lines.isEmpty { Terminal.output(lines.joined(separator: "\n")) }
    }

    private func annotation(
        _ level: String,
        file: String? = nil,
        line: Int? = nil,
        column: Int? = nil,
        title: String,
        _ message: String
    ) -> String {
        var properties: [String] = []
        if let file { properties.append("file=" + Self.escapeProperty(file)) }
        if let line { properties.append("line=\(line)") }
        if let column { properties.append("col=\(column)") }
        properties.append("title=" + Self.escapeProperty(title))
        return "::\(level) \(properties.joined(separator: ","))::\(Self.escapeData(message))"
    }

    /// GitHub's escaping of an annotation's message.
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// GitHub's escaping of an annotation property (`file=...`).
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    // MARK: - Paths

    private func relative(_ path: String) -> String {
        let prefix = projectRoot.hasSuffix("/") ? projectRoot : projectRoot + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private func describe(_ error: MigrateError) -> String {
        guard let location = error.location else { return error.message }
        var place = relative(location.file)
        if let line = location.line { place += ":\(line)" }
        if let column = location.column { place += ":\(column)" }
        return place + ": " + error.message
    }
}
