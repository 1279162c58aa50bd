import MigrateKit

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--json` output: stable key order, one document on stdout.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        Terminal.output(String(decoding: data, as: UTF8.self))
    }
}

/// A revision as `--json` shows it.
struct RevisionJSON: Encodable {
    var revision: String
    var parents: [String]
    var message: String
    var branchLabels: [String]
    var dependsOn: [String]
    var transactional: Bool
    var file: String?

    init(_ revision: Revision) {
        self.revision = revision.id
        parents = revision.parents
        message = revision.message
        branchLabels = revision.branchLabels
        dependsOn = revision.dependsOn
        transactional = revision.isTransactional
        file = revision.path
    }
}

/// A version-table row as `--json` shows it.
struct AppliedJSON: Encodable {
    var revision: String
    var parents: [String]
    var message: String
    var status: String
    var statementsDone: Int
    var failure: String?
    var appliedAt: String
    var appliedBy: String
    var clientHost: String?
    var executionMs: Double?
    var checksum: String
    var toolVersion: String

    init(_ row: AppliedRevision) {
        revision = row.revision
        parents = row.parents
        message = row.message
        status = row.status.rawValue
        statementsDone = row.statementsDone
        failure = row.failure
        appliedAt = row.appliedAt
        appliedBy = row.appliedBy
        clientHost = row.clientHost
        executionMs = row.executionMilliseconds
        checksum = row.checksum
        toolVersion = row.toolVersion
    }
}
