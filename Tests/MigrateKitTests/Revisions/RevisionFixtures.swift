import Foundation
import MigrateKit

/// Builds revisions for tests from their text, so tests go through the real parser.
enum RevisionFixtures {
    /// The text of a revision file with the given header values and sections.
    static func text(
        _ id: String,
        parents: [String] = [],
        labels: [String] = [],
        dependsOn: [String] = [],
        created: String? = nil,
        up: String? = nil,
        down: String? = nil
    ) -> String {
        var text = "-- migrate:revision \(id)\n"
        text += "-- migrate:down_revision \(parents.isEmpty ? "none" : parents.joined(separator: ", "))\n"
        text += "-- migrate:message Revision \(id)\n"
        if let created { text += "-- migrate:created \(created)\n" }
        if !labels.isEmpty { text += "-- migrate:branch_labels \(labels.joined(separator: " "))\n" }
        if !dependsOn.isEmpty { text += "-- migrate:depends_on \(dependsOn.joined(separator: ","))\n" }
        let defaultUp = parents.count > 1 ? "" : "CREATE TABLE t_\(id) (id int);\n"
        text += "\n-- migrate:up\n" + (up ?? defaultUp)
        text += "-- migrate:down\n" + (down ?? (parents.count > 1 ? "" : "DROP TABLE t_\(id);\n"))
        return text
    }

    /// A parsed revision; see `text(_:parents:labels:dependsOn:created:up:down:)`.
    static func revision(
        _ id: String,
        _ parents: String...,
        labels: [String] = [],
        dependsOn: [String] = [],
        created: String? = nil,
        up: String? = nil,
        down: String? = nil
    ) throws -> Revision {
        let text = text(
            id,
            parents: parents,
            labels: labels,
            dependsOn: dependsOn,
            created: created,
            up: up,
            down: down
        )
        return try RevisionFile.parse(text, path: "versions/\(id)_revision_\(id.lowercased()).sql")
    }

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("migrate-revisions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
