import Foundation
import MigrateTestSupport
import Testing

/// `migrate check` against a real database: table sizes from the catalog, formats, exit codes, drift.
@Suite struct CheckCommandTests {
    static let tables = GeneratedRevision(
        "c001",
        message: "tables",
        up:
            "CREATE TABLE big (id bigint PRIMARY KEY, name text);\nCREATE TABLE small (id bigint PRIMARY KEY, name text);\n",
        down: "DROP TABLE small;\nDROP TABLE big;\n"
    )

    static let indexes = GeneratedRevision(
        "c002",
        parents: ["c001"],
        message: "indexes",
        up: """
            CREATE INDEX big_name ON big (name);
            CREATE INDEX small_name ON small (name);
            CREATE TABLE fresh (id int);
            CREATE INDEX fresh_id ON fresh (id);

            """,
        down: "DROP TABLE fresh;\nDROP INDEX small_name;\nDROP INDEX big_name;\n"
    )

    /// Applies `tables`, fills `big` with 200 rows and `small` with 5, and sets the threshold to 100 rows.
    static func prepare(_ project: MigrateProject) throws {
        try project.directory.write("migrate.toml", "[lint]\nsmall_table_rows = 100\n")
        try project.write([tables])
        let upgrade = try project.migrate("upgrade")
        #expect(upgrade.status == .exited(0), "\(upgrade.combinedOutput)")
        _ = try project.rows(
            """
            INSERT INTO big SELECT g, 'n' || g FROM generate_series(1, 200) g;
            INSERT INTO small SELECT g, 'n' || g FROM generate_series(1, 5) g;
            ANALYZE big; ANALYZE small;
            """
        )
        try project.write([indexes])
    }

    @Test func pendingRevisionsAreLintedWithTableSizesFromTheCatalog() throws {
        try MigrateProject.with { project in
            try Self.prepare(project)
            let file = "migrations/versions/\(Self.indexes.fileName)"
            let check = try project.migrate("check")
            #expect(check.status == .exited(6), "\(check.combinedOutput)")
            let output = check.standardOutput
            #expect(output.contains("pending: 1 revision(s)\n  c002 indexes (\(file))"))
            #expect(
                output.contains("\(file):6:26: error [create-index-not-concurrently] CREATE INDEX on public.big blocks")
            )
            #expect(output.contains("\(file):7:28: warning [create-index-not-concurrently]"))
            #expect(output.contains("note: public.small has about 5 rows (under small_table_rows = 100)"))
            #expect(output.contains("\(file):9:26: info [create-index-not-concurrently]"))
            #expect(output.contains("note: public.fresh is created earlier in this batch, so nothing uses it yet"))
            #expect(output.contains("safe: CREATE INDEX CONCURRENTLY"))
            #expect(check.standardError.contains("error: 1 lint error(s) in the revisions checked"))
            // Nothing changed.
            #expect(try project.current() == ["c001"])
            #expect(try project.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'big_name'") == "0")

            // Offline, every table the batch does not create is big.
            let offline = try project.migrateWithoutURL("check", "--offline", "--range", "c001:head")
            #expect(offline.status == .exited(6), "\(offline.combinedOutput)")
            #expect(offline.standardOutput.contains("\(file):7:28: error [create-index-not-concurrently]"))
            #expect(offline.standardOutput.contains("pending: unknown (offline)"))
            // With --all, c001 creates both tables earlier in the batch.
            let all = try project.migrateWithoutURL("check", "--offline", "--all")
            #expect(all.status == .exited(0), "\(all.combinedOutput)")
            #expect(all.standardOutput.contains("0 error(s), 0 warning(s), 3 note(s)"))
        }
    }

    @Test func jsonAndGitHubFormats() throws {
        try MigrateProject.with { project in
            try Self.prepare(project)
            let file = "migrations/versions/\(Self.indexes.fileName)"
            let json = try project.migrate("check", "--format", "json")
            #expect(json.status == .exited(6), "\(json.combinedOutput)")
            let document = try JSONValue.parse(json.standardOutput)
            #expect(document["format_version"].int == 1)
            #expect(document["ok"].bool == false)
            #expect(document["exit_code"].int == 6)
            #expect(document["repository"]["heads"].strings == ["c002"])
            #expect(document["pending"][0]["revision"].string == "c002")
            let findings = document["lint"]["findings"].array
            #expect(findings.count == 3)
            #expect(findings.map { $0["severity"].string ?? "" } == ["error", "warning", "info"])
            #expect(findings.first?["file"].string == file)
            #expect(findings.first?["line"].int == 6)
            #expect(findings.first?["column"].int == 26)
            #expect(findings.first?["rule"].string == "create-index-not-concurrently")
            #expect(findings.first?["rewrite"].string?.hasPrefix("CREATE INDEX CONCURRENTLY") == true)
            #expect(findings[1]["note"].string?.contains("about 5 rows") == true)

            let github = try project.migrate("check", "--format", "github")
            #expect(github.status == .exited(6), "\(github.combinedOutput)")
            let lines = github.outputLines
            #expect(
                lines.contains {
                    $0.hasPrefix(
                        "::error file=\(file),line=6,col=26,title=migrate check%3A create-index-not-concurrently::"
                            + "CREATE INDEX on public.big blocks"
                    )
                },
                "\(lines)"
            )
            #expect(lines.contains { $0.hasPrefix("::warning file=\(file),line=7,col=28,") })
            #expect(lines.contains { $0.hasPrefix("::notice file=\(file),line=9,col=26,") })
            #expect(
                lines.contains { $0.hasPrefix("::notice title=migrate check%3A pending::1 revision(s) pending: c002") }
            )
        }
    }

    @Test func lintIgnoreConfigurationAndPendingExitCode() throws {
        try MigrateProject.with { project in
            try Self.prepare(project)
            var ignored = Self.indexes
            ignored.up =
                "CREATE INDEX big_name ON big (name); -- migrate:lint-ignore create-index-not-concurrently quiet hours\n"
            try project.write([ignored])
            let check = try project.migrate("check")
            #expect(check.status == .exited(0), "\(check.combinedOutput)")
            #expect(check.standardOutput.contains("silenced error [create-index-not-concurrently]"))
            #expect(check.standardOutput.contains("silenced: quiet hours"))
            #expect(check.standardOutput.contains("0 error(s), 0 warning(s), 0 note(s), 1 silenced"))

            // On a line of its own, above the statement.
            ignored.up = "-- migrate:lint-ignore create-index-not-concurrently quiet hours\nCREATE INDEX big_name ON big (name);\n"
            try project.write([ignored])
            let ownLine = try project.migrate("check")
            #expect(ownLine.status == .exited(0), "\(ownLine.combinedOutput)")
            #expect(ownLine.standardOutput.contains("1 silenced"))

            let pending = try project.migrate("check", "--fail-on-pending")
            #expect(pending.status == .exited(3), "\(pending.combinedOutput)")
            #expect(pending.standardError.contains("1 revision(s) pending"))

            // A rule turned into a warning in migrate.toml.
            try project.write([Self.indexes])
            try project.directory.write(
                "migrate.toml",
                "[lint]\nsmall_table_rows = 100\ncreate-index-not-concurrently = \"warning\"\n"
            )
            let configured = try project.migrate("check")
            #expect(configured.status == .exited(0), "\(configured.combinedOutput)")
            #expect(configured.standardOutput.contains(":6:26: warning [create-index-not-concurrently]"))

            try project.directory.write("migrate.toml", "[lint]\ncreate-index-not-concurently = \"off\"\n")
            let typo = try project.migrate("check")
            #expect(typo.status == .exited(2), "\(typo.combinedOutput)")
            #expect(typo.standardError.contains("did you mean `create-index-not-concurrently`?"))
            try project.directory.write("migrate.toml", "[lint]\ntruncate = \"of\"\n")
            let badValue = try project.migrate("check")
            #expect(badValue.status == .exited(2), "\(badValue.combinedOutput)")
            #expect(badValue.standardError.contains("did you mean `off`?"))
        }
    }

    @Test func driftAfterAManualAlterTableAndNoneAfterUpgrade() throws {
        try MigrateProject.with { project in
            try project.write([Self.tables])
            #expect(try project.migrate("upgrade").status == .exited(0))
            let clean = try project.migrate("check", "--drift")
            #expect(clean.status == .exited(0), "\(clean.combinedOutput)")
            #expect(clean.standardOutput.contains("drift: none"))

            _ = try project.rows("ALTER TABLE big ADD COLUMN extra integer")
            let drifted = try project.migrate("check", "--drift")
            #expect(drifted.status == .exited(7), "\(drifted.combinedOutput)")
            #expect(drifted.standardOutput.contains("drift: 1 statement(s) bring the live schema back"))
            #expect(drifted.standardOutput.contains("-- DESTRUCTIVE: drops column public.big.extra"))
            #expect(drifted.standardOutput.contains(#"ALTER TABLE "public"."big" DROP COLUMN "extra""#))
            let json = try JSONValue.parse(try project.migrate("check", "--drift", "--format", "json").standardOutput)
            #expect(json["drift"].array.count == 1)
            #expect(json["drift"][0]["sql"].string == #"ALTER TABLE "public"."big" DROP COLUMN "extra""#)
            // The check itself changed nothing: the column is still there.
            #expect(
                try project.scalar("SELECT count(*) FROM information_schema.columns WHERE column_name = 'extra'") == "1"
            )
        }
    }

    @Test func repositoryProblemsComeFirst() throws {
        try MigrateProject.with { project in
            try project.write([
                Self.tables,
                GeneratedRevision("c002", parents: ["c001"]),
                GeneratedRevision("c003", parents: ["c001"], down: "DROP TABLE;\n"),
            ])
            let check = try project.migrateWithoutURL("check", "--offline")
            #expect(check.status == .exited(2), "\(check.combinedOutput)")
            #expect(check.standardOutput.contains("2 heads (c002, c003)"))
            #expect(check.standardOutput.contains("_revision_c003.sql:9:"))
            #expect(check.standardOutput.contains("the down section does not parse"))
        }
    }

    @Test func twoHeadsPassWhenTheConfigurationAllowsThem() throws {
        try MigrateProject.with { project in
            try project.write([
                Self.tables,
                GeneratedRevision("c002", parents: ["c001"]),
                GeneratedRevision("c003", parents: ["c001"]),
            ])
            let refused = try project.migrateWithoutURL("check", "--offline")
            #expect(refused.status == .exited(2), "\(refused.combinedOutput)")
            #expect(refused.standardOutput.contains("2 heads (c002, c003)"))
            try project.directory.write("migrate.toml", "[lint]\nmax_heads = 2\n")
            let allowed = try project.migrateWithoutURL("check", "--offline")
            #expect(allowed.status == .exited(0), "\(allowed.combinedOutput)")
            try project.directory.write("migrate.toml", "[lint]\nmax_heads = 0\n")
            let zero = try project.migrateWithoutURL("check", "--offline")
            #expect(zero.status == .exited(2))
            #expect(zero.standardError.contains("must be 1 or more"))
        }
    }
}
