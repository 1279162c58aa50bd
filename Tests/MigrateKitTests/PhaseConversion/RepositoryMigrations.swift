import Foundation
import MigrateKit
import MigrateTestSupport
import PostgresClient

/// The repository's own revisions (`migrations/versions/`) and phase-1 fixtures, run with the engine against a
/// test database: what the phase-conversion tests exercise.
enum RepositoryMigrations {
    /// The revisions in order, oldest first, as their files declare them (`down_revision` chain).
    static let chain = [
        "3b8e5d20c1a4",  // create phase-1 agents and tasks
        "7f41c9a2e806",  // convert agents and tasks to phase 2
        "a95d13e7b460",  // add workflows and workflow executions
        "c2e8f6017d3b",  // add agent messages
        "d71b04a9e5f2",  // add agent capabilities and performance
        "e3c6a85f1d97",  // index agents and tasks concurrently
    ]

    /// The phase-1 revision: TEXT ids and timestamps, as the SQLite application had them.
    static let phase1 = "3b8e5d20c1a4"
    /// The revision that converts phase-1 rows in place.
    static let conversion = "7f41c9a2e806"

    /// The package root: this file is `Tests/MigrateKitTests/PhaseConversion/RepositoryMigrations.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static var versionsDirectory: String { root + "/migrations/versions" }

    static func fixturePath(_ name: String) -> String {
        root + "/Tests/MigrateKitTests/Fixtures/" + name
    }

    /// The text of a fixture file.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: fixturePath(name), encoding: .utf8)
    }

    static func graph() throws -> RevisionGraph {
        try RevisionDirectory(path: versionsDirectory).loadGraph()
    }

    /// A migrator for the repository's revisions on `connection`, with the default version table and options.
    static func migrator(on connection: PostgresConnection, graph: RevisionGraph) -> Migrator {
        Migrator(connection: connection, graph: graph, versionTable: VersionTable(), options: MigrationOptions())
    }

    /// Opens a connection, runs `upgrade(to:)` and closes it.
    @discardableResult
    static func upgrade(_ database: TestDatabase, to target: String, graph: RevisionGraph) throws -> [String] {
        let connection = try database.connect()
        defer { connection.close() }
        return try migrator(on: connection, graph: graph).upgrade(to: RevisionTarget(parsing: target))
    }

    /// Opens a connection, runs `downgrade(to:)` and closes it.
    @discardableResult
    static func downgrade(_ database: TestDatabase, to target: String, graph: RevisionGraph) throws -> [String] {
        let connection = try database.connect()
        defer { connection.close() }
        return try migrator(on: connection, graph: graph).downgrade(to: RevisionTarget(parsing: target))
    }

    /// The version table's rows as `revision:status`, in the chain's order (unknown revisions last).
    static func versionRows(_ connection: PostgresConnection) throws -> [String] {
        let rows = try VersionTable().appliedRevisions(on: connection)
        return rows.sorted { (chain.firstIndex(of: $0.revision) ?? .max) < (chain.firstIndex(of: $1.revision) ?? .max) }
            .map { "\($0.revision):\($0.status.rawValue)" }
    }
}
