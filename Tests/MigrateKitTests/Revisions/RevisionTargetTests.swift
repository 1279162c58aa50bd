import Foundation
import MigrateKit
import Testing

@Suite("RevisionTarget")
struct RevisionTargetTests {
    @Test(arguments: [
        ("head", RevisionTarget.head), ("HEAD", .head), ("heads", .heads), ("base", .base),
        ("+1", .relative(1)), ("-3", .relative(-3)), ("ae10", .revision("ae10", offset: 0)),
        ("ae10+2", .revision("ae10", offset: 2)), ("ae10-1", .revision("ae10", offset: -1)),
        ("auth@head", .branchHead("auth")), ("auth@base", .branchBase("auth")), ("auth@+2", .branchRelative("auth", 2)),
        ("auth@-1", .branchRelative("auth", -1)), ("a_b@HEAD", .branchHead("a_b")),
    ])
    func parses(text: String, target: RevisionTarget) throws {
        let parsed = try RevisionTarget(parsing: text)
        #expect(parsed == target)
        #expect(parsed.description == text.replacingOccurrences(of: "HEAD", with: "head"))
    }

    @Test(arguments: [
        "", "+", "-", "+0", "-0", "+x", "1+", "ae10+", "ae10+-1", "@head", "auth@", "auth@tip", "auth@+0",
        "head@head", "a-b-c", "ab cd", "none", "current", "+99999999", "ae10@head@head", "ae 10",
    ])
    func rejects(text: String) {
        let error = #expect(throws: MigrateError.self) { try RevisionTarget(parsing: text) }
        #expect(error?.code == .target)
        #expect(error?.message.contains("is not a target; expected `head`, `heads`, `base`") == true)
    }
}
