import MigrateKit
import Testing

/// Every lint rule on a revision that fires it, its safe rewrite, and a small or new table that downgrades it.
@Suite struct LinterTests {
    /// One rule's three revisions (up sections).
    struct RuleCase: CustomStringConvertible, Sendable {
        var rule: LintRule
        var bad: String
        var good: String
        /// On a small table (under `small_table_rows`), or on one created earlier in the batch.
        var downgraded: String
        /// Whether `good` runs post-deploy (where dropping and renaming is expected).
        var goodIsPostDeploy = false

        var description: String { rule.rawValue }
    }

    static let cases: [RuleCase] = [
        RuleCase(
            rule: .createIndexNotConcurrently,
            bad: "CREATE INDEX accounts_name ON accounts (name);",
            good: "CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);",
            downgraded: "CREATE INDEX tiny_name ON tiny (name);"
        ),
        RuleCase(
            rule: .dropIndexNotConcurrently,
            bad: "DROP INDEX accounts_email;",
            good: "DROP INDEX CONCURRENTLY accounts_email;",
            downgraded: "DROP INDEX tiny_email;"
        ),
        RuleCase(
            rule: .reindexNotConcurrently,
            bad: "REINDEX TABLE accounts;",
            good: "REINDEX (CONCURRENTLY) TABLE accounts;",
            downgraded: "REINDEX INDEX tiny_email;"
        ),
        RuleCase(
            rule: .refreshNotConcurrently,
            bad: "REFRESH MATERIALIZED VIEW totals;",
            good: "REFRESH MATERIALIZED VIEW CONCURRENTLY totals;",
            downgraded: """
                CREATE MATERIALIZED VIEW fresh_totals AS SELECT 1 AS id;
                CREATE UNIQUE INDEX fresh_totals_id ON fresh_totals (id);
                REFRESH MATERIALIZED VIEW fresh_totals;
                """
        ),
        RuleCase(
            rule: .constraintNotValid,
            bad: "ALTER TABLE accounts ADD CONSTRAINT accounts_owner FOREIGN KEY (owner_id) REFERENCES users (id);",
            good: """
                ALTER TABLE accounts ADD CONSTRAINT accounts_owner FOREIGN KEY (owner_id) REFERENCES users (id) NOT VALID;
                """,
            downgraded: "ALTER TABLE tiny ADD CONSTRAINT tiny_positive CHECK (amount > 0);"
        ),
        RuleCase(
            rule: .setNotNull,
            bad: "ALTER TABLE accounts ALTER COLUMN name SET NOT NULL;",
            good: """
                ALTER TABLE accounts ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL) NOT VALID;
                ALTER TABLE accounts VALIDATE CONSTRAINT name_not_null;
                ALTER TABLE accounts ALTER COLUMN name SET NOT NULL;
                """,
            downgraded: "ALTER TABLE tiny ALTER COLUMN name SET NOT NULL;"
        ),
        RuleCase(
            rule: .addColumnNotNullWithoutDefault,
            bad: "ALTER TABLE accounts ADD COLUMN region text NOT NULL;",
            good: "ALTER TABLE accounts ADD COLUMN region text NOT NULL DEFAULT 'eu';",
            downgraded: "ALTER TABLE tiny ADD COLUMN region text NOT NULL;"
        ),
        RuleCase(
            rule: .addColumnVolatileDefault,
            bad: "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();",
            good: "ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now();",
            downgraded: "ALTER TABLE tiny ADD COLUMN token uuid DEFAULT gen_random_uuid();"
        ),
        RuleCase(
            rule: .alterColumnTypeRewrite,
            bad: "ALTER TABLE accounts ALTER COLUMN amount TYPE numeric(12,4);",
            good: """
                ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100);
                ALTER TABLE accounts ALTER COLUMN note TYPE varchar;
                ALTER TABLE accounts ALTER COLUMN amount TYPE numeric(14,2);
                """,
            downgraded: "ALTER TABLE tiny ALTER COLUMN amount TYPE bigint;"
        ),
        RuleCase(
            rule: .addUniqueWithoutIndex,
            bad: "ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE (name);",
            good: "ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE USING INDEX accounts_name_idx;",
            downgraded: "ALTER TABLE tiny ADD PRIMARY KEY (id);"
        ),
        RuleCase(
            rule: .vacuumFull,
            bad: "VACUUM FULL accounts;",
            good: "VACUUM accounts;",
            downgraded: "VACUUM FULL tiny;"
        ),
        RuleCase(
            rule: .cluster,
            bad: "CLUSTER accounts USING accounts_email;",
            good: "ANALYZE accounts;",
            downgraded: "CLUSTER tiny USING tiny_email;"
        ),
        RuleCase(
            rule: .lockTable,
            bad: "LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;",
            good: "SELECT id FROM accounts WHERE id = 1 FOR UPDATE;",
            downgraded: "LOCK TABLE tiny;"
        ),
        RuleCase(
            rule: .truncate,
            bad: "TRUNCATE accounts;",
            good: "DELETE FROM accounts WHERE id < 1000;",
            downgraded: "TRUNCATE tiny;"
        ),
        RuleCase(
            rule: .updateWithoutWhere,
            bad: "UPDATE accounts SET note = '';",
            good: "UPDATE accounts SET note = '' WHERE id BETWEEN 1 AND 1000;",
            downgraded: "UPDATE tiny SET note = '';"
        ),
        RuleCase(
            rule: .deleteWithoutWhere,
            bad: "DELETE FROM accounts;",
            good: "DELETE FROM accounts WHERE id BETWEEN 1 AND 1000;",
            downgraded: "DELETE FROM tiny;"
        ),
        RuleCase(
            rule: .unboundedTimeout,
            bad: "SET lock_timeout = 0;\nALTER TABLE accounts ALTER COLUMN amount TYPE bigint;",
            good: "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN amount TYPE bigint;",
            downgraded: "SET lock_timeout = 0;\nALTER TABLE tiny ALTER COLUMN amount TYPE bigint;"
        ),
        RuleCase(
            rule: .dropColumn,
            bad: "ALTER TABLE accounts DROP COLUMN note;",
            good: "ALTER TABLE accounts DROP COLUMN note;",
            downgraded: "CREATE TABLE fresh (id int, note text);\nALTER TABLE fresh DROP COLUMN note;",
            goodIsPostDeploy: true
        ),
        RuleCase(
            rule: .dropTable,
            bad: "DROP TABLE accounts;",
            good: "DROP TABLE accounts;",
            downgraded: "CREATE TABLE fresh (id int);\nDROP TABLE fresh;",
            goodIsPostDeploy: true
        ),
        RuleCase(
            rule: .renameColumn,
            bad: "ALTER TABLE accounts RENAME COLUMN note TO remark;",
            good: "ALTER TABLE accounts ADD COLUMN remark text;",
            downgraded: "CREATE TABLE fresh (id int, note text);\nALTER TABLE fresh RENAME COLUMN note TO remark;"
        ),
        RuleCase(
            rule: .renameTable,
            bad: "ALTER TABLE accounts RENAME TO ledgers;",
            good: "ALTER TABLE accounts RENAME TO ledgers;",
            downgraded: "CREATE TABLE fresh (id int);\nALTER TABLE fresh RENAME TO fresher;",
            goodIsPostDeploy: true
        ),
        RuleCase(
            rule: .narrowColumnType,
            bad: "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(20);",
            good: "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(200);",
            downgraded:
                "CREATE TABLE fresh (id int, name varchar(50));\nALTER TABLE fresh ALTER COLUMN name TYPE varchar(20);"
        ),
        RuleCase(
            rule: .dropEnumValue,
            bad: "ALTER TYPE mood RENAME TO mood_old;\nCREATE TYPE mood AS ENUM ('happy', 'sad');",
            good: "ALTER TYPE mood ADD VALUE 'ecstatic';",
            downgraded: """
                CREATE TYPE fresh_mood AS ENUM ('a', 'b');
                ALTER TYPE fresh_mood RENAME TO fresh_mood_old;
                CREATE TYPE fresh_mood AS ENUM ('a');
                """
        ),
    ]

    /// A database with two big tables' worth of facts and small ones, as `LintCatalog.read` would give them.
    static var catalog: LintCatalog {
        var catalog = LintCatalog()
        catalog.isLive = true
        catalog.rows = [
            "public.accounts": 1_000_000, "public.users": 50_000, "public.totals": 200_000, "public.tiny": 40,
        ]
        catalog.indexTables = ["public.accounts_email": "public.accounts", "public.tiny_email": "public.tiny"]
        catalog.uniquelyIndexedViews = ["public.totals"]
        for table in ["accounts", "tiny"] {
            catalog.columnTypes["public.\(table).name"] = "character varying(50)"
            catalog.columnTypes["public.\(table).amount"] = "numeric(10,2)"
            catalog.columnTypes["public.\(table).note"] = "text"
        }
        catalog.enumLabels = ["public.mood": ["happy", "sad", "meh"]]
        return catalog
    }

    static func lint(_ up: String, catalog: LintCatalog = catalog, postDeploy: Bool = false) throws -> Linter.Report {
        let revision = try RevisionFixtures.revision("a1", up: up + "\n")
        return Linter(settings: LintSettings(), catalog: catalog).lint([revision], isPostDeploy: { _ in postDeploy })
    }

    @Test func everyRuleHasACase() {
        #expect(!Self.cases.isEmpty)
        #expect(Set(Self.cases.map(\.rule)) == Set(LintRule.allCases))
    }

    @Test(arguments: cases) func badFiresAtTheStatement(_ rule: RuleCase) throws {
        let report = try Self.lint(rule.bad)
        #expect(report.problems.isEmpty)
        let findings = report.findings.filter { $0.rule == rule.rule }
        #expect(findings.count == 1, "\(report.findings)")
        let finding = try #require(findings.first)
        #expect(finding.severity == rule.rule.defaultSeverity)
        #expect(finding.note == nil)
        #expect(!finding.reason.isEmpty && !finding.rewrite.isEmpty)
        // The up section starts on line 6 of the fixture's file.
        #expect(finding.line >= 6)
        #expect(finding.column >= 1)
    }

    @Test(arguments: cases) func safeRewriteDoesNotFire(_ rule: RuleCase) throws {
        let report = try Self.lint(rule.good, postDeploy: rule.goodIsPostDeploy)
        #expect(report.problems.isEmpty)
        let findings = report.findings.filter { $0.rule == rule.rule && $0.severity > .info }
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test(arguments: cases) func smallOrNewTableIsDowngradedAndSaysSo(_ rule: RuleCase) throws {
        let report = try Self.lint(rule.downgraded)
        #expect(report.problems.isEmpty)
        let findings = report.findings.filter { $0.rule == rule.rule }
        #expect(findings.allSatisfy { $0.severity < rule.rule.defaultSeverity || $0.severity == .info })
        if rule.rule == .unboundedTimeout {
            // Nothing long-locking to run without a bound.
            #expect(findings.isEmpty)
        } else {
            let finding = try #require(findings.first, "\(report.findings)")
            #expect(finding.note?.isEmpty == false)
        }
    }

    @Test func offlineEveryExistingTableIsBig() throws {
        let report = try Self.lint("CREATE INDEX tiny_name ON tiny (name);", catalog: .offline)
        #expect(report.findings.map(\.severity) == [.error])
        let typeChange = try Self.lint("ALTER TABLE tiny ALTER COLUMN name TYPE varchar(100);", catalog: .offline)
        #expect(typeChange.findings.map(\.rule) == [.alterColumnTypeRewrite])
        #expect(typeChange.findings.first?.reason.contains("lint cannot see") == true)
    }

    @Test func smallTableNoteNamesTheThreshold() throws {
        let finding = try #require(try Self.lint("CREATE INDEX tiny_name ON tiny (name);").findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.note == "public.tiny has about 40 rows (under small_table_rows = 10000)")
    }

    @Test func positionIsTheFileLineAndColumnOfTheNode() throws {
        let report = try Self.lint("SELECT 1;\n  CREATE INDEX accounts_name ON accounts (name);")
        let finding = try #require(report.findings.first)
        // Header of 3 lines, a blank line, `-- migrate:up` on line 5: the section starts on line 6.
        #expect(finding.line == 7)
        #expect(finding.column == 33)
    }

    @Test func lintIgnoreSilencesButStillLists() throws {
        let report = try Self.lint(
            "CREATE INDEX accounts_name ON accounts (name); -- migrate:lint-ignore create-index-not-concurrently built at night"
        )
        let finding = try #require(report.findings.first)
        #expect(finding.silencedBecause == "built at night")
        #expect(!finding.isFailing)
    }

    @Test func lintIgnoreNeedsAReasonAndAKnownRule() throws {
        let noReason = try Self.lint(
            "CREATE INDEX accounts_name ON accounts (name); -- migrate:lint-ignore create-index-not-concurrently"
        )
        #expect(noReason.problems.first?.message.contains("gives no reason") == true)
        let unknown = try Self.lint("SELECT 1; -- migrate:lint-ignore create-index-not-concurently because")
        #expect(unknown.problems.first?.message.contains("did you mean `create-index-not-concurrently`?") == true)
    }

    @Test func configuredSeverityAndOffRules() throws {
        var settings = LintSettings()
        settings.severities[.createIndexNotConcurrently] = .some(.warning)
        settings.severities[.truncate] = .some(nil)
        let revision = try RevisionFixtures.revision(
            "a1",
            up: "CREATE INDEX i ON accounts (name);\nTRUNCATE accounts;\n"
        )
        let report = Linter(settings: settings, catalog: Self.catalog).lint([revision])
        #expect(report.findings.map(\.rule) == [.createIndexNotConcurrently])
        #expect(report.findings.map(\.severity) == [.warning])
    }

    @Test func tablesCreatedInAnEarlierRevisionOfTheBatchCount() throws {
        let first = try RevisionFixtures.revision("a1", up: "CREATE TABLE events (id bigint, kind text);\n")
        let second = try RevisionFixtures.revision("a2", "a1", up: "CREATE INDEX events_kind ON events (kind);\n")
        let report = Linter(settings: LintSettings(), catalog: .offline).lint([first, second])
        #expect(report.findings.map(\.severity) == [.info])
        #expect(report.findings.first?.note == "public.events is created earlier in this batch, so nothing uses it yet")
    }

    @Test func syntaxErrorsAreProblemsWithTheFileLine() throws {
        let report = try Self.lint("SELECT 1;\nCREATE TABLE (;")
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.location?.line == 7)
    }
}
