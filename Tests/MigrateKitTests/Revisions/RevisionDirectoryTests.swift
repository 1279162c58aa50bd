import Foundation
import MigrateKit
import Testing

@Suite("RevisionDirectory")
struct RevisionDirectoryTests {
    private func write(_ text: String, _ name: String, in directory: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
    }

    @Test func loadsRevisionsAndIgnoresOtherFiles() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("bbb", parents: ["aaa"]), "bbb_second.sql", in: directory)
        try write(RevisionFixtures.text("aaa"), "aaa_first.sql", in: directory)
        try write(RevisionFixtures.text("my_rev", parents: ["bbb"]), "my_rev_underscored_id.sql", in: directory)
        try write("not a revision", "README.md", in: directory)
        try write("not a revision", ".aaa_hidden.sql", in: directory)
        try write("not a revision", "aaa_first.sql~", in: directory)
        try write("not a revision", "aaa_first.SQL.orig", in: directory)
        try FileManager.default.createDirectory(atPath: directory + "/old.sql", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: directory + "/archive", withIntermediateDirectories: false)
        try write("not a revision", "archive/zzz_x.sql", in: directory)

        let revisions = try RevisionDirectory(path: directory).loadRevisions()
        #expect(revisions.map(\.id) == ["aaa", "bbb", "my_rev"])
        #expect(revisions[0].path == directory + "/aaa_first.sql")
        let graph = try RevisionDirectory(path: directory + "/").loadGraph()
        #expect(graph.heads.map(\.id) == ["my_rev"])
        #expect(graph.revisions[0].path == directory + "/aaa_first.sql")
    }

    @Test func followsSymbolicLinksToFiles() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("aaa"), "elsewhere.txt", in: directory)
        try FileManager.default.createDirectory(atPath: directory + "/versions", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/versions/aaa_linked.sql",
            withDestinationPath: directory + "/elsewhere.txt"
        )
        #expect(try RevisionDirectory(path: directory + "/versions").loadRevisions().map(\.id) == ["aaa"])
    }

    /// Files are read without asking their size first: sizes around the first buffer (16 KiB) read whole, and
    /// a link to a directory named like a revision is skipped.
    @Test func readsFilesOfAnySizeAndSkipsLinksToDirectories() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var ups: [String] = []
        for (index, size) in [16_383, 16_384, 16_385, 100_000].enumerated() {
            let id = "r\(index)"
            // `SELECT '` + padding + `';\n` fills the file up to `size` bytes.
            let padding = size - RevisionFixtures.text(id, up: "").utf8.count - 11
            let up = "SELECT '" + String(repeating: "x", count: padding) + "';\n"
            let text = RevisionFixtures.text(id, up: up)
            #expect(text.utf8.count == size)
            try write(text, "\(id)_sized.sql", in: directory)
            ups.append(up)
        }
        try FileManager.default.createDirectory(atPath: directory + "/elsewhere", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/zzz_linked.sql",
            withDestinationPath: directory + "/elsewhere"
        )
        let revisions = try RevisionDirectory(path: directory).loadRevisions()
        #expect(revisions.map(\.id) == ["r0", "r1", "r2", "r3"])
        #expect(revisions.map(\.up.text) == ups)
        #expect(revisions.map { $0.down.text } == (0..<4).map { "DROP TABLE t_r\($0);\n" })
    }

    @Test func emptyDirectory() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try RevisionDirectory(path: directory).loadRevisions().isEmpty)
    }

    @Test func missingDirectory() throws {
        let error = #expect(throws: MigrateError.self) {
            try RevisionDirectory(path: "/nonexistent/migrations/versions").loadRevisions()
        }
        #expect(error?.code == .io)
        #expect(
            error?.message
                == "cannot open the revisions directory /nonexistent/migrations/versions: No such file or directory"
        )
    }

    @Test(arguments: ["abc.sql", "_abc.sql", "abc-def.sql", "add table.sql", "é_x.sql"])
    func fileNameWithoutTheRevisionForm(name: String) throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("abc"), name, in: directory)
        let error = #expect(throws: MigrateError.self) { try RevisionDirectory(path: directory).loadRevisions() }
        #expect(error?.code == .revisionFile)
        #expect(error?.location?.file == directory + "/" + name)
        #expect(
            error?.message.hasPrefix("the file name `\(name)` does not have the form `<revision>_<slug>.sql`") == true
        )
    }

    @Test func revisionDiffersFromTheFileName() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("abc"), "abd_add_table.sql", in: directory)
        let error = #expect(throws: MigrateError.self) { try RevisionDirectory(path: directory).loadRevisions() }
        #expect(error?.code == .revisionFile)
        #expect(error?.location == MigrateKit.SourceLocation(file: directory + "/abd_add_table.sql", line: 1))
        #expect(
            error?.message == "the file name says revision `abd` but `-- migrate:revision` says `abc`; expected the "
                + "file to be named `abc_<slug>.sql`"
        )
    }

    @Test(arguments: ["abc_Add_Table.sql", "abc_\(String(repeating: "x", count: 41)).sql"])
    func badSlug(name: String) throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("abc"), name, in: directory)
        let error = #expect(throws: MigrateError.self) { try RevisionDirectory(path: directory).loadRevisions() }
        #expect(error?.message.contains("a slug of at most 40 characters from `a-z`, `0-9` and `_`") == true)
    }

    @Test func slugMayBeEmptyOrFortyCharacters() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("abc"), "abc_.sql", in: directory)
        try write(RevisionFixtures.text("abd"), "abd_\(String(repeating: "x", count: 40)).sql", in: directory)
        #expect(try RevisionDirectory(path: directory).loadRevisions().count == 2)
    }

    @Test func firstBadFileInNameOrderIsReported() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write("garbage\n", "bbb_x.sql", in: directory)
        try write("garbage\n", "ccc_x.sql", in: directory)
        try write(RevisionFixtures.text("aaa"), "aaa_x.sql", in: directory)
        let error = #expect(throws: MigrateError.self) { try RevisionDirectory(path: directory).loadRevisions() }
        #expect(error?.location?.file == directory + "/bbb_x.sql")
    }

    /// Enough files for several threads to read them: the result is still in name order, and the bad file
    /// reported is still the first by name, whichever thread reads it.
    @Test(arguments: [[590], [40, 590], [300, 301]])
    func manyFilesKeepNameOrderAndTheFirstBadFile(badPositions: [Int]) throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ids = (0..<600).map { String(format: "r%04d", $0) }
        for id in ids { try write(RevisionFixtures.text(id), "\(id)_x.sql", in: directory) }
        let revisions = try RevisionDirectory(path: directory).loadRevisions()
        #expect(revisions.map(\.id) == ids)

        for position in badPositions { try write("garbage\n", "\(ids[position])_x.sql", in: directory) }
        let error = #expect(throws: MigrateError.self) { try RevisionDirectory(path: directory).loadRevisions() }
        #expect(error?.location?.file == "\(directory)/\(ids[badPositions[0]])_x.sql")
    }

    @Test func duplicateIDsAcrossFiles() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(RevisionFixtures.text("abc"), "abc_one.sql", in: directory)
        try write(RevisionFixtures.text("abc"), "abc_two.sql", in: directory)
        let error = #expect(throws: MigrateError.self) { try RevisionDirectory(path: directory).loadGraph() }
        #expect(error?.code == .revisionGraph)
        #expect(
            error?.message == "two files claim revision `abc`: \(directory)/abc_one.sql and \(directory)/abc_two.sql"
        )
    }

    // MARK: - Scale

    /// 10,000 revisions: a long line with a side branch merged back every 500 revisions, branch labels and
    /// `depends_on`. Checks the result (`scripts/bench graph` times the same shape through the binary).
    @Test func tenThousandRevisions() throws {
        let directory = try RevisionFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let generated = try LargeHistory.write(count: 10_000, into: directory)

        let revisions = try RevisionDirectory(path: directory).loadRevisions()
        let graph = try RevisionGraph(revisions)
        let plan = try graph.upgradePlan(to: "head", applied: [])
        let again = try RevisionDirectory(path: directory).loadGraph()
        #expect(again.revisions.map(\.checksum) == graph.revisions.map(\.checksum))

        #expect(revisions.count == 10_000)
        #expect(graph.revisions.count == 10_000)
        #expect(graph.heads.map(\.id) == [generated.head])
        #expect(graph.bases.map(\.id) == [generated.base])
        #expect(graph.mergePoints.count == generated.merges)
        #expect(graph.branchPoints.count == generated.merges)
        #expect(graph.branchLabels.count == generated.labels)
        #expect(graph.revision(labelled: "l100")?.id == generated.ids[100])
        #expect(plan.steps.count == 10_000)
        var position: [String: Int] = [:]
        for (index, step) in plan.steps.enumerated() { position[step.revisionID] = index }
        for revision in graph.revisions {
            for parent in revision.parents + (try graph.dependencies(of: revision.id).map(\.id)) {
                #expect(position[parent]! < position[revision.id]!)
            }
        }
        // The same files in any order give the same graph order.
        #expect(try RevisionGraph(revisions.reversed()).revisions.map(\.id) == graph.revisions.map(\.id))
        let downgrade = try graph.downgradePlan(to: "base", applied: plan.appliedAfter)
        #expect(downgrade.revisionIDs == plan.revisionIDs.reversed())
        #expect(try graph.upgradePlan(to: "\(generated.ids[5_000])+1", applied: []).steps.count > 5_000)
    }
}

/// Writes a large, deterministic revision history for the scale test.
enum LargeHistory {
    struct Summary {
        var ids: [String]
        var head: String
        var base: String
        var merges: Int
        var labels: Int
    }

    /// A fixed-seed generator, so the same ids come out on every run.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func write(count: Int, into directory: String) throws -> Summary {
        var generator = SplitMix64(state: 42)
        var ids: [String] = []
        var tip: String?
        var sideBranch: String?
        var merges = 0
        var labels = 0
        for index in 0..<count {
            let id = Revision.randomID(using: &generator)
            ids.append(id)
            var parents = tip.map { [$0] } ?? []
            var labelList: [String] = []
            var dependsOn: [String] = []
            var up = """
                CREATE TABLE table_\(index) (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX table_\(index)_name ON table_\(index) (name);

                """
            if index % 500 == 250 {
                sideBranch = id  // a sibling of the next revision: the tip does not move
            } else if index % 500 == 252, let side = sideBranch {
                parents = [tip!, side]
                up = ""
                merges += 1
                tip = id
            } else {
                tip = id
            }
            if index % 1_000 == 100 {
                labelList = ["l\(index)"]
                labels += 1
            }
            if index % 700 == 699 { dependsOn = [String(ids[index - 300].prefix(8))] }
            let template = RevisionTemplate(
                id: id,
                parents: parents,
                message: "Create table \(index)",
                created: RevisionTimestamp(secondsSince1970: 1_700_000_000 + Int64(index) * 60),
                branchLabels: labelList,
                dependsOn: dependsOn,
                upSQL: up,
                downSQL: parents.count > 1 ? "" : "DROP TABLE table_\(index);\n"
            )
            try template.write(into: directory)
        }
        return Summary(ids: ids, head: tip!, base: ids[0], merges: merges, labels: labels)
    }
}
