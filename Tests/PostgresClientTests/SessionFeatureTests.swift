import Foundation
import LibC
import MigrateTestSupport
import PostgresClient
import Testing

@Suite("Transactions, COPY, cancel, advisory locks")
struct SessionFeatureTests {
    @Test func transactionsAndSavepoints() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE t (x int)")
            try connection.begin()
            #expect(connection.transactionState == .inTransaction)
            try connection.execute("INSERT INTO t VALUES (1)")
            try connection.savepoint("before two")
            try connection.execute("INSERT INTO t VALUES (2)")
            try connection.rollbackToSavepoint("before two")
            try connection.releaseSavepoint("before two")
            try connection.commit()
            #expect(try connection.execute("SELECT string_agg(x::text, ',') FROM t").scalar == "1")

            #expect(throws: PostgresError.self) {
                try connection.withTransaction { try connection.execute("INSERT INTO t VALUES (3); SELECT 1/0") }
            }
            #expect(connection.transactionState == .idle)
            #expect(try connection.execute("SELECT count(*) FROM t").scalar == "1")
        }
    }

    @Test func copyStreamsRows() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE t (id int, label text)")
            let rows = try connection.copyIn("COPY t (id, label) FROM STDIN") { writer in
                for id in 1...1000 { try writer.write("\(id)\tlabel \(id)\n") }
                try writer.write("1001\t\\N\n")
            }
            #expect(rows == 1001)
            #expect(try connection.execute("SELECT count(*), count(label) FROM t").rows.first?["count"] == "1001")
        }
    }

    @Test func copyAbortedByTheProducerLoadsNothing() throws {
        struct Stop: Error {}
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE t (id int)")
            #expect(throws: Stop.self) {
                try connection.copyIn("COPY t FROM STDIN") { writer in
                    try writer.write("1\n2\n")
                    throw Stop()
                }
            }
            #expect(try connection.execute("SELECT count(*) FROM t").scalar == "0")
        }
    }

    @Test func badCopyDataReportsTheServerError() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE t (id int)")
            let error = try #require(throws: PostgresError.self) {
                try connection.copyIn("COPY t FROM STDIN") { writer in try writer.write("not a number\n") }
            }
            #expect(error.sqlState == "22P02")
        }
    }

    @Test func cancelStopsARunningStatementFromAnotherThread() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let handle = try #require(connection.cancelHandle())
            // A real thread, not a task: database tests block the cooperative pool. It cancels every 300 ms
            // until the statement has ended (a cancel that arrives before the statement starts is ignored).
            let statementEnded = DispatchSemaphore(value: 0)
            let cancellerDone = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                while statementEnded.wait(timeout: .now() + .milliseconds(300)) == .timedOut {
                    handle.cancel()
                }
                cancellerDone.signal()
            }
            let error = #expect(throws: PostgresError.self) { try connection.execute("SELECT pg_sleep(20)") }
            statementEnded.signal()
            cancellerDone.wait()
            // query_canceled: the sleep was cut short (it would end without an error).
            #expect(error?.sqlState == "57014")
            #expect(try connection.execute("SELECT 1").scalar == "1")
        }
    }

    @Test func advisoryLockIsExclusiveAcrossSessions() throws {
        try TestDatabase.with { database in
            let first = try database.connect()
            let second = try database.connect()
            let key: Int64 = 0x6d69_6772_6174_65
            #expect(try first.tryAdvisoryLock(key))
            #expect(try !second.tryAdvisoryLock(key))
            #expect(try first.advisoryUnlock(key))
            #expect(try second.tryAdvisoryLock(key))
            #expect(try !first.tryAdvisoryLock(key))
            second.close()
            // A session's locks end with the session; the server process exits asynchronously, so poll.
            var acquired = false
            for _ in 0..<50 where !acquired {
                acquired = try first.tryAdvisoryLock(key)
                if !acquired { usleep(100_000) }
            }
            #expect(acquired)
        }
    }
}
