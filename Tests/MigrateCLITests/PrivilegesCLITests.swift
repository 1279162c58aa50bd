import Foundation
import MigrateTestSupport
import Testing

/// Owners and privileges through the binary: `--privileges`, `[autogenerate] privileges`, and drift.
@Suite struct PrivilegesCLITests {
    static let base = GeneratedRevision(
        "p001",
        message: "base",
        up: "CREATE TABLE t (id int PRIMARY KEY);\n",
        down: "DROP TABLE t;\n"
    )

    @Test func diffComparesPrivilegesOnlyWhenAsked() throws {
        try MigrateProject.with { project in
            _ = try project.rows("CREATE TABLE t (id int PRIMARY KEY)")
            try project.directory.write(
                "desired.sql",
                "CREATE TABLE t (id int PRIMARY KEY);\nGRANT SELECT ON t TO PUBLIC;\n"
            )
            let url = project.database.connectionString

            let plain = try project.migrate("diff", url, "desired.sql")
            #expect(plain.status == .exited(0), "\(plain.combinedOutput)")
            #expect(plain.standardOutput.contains("-- no differences"))
            #expect(plain.standardError.contains("privileges (GRANT/REVOKE) are not compared; 1 object(s)"))
            #expect(plain.standardError.contains("--privileges"))

            let compared = try project.migrate("diff", url, "desired.sql", "--privileges", "--down")
            #expect(compared.status == .exited(0), "\(compared.combinedOutput)")
            #expect(
                compared.standardOutput
                    == "GRANT SELECT ON TABLE \"public\".\"t\" TO PUBLIC;\n\n-- down\n"
                    + "REVOKE SELECT ON TABLE \"public\".\"t\" FROM PUBLIC;\n\n"
            )
            #expect(!compared.standardError.contains("not compared"))
        }
    }

    @Test func configuredAutogenerateWritesGrantsAndDriftSeesThem() throws {
        try MigrateProject.with { project in
            try project.directory.write("migrate.toml", "[autogenerate]\nschema = \"schema.sql\"\nprivileges = true\n")
            try project.write([Self.base])
            try project.directory.write(
                "schema.sql",
                """
                CREATE TABLE t (id int PRIMARY KEY);
                REVOKE TRUNCATE ON t FROM CURRENT_USER;
                GRANT SELECT ON t TO PUBLIC;
                CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;
                REVOKE EXECUTE ON FUNCTION answer() FROM PUBLIC;

                """
            )
            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            let written = try project.migrate("revision", "--autogenerate", "-m", "grants", "--rev-id", "p002")
            #expect(written.status == .exited(0), "\(written.combinedOutput)")
            let path = written.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("REVOKE TRUNCATE ON TABLE \"public\".\"t\" FROM CURRENT_USER;"))
            #expect(text.contains("GRANT SELECT ON TABLE \"public\".\"t\" TO PUBLIC;"))
            #expect(text.contains("REVOKE EXECUTE ON FUNCTION \"public\".\"answer\"() FROM PUBLIC;"))
            #expect(text.contains("GRANT TRUNCATE ON TABLE \"public\".\"t\" TO CURRENT_USER;"))

            #expect(try project.migrate("upgrade", "head").status == .exited(0))
            let again = try project.migrate("revision", "--autogenerate", "-m", "nothing")
            #expect(again.status == .exited(0), "\(again.combinedOutput)")
            #expect(again.standardError.contains("no changes"))

            let clean = try project.migrate("check", "--drift")
            #expect(clean.status == .exited(0), "\(clean.combinedOutput)")
            #expect(clean.standardOutput.contains("drift: none"))
            _ = try project.rows("GRANT INSERT ON t TO PUBLIC")
            let drifted = try project.migrate("check", "--drift")
            #expect(drifted.status == .exited(7), "\(drifted.combinedOutput)")
            #expect(drifted.standardOutput.contains(#"REVOKE INSERT ON TABLE "public"."t" FROM PUBLIC"#))
        }
    }
}
