import Foundation
import MigrateTestSupport
import SystemProcess
import Testing

extension MigrateProject {
    /// The revisions `migrate current --json` says the database is at.
    func current() throws -> [String] {
        let output = try migrate("current", "--json")
        #expect(output.status == .exited(0), "\(output.combinedOutput)")
        return try JSONValue.parse(output.standardOutput)["current"].strings
    }

    /// The tables each applied revision created, as ``GeneratedRevision`` names them.
    func expectedTables(_ ids: [String]) -> Set<String> {
        Set(ids.map(GeneratedRevision.tableName))
    }
}

/// Replaces the placeholder comments `migrate revision` writes with SQL that creates and drops a table.
func fillRevision(atPath path: String, table: String) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(
        of: "-- migrate:up\n",
        with: "-- migrate:up\nCREATE TABLE \(table) (id integer);\n"
    )
    text = text.replacingOccurrences(of: "-- migrate:down\n", with: "-- migrate:down\nDROP TABLE \(table);\n")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

extension ProcessOutput {
    /// The process's exit code; `nil` when a signal ended it.
    var exitCode: Int32? {
        if case .exited(let code) = status { return code }
        return nil
    }

    /// Standard output split into lines, without the trailing empty one.
    var outputLines: [String] {
        standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}

/// A parsed JSON document with forgiving accessors, so a test reads `json["current"].strings`.
struct JSONValue {
    let value: Any?

    static func parse(_ text: String) throws -> JSONValue {
        JSONValue(value: try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
    }

    subscript(key: String) -> JSONValue { JSONValue(value: (value as? [String: Any])?[key]) }
    subscript(index: Int) -> JSONValue {
        guard let array = value as? [Any], array.indices.contains(index) else { return JSONValue(value: nil) }
        return JSONValue(value: array[index])
    }

    var array: [JSONValue] { (value as? [Any])?.map { JSONValue(value: $0) } ?? [] }
    var strings: [String] { (value as? [Any])?.compactMap { $0 as? String } ?? [] }
    var string: String? { value as? String }
    var bool: Bool? { value as? Bool }
    var int: Int? { value as? Int }
}
