import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

@testable import MigrateKit

/// An atomic batch sends many revisions in one message: packing, tracing a failure back to its revision, and
/// what each revision is told and recorded.
@Suite struct PackedMessageTests {
    static func batch(
        _ text: String,
        leading: [RunnerStatement] = [RunnerStatement(role: .timeoutsAndClock, sql: "SELECT 0")]
    ) throws -> StatementBatch {
        let section = try PreparedSection(text: text, origin: "x.sql", firstLine: 1)
        return StatementBatch(leading: leading, section: section, statements: 0..<section.statements.count)
    }

    /// The started, finished and notice events reported so far, one line each.
    static func progress(_ fixture: RunnerFixture) -> [String] {
        fixture.events.compactMap { event in
            switch event {
            case .started(let revision, _, _): "started \(revision)"
            case .finished(let revision, _, _): "finished \(revision)"
            case .notice(let notice, let revision, _): "\(revision): \(notice.message)"
            default: nil
            }
        }
    }

    static func failure(completed: Int, position: Int?) -> ScriptFailure {
        var error = PostgresError(code: .server, message: "boom")
        error.position = position
        return ScriptFailure(error: error, completedStatements: completed)
    }

    @Test func batchesArePackedUpToTheStatementLimit() throws {
        let three = try Self.batch("SELECT 1;\nSELECT 2;")
        let many = try Self.batch(
            Array(repeating: "SELECT 1", count: StatementBatch.maximumStatements - 4).joined(separator: ";")
        )
        let messages = PackedMessage.messages([(0, three), (1, three), (2, many), (3, three)], separately: false)
        // 3 + 3 + 997 statements would be over 1,000: the long one starts a message, and the next fills it.
        #expect(messages.map { $0.parts.map(\.step) } == [[0, 1], [2, 3]])
        #expect(messages.map(\.statementCount) == [6, 1000])
        #expect(messages[0].text == three.text + three.text)
        #expect(PackedMessage.messages([(0, three), (1, three)], separately: true).count == 2)
        // A step's last batch ends it.
        let split = PackedMessage.messages([(0, three), (0, three), (1, three)], separately: false)
        #expect(split[0].parts.map(\.endsStep) == [false, true, true])
    }

    /// The failure, as the batch alone would have seen it: statements and characters counted from its start.
    @Test func aFailureIsTracedToItsBatch() throws {
        // "SELECT 0;\nSELECT 'é';\n" is 22 characters (23 bytes); the second batch's statements then take
        // characters 0-9, 10-19 and 20-29 of its own.
        let first = try Self.batch("SELECT 'é';")
        let second = try Self.batch("SELECT 2;\nSELECT 3;")
        let message = try #require(PackedMessage.messages([(0, first), (1, second)], separately: false).first)
        #expect(message.parts.map(\.characterOffset) == [0, 22])

        // The count decides: the third statement of the second batch failed, at its first character.
        let (part, local) = message.locate(Self.failure(completed: 4, position: 22 + 21))
        #expect(part.step == 1)
        #expect(local.completedStatements == 2)
        #expect(local.error.position == 21)
        #expect(part.batch.failedPart(local) == .section(1))
        #expect(part.batch.positionInStatement(local.error, index: 1) == 1)
        // Refused while being read (nothing ran): the position says which batch.
        let (refused, refusal) = message.locate(Self.failure(completed: 0, position: 22 + 12))
        #expect(refused.step == 1)
        #expect(refused.batch.failedPart(refusal) == .section(0))
        #expect(message.locate(Self.failure(completed: 0, position: 12)).part.step == 0)
        #expect(message.locate(Self.failure(completed: 0, position: nil)).part.step == 0)
    }

    /// Each revision of a packed batch gets its own notices, its own time (the server's clock at its first
    /// statement), and its own started and finished events, in order.
    @Test func eachRevisionOfAPackedBatchKeepsItsNoticesTimesAndEvents() throws {
        let slow = GeneratedRevision(
            "p001",
            up:
                "CREATE TABLE t_p001 (id integer);\nDO $$ BEGIN RAISE NOTICE 'hello from p001'; END $$;\nSELECT pg_sleep(0.3);"
        )
        // Its notice comes from its first statement, right after p001's last.
        let quick = GeneratedRevision(
            "p002",
            parents: ["p001"],
            up: "DO $$ BEGIN RAISE NOTICE 'hello from p002'; END $$;\nCREATE TABLE t_p002 (id integer);"
        )
        let side = GeneratedRevision("p002b", parents: ["p001"])
        // No statements of its own: only the runner's.
        let merge = GeneratedRevision.merge("p003", parents: ["p002", "p002b"])
        try RunnerFixture.with([slow, quick, side, merge]) { fixture in
            fixture.clearEvents()
            try fixture.migrator { $0.transactionMode = .all }.upgrade(to: .head)
            let events = Self.progress(fixture)
            #expect(
                events == [
                    "started p001", "p001: hello from p001", "finished p001", "started p002", "p002: hello from p002",
                    "finished p002", "started p002b", "finished p002b", "started p003", "finished p003",
                ]
            )
            let times = try fixture.rows(
                """
                SELECT m.revision, m.execution_ms >= 300 AND m.execution_ms < 5000, l.duration_ms = m.execution_ms,
                       abs(1000 * extract(epoch FROM lead(l.started_at) OVER (ORDER BY l.id) - l.started_at)
                           - m.execution_ms) < 1
                FROM schema_migrations m JOIN schema_migrations_log l USING (revision)
                ORDER BY l.id
                """
            )
            // Each revision started when the one before it ended, by the server's clock.
            #expect(
                times == [
                    ["p001", "t", "t", "t"], ["p002", "f", "t", "t"], ["p002b", "f", "t", "t"],
                    ["p003", "f", "t", nil],
                ]
            )
        }
    }

    /// Two revisions in one message, each with a notice from its middle statement: each notice names its own
    /// revision, file and line. libpq reads a statement's notices ahead, with the previous statement's result;
    /// labelled by the result they came with, these would name the statement before.
    @Test(arguments: [false, true])
    func aNoticeNamesTheStatementThatRaisedIt(atomic: Bool) throws {
        let first = GeneratedRevision("q001")
        let second = GeneratedRevision(
            "q002",
            parents: ["q001"],
            up:
                "CREATE TABLE t_q002 (id integer);\nDROP TABLE IF EXISTS q002_missing;\nCREATE TABLE t_q002b (id integer);"
        )
        let third = GeneratedRevision(
            "q003",
            parents: ["q002"],
            up: "CREATE TABLE t_q003 (id integer);\nDO $$ BEGIN RAISE NOTICE 'hello from q003'; END $$;\n"
                + "CREATE TABLE t_q003b (id integer);"
        )
        try RunnerFixture.with([first, second, third]) { fixture in
            fixture.clearEvents()
            // A transaction per revision: messages of 1, then 2 revisions (q002 and q003 share one).
            try fixture.migrator {
                $0.quickMessageSeconds = .infinity
                if atomic { $0.transactionMode = .all }
            }.upgrade(to: .head)
            let notices = fixture.noticeLines
            #expect(
                notices == [
                    "\(fixture.path(of: second)):7:1 [q002] table \"q002_missing\" does not exist, skipping",
                    "\(fixture.path(of: third)):7:1 [q003] hello from q003",
                ]
            )
        }
    }

    /// One transaction per revision, quick revisions several to a message: a failure in the middle of a message
    /// leaves the revisions before it committed, and each revision's row has its own time, not its message's.
    @Test func revisionsSentSeveralToAMessageCommitOneByOne() throws {
        var revisions = GeneratedRevision.chain(9, prefix: "m")
        // Messages of 1, 2, 4... revisions while they are quick (here, however long they take): m004-m007
        // share one. m004 is slow; it and m005 keep the time their transactions began.
        revisions[3].up = "CREATE TABLE t_m004 AS SELECT transaction_timestamp() AS began;\nSELECT pg_sleep(0.3);\n"
        revisions[4].up = "CREATE TABLE t_m005 AS SELECT transaction_timestamp() AS began;\n"
        revisions[5].up += "DO $$ BEGIN RAISE NOTICE 'hello from m006'; END $$;\nSELECT 1 / 0;\n"
        try RunnerFixture.with(revisions) { fixture in
            let migrator = try fixture.migrator { $0.quickMessageSeconds = .infinity }
            let error = try #require(throws: MigrateError.self) { try migrator.upgrade(to: .head) }
            #expect(error.location == SourceLocation(file: fixture.path(of: revisions[5]), line: 8, column: 1))
            #expect(error.message.contains("revision m006"))
            #expect(error.message.contains("revisions before it stay applied"))
            let applied = ["m001", "m002", "m003", "m004", "m005"]
            #expect(try fixture.tables() == Set(applied.map(GeneratedRevision.tableName)))
            #expect(try fixture.versionRows() == applied.map { "\($0) applied 0" })
            #expect(try fixture.logEvents() == applied.map { "upgrade \($0) succeeded" } + ["upgrade m006 failed"])
            let events = Self.progress(fixture)
            #expect(
                events == applied.flatMap { ["started \($0)", "finished \($0)"] } + [
                    "started m006", "m006: hello from m006",
                ]
            )
            // m005 ran in m004's message (their transactions began when it came), after m004, and its row has
            // only its own time.
            #expect(try fixture.rows("SELECT (SELECT began FROM t_m004) = (SELECT began FROM t_m005)") == [["t"]])
            let times = try fixture.rows(
                """
                SELECT revision, execution_ms >= 300, execution_ms < 250 FROM schema_migrations
                WHERE revision IN ('m004', 'm005') ORDER BY revision
                """
            )
            #expect(times == [["m004", "t", "f"], ["m005", "f", "t"]])
        }
    }

    /// A revision's `RESET ALL` clears the kept start of its transaction too: its time then counts from the
    /// start of the transaction, and its recording still works.
    @Test func aRevisionThatResetsAllSettingsIsStillRecorded() throws {
        var revisions = GeneratedRevision.chain(3, prefix: "r")
        revisions[1].up += "RESET ALL;\n"
        try RunnerFixture.with(revisions) { fixture in
            let applied = try fixture.migrator { $0.quickMessageSeconds = .infinity }.upgrade(to: .head)
            #expect(applied == ["r001", "r002", "r003"])
            #expect(
                try fixture.rows("SELECT count(*) FROM schema_migrations WHERE execution_ms >= 0") == [["3"]]
            )
        }
    }
}
