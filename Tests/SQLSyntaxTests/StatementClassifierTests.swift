import SQLSyntax
import Testing

@Suite("Classifying statements for transactions")
struct StatementClassifierTests {
    private func restriction(_ sql: String) throws -> String? {
        StatementClassifier.transactionRestriction(of: try tree(sql))
    }

    /// The tree of `sql` cut at ``StatementClassifier/treeDepth(ofKind:)``, as the engine parses revisions, after
    /// checking that it classifies exactly as the whole tree does.
    private func tree(_ sql: String) throws -> SyntaxNode {
        let whole = try SQLParser.parseStatement(sql)
        let cut = try #require(
            try SQLScript(sql).parsedStatements(treeDepth: StatementClassifier.treeDepth(ofKind:)).first
        )
        #expect(StatementClassifier.classify(cut.tree) == StatementClassifier.classify(whole), "\(sql)")
        return cut.tree
    }

    /// Statements PostgreSQL 15 refuses inside a transaction block, with the reason given (checked against a
    /// PostgreSQL 15 server, which names the same commands).
    @Test(
        "statements that cannot run inside a transaction block",
        arguments: [
            ("CREATE INDEX CONCURRENTLY i ON t (a)", "CREATE INDEX CONCURRENTLY"),
            ("create unique index concurrently if not exists i on t (a)", "CREATE INDEX CONCURRENTLY"),
            ("DROP INDEX CONCURRENTLY i", "DROP INDEX CONCURRENTLY"),
            ("DROP INDEX CONCURRENTLY IF EXISTS public.i CASCADE", "DROP INDEX CONCURRENTLY"),
            ("REINDEX INDEX CONCURRENTLY i", "REINDEX CONCURRENTLY"),
            ("REINDEX (CONCURRENTLY) TABLE t", "REINDEX CONCURRENTLY"),
            ("REINDEX (VERBOSE, CONCURRENTLY true) TABLE t", "REINDEX CONCURRENTLY"),
            ("REINDEX TABLE CONCURRENTLY t", "REINDEX CONCURRENTLY"),
            ("REINDEX SCHEMA public", "REINDEX SCHEMA"),
            ("REINDEX DATABASE app", "REINDEX DATABASE"),
            ("REINDEX SYSTEM app", "REINDEX SYSTEM"),
            ("VACUUM", "VACUUM"),
            ("VACUUM FULL t", "VACUUM"),
            ("VACUUM ANALYZE t", "VACUUM"),
            ("VACUUM (ANALYZE, VERBOSE) t (a)", "VACUUM"),
            ("CREATE DATABASE app", "CREATE DATABASE"),
            ("DROP DATABASE IF EXISTS app", "DROP DATABASE"),
            ("ALTER DATABASE app SET TABLESPACE fast", "ALTER DATABASE ... SET TABLESPACE"),
            ("ALTER SYSTEM SET work_mem = '64MB'", "ALTER SYSTEM"),
            ("ALTER SYSTEM RESET ALL", "ALTER SYSTEM"),
            ("CREATE TABLESPACE fast LOCATION '/ssd'", "CREATE TABLESPACE"),
            ("DROP TABLESPACE fast", "DROP TABLESPACE"),
            ("CLUSTER", "CLUSTER without a table name"),
            ("CLUSTER VERBOSE", "CLUSTER without a table name"),
            ("DISCARD ALL", "DISCARD ALL"),
            ("ALTER TABLE t DETACH PARTITION p CONCURRENTLY", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"),
            (
                "ALTER TABLE IF EXISTS public.t DETACH PARTITION public.p CONCURRENTLY",
                "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"
            ),
            (
                "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p",
                "CREATE SUBSCRIPTION when it creates a replication slot (create_slot defaults to true)"
            ),
            (
                "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = true)",
                "CREATE SUBSCRIPTION when it creates a replication slot (create_slot defaults to true)"
            ),
            (
                "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot, enabled = false)",
                "CREATE SUBSCRIPTION when it creates a replication slot (create_slot defaults to true)"
            ),
            (
                "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = on, create_slot = 1)",
                "CREATE SUBSCRIPTION when it creates a replication slot (create_slot defaults to true)"
            ),
            (
                "DROP SUBSCRIPTION s",
                "DROP SUBSCRIPTION when the subscription has a replication slot (unless its slot_name was set to NONE)"
            ),
            ("ALTER SUBSCRIPTION s REFRESH PUBLICATION", "ALTER SUBSCRIPTION ... REFRESH PUBLICATION"),
            (
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION WITH (copy_data = false)",
                "ALTER SUBSCRIPTION ... REFRESH PUBLICATION"
            ),
            (
                "ALTER SUBSCRIPTION s SET PUBLICATION p",
                "ALTER SUBSCRIPTION ... PUBLICATION with refresh (refresh defaults to true)"
            ),
            (
                "ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = TRUE, copy_data = false)",
                "ALTER SUBSCRIPTION ... PUBLICATION with refresh (refresh defaults to true)"
            ),
            (
                "ALTER SUBSCRIPTION s DROP PUBLICATION p",
                "ALTER SUBSCRIPTION ... PUBLICATION with refresh (refresh defaults to true)"
            ),
            ("COMMIT PREPARED 'tx1'", "COMMIT PREPARED"),
            ("ROLLBACK PREPARED 'tx1'", "ROLLBACK PREPARED"),
        ]
    )
    func restricted(sql: String, command: String) throws {
        #expect(try restriction(sql) == "\(command) cannot run inside a transaction block")
    }

    /// Close relatives of the statements above that do run inside a transaction block.
    @Test(
        "statements that can run inside a transaction block",
        arguments: [
            "CREATE INDEX i ON t (a)",
            "CREATE UNIQUE INDEX IF NOT EXISTS i ON t USING gin (a)",
            "DROP INDEX i",
            "DROP TABLE t",
            "REINDEX INDEX i",
            "REINDEX TABLE t",
            "REINDEX (CONCURRENTLY false) TABLE t",
            "REINDEX (CONCURRENTLY off) INDEX i",
            "ANALYZE",
            "ANALYZE VERBOSE t",
            "ANALYZE (VERBOSE) t (a)",
            "ALTER DATABASE app SET work_mem = '64MB'",
            "ALTER DATABASE app CONNECTION LIMIT 10",
            "ALTER DATABASE app RENAME TO app2",
            "ALTER TABLESPACE fast SET (random_page_cost = 1)",
            "CLUSTER t",
            "CLUSTER t USING i",
            "DISCARD PLANS",
            "DISCARD TEMP",
            "ALTER TABLE t DETACH PARTITION p",
            "ALTER TABLE t DETACH PARTITION p FINALIZE",
            "ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1)",
            "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = false)",
            "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = 'off')",
            "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = 0)",
            "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = false)",
            "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)",
            "ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = FALSE)",
            "ALTER SUBSCRIPTION s DISABLE",
            "ALTER SUBSCRIPTION s SET (slot_name = NONE)",
            "ALTER SUBSCRIPTION s CONNECTION 'host=b'",
            "ALTER TYPE mood ADD VALUE 'meh'",
            "CREATE TABLE t (a int)",
            "SELECT 1",
            "BEGIN",
            "COMMIT",
            "PREPARE TRANSACTION 'tx1'",
            "SET LOCAL lock_timeout = '1s'",
            "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ VACUUM $$",
        ]
    )
    func unrestricted(sql: String) throws {
        #expect(try restriction(sql) == nil)
    }

    @Test(
        "transaction-control statements",
        arguments: [
            ("BEGIN", TransactionControl.begin),
            ("BEGIN ISOLATION LEVEL SERIALIZABLE", .begin),
            ("START TRANSACTION READ WRITE", .startTransaction),
            ("COMMIT", .commit),
            ("END", .commit),
            ("COMMIT AND CHAIN", .commit),
            ("ROLLBACK", .rollback),
            ("ABORT", .rollback),
            ("SAVEPOINT before_backfill", .savepoint),
            ("RELEASE SAVEPOINT before_backfill", .releaseSavepoint),
            ("RELEASE before_backfill", .releaseSavepoint),
            ("ROLLBACK TO SAVEPOINT before_backfill", .rollbackToSavepoint),
            ("ROLLBACK TO before_backfill", .rollbackToSavepoint),
            ("PREPARE TRANSACTION 'tx1'", .prepareTransaction),
        ]
    )
    func transactionControl(sql: String, expected: TransactionControl) throws {
        let classification = StatementClassifier.classify(try tree(sql))
        #expect(classification.transactionControl == expected)
        #expect(classification.transactionRestriction == nil)
        #expect(expected.reason == "\(expected.command) controls the transaction, which migrate manages itself")
    }

    @Test(
        "statements that are not transaction control",
        arguments: [
            "COMMIT PREPARED 'tx1'", "ROLLBACK PREPARED 'tx1'", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "PREPARE q AS SELECT 1", "SELECT 'BEGIN'", "CREATE TABLE savepoint (a int)",
            "DO $$ BEGIN COMMIT; END $$",
        ]
    )
    func notTransactionControl(sql: String) throws {
        #expect(StatementClassifier.transactionControl(of: try tree(sql)) == nil)
    }

    @Test("ALTER TYPE ... ADD VALUE gets a caveat; renaming a value does not")
    func enumValues() throws {
        let caveat =
            "ALTER TYPE ... ADD VALUE is allowed in a transaction since PostgreSQL 12, "
            + "but the new value cannot be used until the transaction commits"
        for sql in [
            "ALTER TYPE mood ADD VALUE 'meh'", "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok'",
        ] {
            let classification = StatementClassifier.classify(try tree(sql))
            #expect(classification.transactionCaveat == caveat)
            #expect(classification.transactionRestriction == nil)
            #expect(classification.transactionControl == nil)
        }
        for sql in ["ALTER TYPE mood RENAME VALUE 'meh' TO 'fine'", "ALTER TYPE mood RENAME TO feeling"] {
            #expect(StatementClassifier.transactionCaveat(of: try tree(sql)) == nil)
        }
    }

    @Test("statements that drop the session's prepared statements")
    func droppingPreparedStatements() throws {
        for sql in ["DEALLOCATE ALL", "DEALLOCATE PREPARE some_plan", "DEALLOCATE some_plan", "DISCARD ALL"] {
            #expect(StatementClassifier.classify(try tree(sql)).dropsPreparedStatements, "\(sql)")
        }
        for sql in ["DISCARD PLANS", "DISCARD TEMP", "PREPARE p AS SELECT 1", "EXECUTE p", "CREATE TABLE t (a int)"] {
            #expect(!StatementClassifier.classify(try tree(sql)).dropsPreparedStatements, "\(sql)")
        }
    }

    @Test("a parsed statement's classification, and plain statements")
    func parsedStatementClassification() throws {
        let statements = try SQLScript("CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;")
            .parsedStatements()
        #expect(statements.map(\.classification.isPlain) == [true, false, false])
        #expect(statements[1].classification.transactionRestriction != nil)
        #expect(statements[1].statement.line == 2)
        #expect(statements[2].classification.transactionControl == .commit)
    }
}
