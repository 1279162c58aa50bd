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
    /// `pre` or `post` (`-- migrate:phase`).
    var phase: String
    var file: String?

    init(_ revision: Revision) {
        self.revision = revision.id
        parents = revision.parents
        message = revision.message
        branchLabels = revision.branchLabels
        dependsOn = revision.dependsOn
        transactional = revision.isTransactional
        phase = revision.phase.rawValue
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
    /// Milliseconds with at most 3 decimals.
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
        // The server's timing has digits nobody needs (3.1415926535 ms): to the microsecond is plenty.
        executionMs = row.executionMilliseconds.map(Self.milliseconds)
        checksum = row.checksum
        toolVersion = row.toolVersion
    }

    /// `value` rounded to 3 decimals: an integer divided by 1000 is the double nearest that decimal, which the
    /// encoder prints with no more digits.
    static func milliseconds(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
