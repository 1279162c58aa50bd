import LibC

/// A revision file written by a test, in the documented format: header directives, `-- migrate:up`,
/// `-- migrate:down`.
///
/// Unless given other SQL, a revision creates one table named after it (``tableName(_:)``) and its down section
/// drops it, so a test can tell from the catalog which revisions ran. Generate histories with
/// ``chain(_:prefix:after:)`` and ``merge(_:parents:)`` rather than committing large fixtures.
package struct GeneratedRevision: Sendable, Hashable {
    package var id: String
    package var parents: [String]
    package var message: String
    package var branchLabels: [String] = []
    package var dependsOn: [String] = []
    package var isTransactional = true
    /// Written as `-- migrate:phase post` when true.
    package var isPostDeploy = false
    package var up: String
    package var down: String

    /// A revision; `up` and `down` default to creating and dropping ``tableName(_:)``.
    package init(
        _ id: String,
        parents: [String] = [],
        message: String? = nil,
        branchLabels: [String] = [],
        dependsOn: [String] = [],
        isTransactional: Bool = true,
        up: String? = nil,
        down: String? = nil
    ) {
        self.id = id
        self.parents = parents
        self.message = message ?? "Revision \(id)"
        self.branchLabels = branchLabels
        self.dependsOn = dependsOn
        self.isTransactional = isTransactional
        self.up = up ?? "CREATE TABLE \(Self.tableName(id)) (id integer PRIMARY KEY);\n"
        self.down = down ?? "DROP TABLE \(Self.tableName(id));\n"
    }

    /// The table the default up section creates: `t_<id>` in lower case.
    package static func tableName(_ id: String) -> String {
        "t_" + id.lowercased()
    }

    /// `<id>_<slug>.sql`, the slug made from the message: lower-case letters and digits, `_` between words, at
    /// most 40 characters.
    package var fileName: String {
        var slug = ""
        for character in message.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "_" {
                slug.append("_")
            }
        }
        slug = String(slug.prefix(40))
        while slug.last == "_" { slug.removeLast() }
        return "\(id)_\(slug.isEmpty ? "revision" : slug).sql"
    }

    /// The file's relative path in a project: `migrations/versions/<fileName>`.
    package var relativePath: String { TemporaryDirectory.versionsPath + "/" + fileName }

    /// The whole file.
    package var text: String {
        var lines = [
            "-- migrate:revision \(id)",
            "-- migrate:down_revision \(parents.isEmpty ? "none" : parents.joined(separator: ", "))",
            "-- migrate:message \(message)",
        ]
        if !branchLabels.isEmpty { lines.append("-- migrate:branch_labels \(branchLabels.joined(separator: ", "))") }
        if !dependsOn.isEmpty { lines.append("-- migrate:depends_on \(dependsOn.joined(separator: ", "))") }
        if !isTransactional { lines.append("-- migrate:transaction false") }
        if isPostDeploy { lines.append("-- migrate:phase post") }
        lines += [
            "", "-- migrate:up", up.trimmingTrailingNewlines(), "", "-- migrate:down", down.trimmingTrailingNewlines(),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The file line of the up section's first statement line (the line after `-- migrate:up`).
    package var firstUpLine: Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "-- migrate:up" }! + 2
    }

    // MARK: - Histories

    /// A linear history of `count` revisions with ids `<prefix>001`, `<prefix>002`..., the first one a child of
    /// `parent` (a root when `nil`).
    package static func chain(_ count: Int, prefix: String, after parent: String? = nil) -> [GeneratedRevision] {
        guard count > 0 else { return [] }
        var revisions: [GeneratedRevision] = []
        var previous = parent
        for number in 1...count {
            let id = prefix + String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number)
            revisions.append(GeneratedRevision(id, parents: previous.map { [$0] } ?? []))
            previous = id
        }
        return revisions
    }

    /// A merge revision: several parents, no SQL of its own.
    package static func merge(_ id: String, parents: [String]) -> GeneratedRevision {
        GeneratedRevision(
            id,
            parents: parents,
            message: "Merge \(parents.joined(separator: " and "))",
            up: "",
            down: ""
        )
    }
}

extension TemporaryDirectory {
    /// Where revision files go in a project with the default configuration.
    package static let versionsPath = "migrations/versions"

    /// Writes revision files into `migrations/versions`.
    package func write(_ revisions: [GeneratedRevision]) throws {
        for revision in revisions {
            try write(revision.relativePath, revision.text)
        }
    }

    /// Deletes a file relative to this directory.
    package func delete(_ relativePath: String) {
        _ = unlink(path + "/" + relativePath)
    }

    /// The absolute path of a file relative to this directory.
    package func absolute(_ relativePath: String) -> String {
        path + "/" + relativePath
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
