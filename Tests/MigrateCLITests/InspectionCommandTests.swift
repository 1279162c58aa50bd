import MigrateTestSupport
import Testing

/// `current`, `status`, `history`, `heads`, `branches` and `show`: their text and JSON, and their exit codes.
@Suite struct InspectionCommandTests {
    /// r001 → r002 → r003, which branches into r004 and s001 (labelled `side`) → s002; m001 merges r004 and s002.
    static let history: [GeneratedRevision] = {
        var revisions = GeneratedRevision.chain(4, prefix: "r")
        var side = GeneratedRevision.chain(2, prefix: "s", after: "r003")
        side[0].branchLabels = ["side"]
        return revisions + side + [GeneratedRevision.merge("m001", parents: ["r004", "s002"])]
    }()

    @Test func currentAndStatusBeforeAndAfterUpgrade() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            #expect(try project.migrate("upgrade", "r003").status == .exited(0))

            let current = try project.migrate("current")
            #expect(current.status == .exited(0))
            #expect(current.outputLines == ["r003 Revision r003"])
            #expect(current.standardError.contains("using database \"\(project.database.name)\""))

            let json = try JSONValue.parse(try project.migrate("current", "--json").standardOutput)
            #expect(json["current"].strings == ["r003"])
            #expect(json["heads"].strings == ["m001"])
            #expect(Set(json["pending"].strings) == ["r004", "s001", "s002", "m001"])
            #expect(json["pending"].strings.last == "m001")
            #expect(json["upToDate"].bool == false)

            let check = try project.migrate("current", "--check-heads")
            #expect(check.status == .exited(3), "\(check.combinedOutput)")
            #expect(check.standardError.contains("4 revision(s) pending"))

            let status = try project.migrate("status")
            #expect(status.status == .exited(0))
            let lines = status.outputLines
            #expect(lines.first == "applied (3):")
            #expect(lines.contains("pending (4):"))
            #expect(lines.contains { $0.hasPrefix("  r002  ") && $0.hasSuffix("  Revision r002") })
            #expect(
                lines.contains { $0.hasPrefix("  s001  Revision s001  (") && $0.hasSuffix("s001_revision_s001.sql)") }
            )
            let statusExit = try project.migrate("status", "--exit-code")
            #expect(statusExit.status == .exited(3), "\(statusExit.combinedOutput)")

            let statusJSON = try JSONValue.parse(try project.migrate("status", "--json").standardOutput)
            #expect(statusJSON["applied"].array.map { $0["revision"].string } == ["r001", "r002", "r003"])
            #expect(statusJSON["applied"].array.allSatisfy { $0["status"].string == "applied" })
            #expect(statusJSON["applied"][1]["parents"].strings == ["r001"])
            #expect(statusJSON["pending"].array.count == 4)
            #expect(statusJSON["current"].strings == ["r003"])
            #expect(statusJSON["problems"].array.isEmpty)
            #expect(statusJSON["upToDate"].bool == false)

            #expect(try project.migrate("upgrade", "heads").status == .exited(0))
            let atHead = try project.migrate("current", "--check-heads")
            #expect(atHead.status == .exited(0), "\(atHead.combinedOutput)")
            #expect(atHead.outputLines == ["m001 (head) Merge r004 and s002"])
            #expect(try project.migrate("status", "--exit-code").status == .exited(0))
            #expect(
                try JSONValue.parse(try project.migrate("status", "--json").standardOutput)["upToDate"].bool == true
            )
        }
    }

    @Test func historyHeadsBranchesAndShow() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)

            let history = try project.migrateWithoutURL("history")
            #expect(history.status == .exited(0), "\(history.combinedOutput)")
            #expect(history.outputLines.first == "r004, s002 -> m001 (head) (mergepoint), Merge r004 and s002")
            #expect(history.outputLines.contains("r003 -> s001 (side), Revision s001"))
            #expect(history.outputLines.contains("r002 -> r003 (branchpoint), Revision r003"))
            #expect(history.outputLines.last == "<base> -> r001, Revision r001")
            #expect(history.outputLines.count == 7)
            // Every revision comes before its parents.
            let order = history.outputLines.map {
                $0.split(separator: " -> ")[1].split(separator: " ")[0].trimmingSuffix(",")
            }
            for revision in Self.history {
                for parent in revision.parents {
                    #expect(order.firstIndex(of: revision.id)! < order.firstIndex(of: parent)!)
                }
            }

            let range = try project.migrateWithoutURL("history", "-r", "r002:r004")
            #expect(range.status == .exited(0))
            #expect(
                range.outputLines == [
                    "r003 -> r004, Revision r004", "r002 -> r003 (branchpoint), Revision r003",
                    "r001 -> r002, Revision r002",
                ]
            )

            let verbose = try project.migrateWithoutURL("history", "-r", "s001:s001", "--verbose")
            #expect(verbose.status == .exited(0))
            #expect(verbose.standardOutput.contains("Rev: s001\nParent: r003\nBranch labels: side\n"))
            #expect(verbose.standardOutput.contains("Transactional: true\n"))
            #expect(
                verbose.standardOutput.contains(
                    "Path: \(project.directory.absolute("migrations/versions/s001_revision_s001.sql"))"
                )
            )
            #expect(!verbose.standardOutput.contains("Rev: s002"))

            let historyJSON = try JSONValue.parse(try project.migrateWithoutURL("history", "--json").standardOutput)
            #expect(historyJSON.array.count == 7)
            #expect(historyJSON[0]["revision"].string == "m001")
            #expect(historyJSON[0]["parents"].strings == ["r004", "s002"])
            #expect(historyJSON.array.first { $0["revision"].string == "s001" }?["branchLabels"].strings == ["side"])

            let heads = try project.migrateWithoutURL("heads")
            #expect(heads.outputLines == ["m001 (head) Merge r004 and s002"])
            let headsJSON = try JSONValue.parse(try project.migrateWithoutURL("heads", "--json").standardOutput)
            #expect(headsJSON.array.map { $0["revision"].string } == ["m001"])
            #expect(headsJSON[0]["transactional"].bool == true)

            let branches = try project.migrateWithoutURL("branches")
            #expect(branches.status == .exited(0))
            #expect(
                branches.outputLines == [
                    "r003 (branchpoint) Revision r003", "  -> r004 Revision r004", "  -> s001 Revision s001",
                ]
            )

            let show = try project.migrateWithoutURL("show", "side")
            #expect(show.status == .exited(0), "\(show.combinedOutput)")
            #expect(show.standardOutput.hasPrefix("Rev: s001\nParent: r003\nBranch labels: side\nChildren: s002\n"))
            #expect(
                show.standardOutput.contains(
                    "Path: \(project.directory.absolute("migrations/versions/s001_revision_s001.sql"))"
                )
            )
            #expect(show.standardOutput.contains("CREATE TABLE t_s001 (id integer PRIMARY KEY);"))
            #expect(show.standardOutput.contains("DROP TABLE t_s001;"))
            let unknown = try project.migrateWithoutURL("show", "zzz")
            #expect(unknown.status == .exited(2))
        }
    }

    @Test func showAndValidateAcceptJSON() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            let show = try project.migrateWithoutURL("show", "side", "--json")
            #expect(show.status == .exited(0), "\(show.combinedOutput)")
            let json = try JSONValue.parse(show.standardOutput)
            #expect(json["revision"].string == "s001")
            #expect(json["parents"].strings == ["r003"])
            #expect(json["branchLabels"].strings == ["side"])
            #expect(json["children"].strings == ["s002"])
            #expect(json["transactional"].bool == true)
            #expect(json["file"].string == project.directory.absolute("migrations/versions/s001_revision_s001.sql"))
            #expect(json["checksum"].string?.count == 64)
            #expect(json["up"]["sql"].string?.contains("CREATE TABLE t_s001 (id integer PRIMARY KEY);") == true)
            #expect(json["up"]["firstLine"].int != nil)
            #expect(json["down"]["sql"].string?.contains("DROP TABLE t_s001;") == true)

            #expect(try project.migrate("upgrade", "r002").status == .exited(0))
            let clean = try project.migrate("validate", "--json")
            #expect(clean.status == .exited(0), "\(clean.combinedOutput)")
            let cleanJSON = try JSONValue.parse(clean.standardOutput)
            #expect(cleanJSON["ok"].bool == true)
            #expect(cleanJSON["applied"].int == 2)
            #expect(cleanJSON["problems"].array.isEmpty)

            var edited = Self.history[1]
            edited.up += "-- edited\n"
            try project.write([edited])
            let changed = try project.migrate("validate", "--json")
            #expect(changed.status == .exited(4), "\(changed.combinedOutput)")
            let changedJSON = try JSONValue.parse(changed.standardOutput)
            #expect(changedJSON["ok"].bool == false)
            #expect(changedJSON["problems"].strings.count == 1)
            #expect(changedJSON["problems"].strings.first?.hasPrefix("changed: ") == true)
        }
    }

    @Test func executionMillisecondsHaveAtMostThreeDecimals() throws {
        try MigrateProject.with { project in
            try project.write(Array(Self.history.prefix(2)))
            #expect(try project.migrate("upgrade", "r002").status == .exited(0))
            _ = try project.rows("UPDATE schema_migrations SET execution_ms = 3.14159265358979 WHERE revision = 'r001'")
            let status = try project.migrate("status", "--json")
            #expect(status.status == .exited(0), "\(status.combinedOutput)")
            let values = status.outputLines.filter { $0.contains("\"executionMs\"") }
            #expect(values.count == 2)
            #expect(values.contains { $0.hasSuffix(": 3.142,") })
            for line in values {
                let number = String(line.split(separator: ":").last!.filter { $0 != " " && $0 != "," })
                let decimals = number.split(separator: ".").dropFirst().first?.count ?? 0
                #expect(decimals <= 3 && !number.contains("e"), "\(line)")
            }
        }
    }

    @Test func historyMarksWhereTheDatabaseIs() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            #expect(try project.migrate("upgrade", "r002").status == .exited(0))
            let history = try project.migrate("history", "-i")
            #expect(history.status == .exited(0), "\(history.combinedOutput)")
            #expect(
                history.outputLines.filter { $0.contains("(current)") } == ["r001 -> r002 (current), Revision r002"]
            )
        }
    }

    @Test func headsOfABranchedHistory() throws {
        try MigrateProject.with { project in
            try project.write(Array(Self.history.dropLast()))
            let heads = try project.migrateWithoutURL("heads")
            #expect(heads.outputLines == ["r004 (head) Revision r004", "s002 (head) Revision s002"])
            #expect(heads.standardError.contains("2 heads"))
            let json = try JSONValue.parse(try project.migrateWithoutURL("heads", "--json").standardOutput)
            #expect(json.array.map { $0["revision"].string } == ["r004", "s002"])
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
    }
}
