import Foundation
import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Shadow databases and the schema loader. Serialized: some tests look at which shadow databases exist.
@Suite(.serialized) struct ShadowDatabaseTests {
    func databaseExists(_ name: String) throws -> Bool {
        let connection = try PostgresConnection(try TestServer.adminConnectionString())
        defer { connection.close() }
        return try connection.query("SELECT count(*) FROM pg_database WHERE datname = $1", [name]).scalar == "1"
    }

    @Test func isCreatedAppliedAndDropped() throws {
        let shadow = try ShadowDatabase(server: try TestServer.adminConnectionString())
        #expect(shadow.name.hasPrefix("migrate_shadow_"))
        #expect(try databaseExists(shadow.name))
        #expect(ShadowDatabase.liveNames.contains(shadow.name))
        try shadow.apply(sql: "CREATE TABLE t (id int);", file: "schema.sql")
        let connection = try shadow.connect()
        #expect(try connection.query("SELECT count(*) FROM pg_class WHERE relname = 't'").scalar == "1")
        shadow.drop()
        connection.close()
        #expect(!(try databaseExists(shadow.name)))
        #expect(!ShadowDatabase.liveNames.contains(shadow.name))
        shadow.drop()
    }

    @Test func isDroppedWhenTheWorkFails() throws {
        var name = ""
        #expect(throws: MigrateError.self) {
            try ShadowDatabase.with(server: try TestServer.adminConnectionString()) { shadow in
                name = shadow.name
                try shadow.apply(
                    sql: "CREATE TABLE t (id int);\nCREATE TABLE u (id nosuchtype);\n",
                    file: "desired.sql"
                )
            }
        }
        #expect(!name.isEmpty)
        #expect(!(try databaseExists(name)))
    }

    @Test func aFailingStatementIsReportedWithFileLineAndColumn() throws {
        _ = try ShadowDatabase.with(server: try TestServer.adminConnectionString()) { shadow in
            #expect {
                try shadow.apply(
                    sql: "CREATE TABLE t (id int);\n\nCREATE TABLE u (\n    id nosuchtype\n);\n",
                    file: "desired.sql"
                )
            } throws: { error in
                guard let error = error as? MigrateError else { return false }
                return error.code == .schemaSource
                    && error.location == SourceLocation(file: "desired.sql", line: 4, column: 8)
                    && error.message.contains("type \"nosuchtype\" does not exist")
            }
        }
    }

    @Test func dropAllLiveRemovesEveryShadowDatabase() throws {
        let server = try TestServer.adminConnectionString()
        let first = try ShadowDatabase(server: server)
        let second = try ShadowDatabase(server: server)
        // Another thread keeps a session open, as an interrupted command would.
        let busy = try second.connect()
        let dropped = ShadowDatabase.dropAllLive()
        #expect(Set(dropped).isSuperset(of: [first.name, second.name]))
        #expect(!(try databaseExists(first.name)))
        #expect(!(try databaseExists(second.name)))
        #expect(ShadowDatabase.liveNames.isEmpty)
        busy.close()
    }

    @Test func sqlFilesOfADirectoryComeInPathOrder() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("schema/20_tables.sql", "")
            try directory.write("schema/10_types.sql", "")
            try directory.write("schema/30_more/01_views.sql", "")
            try directory.write("schema/README.md", "")
            let files = try ShadowDatabase.sqlFiles(at: directory.path + "/schema")
            #expect(
                files.map { String($0.dropFirst(directory.path.count + 8)) } == [
                    "10_types.sql", "20_tables.sql", "30_more/01_views.sql",
                ]
            )
            #expect(try ShadowDatabase.sqlFiles(at: directory.path + "/schema/10_types.sql").count == 1)
            #expect(throws: MigrateError.self) { try ShadowDatabase.sqlFiles(at: directory.path + "/missing") }
        }
    }

    // MARK: - Schema loader

    @Test func loadsDeclarativeSQLThroughAShadowDatabase() throws {
        try TemporaryDirectory.with { directory in
            try directory.write("schema/01_types.sql", "CREATE TYPE mood AS ENUM ('sad', 'happy');\n")
            try directory.write("schema/02_tables.sql", "CREATE TABLE t (id int PRIMARY KEY, m mood);\n")
            let loader = SchemaLoader(shadowServer: try TestServer.adminConnectionString())
            let snapshot = try loader.snapshot(of: .sqlFiles(directory.path + "/schema"))
            #expect(snapshot.tables[ObjectName("public", "t")]?.column("m")?.type == "public.mood")
            #expect(ShadowDatabase.liveNames.isEmpty)
        }
    }

    @Test func aShadowDatabaseNeedsAServer() throws {
        #expect {
            try SchemaLoader(shadowServer: nil).snapshot(of: .sqlFiles("/nonexistent.sql"))
        } throws: { error in
            (error as? MigrateError)?.code == .schemaSource || (error as? MigrateError)?.code == .usage
        }
        try TemporaryDirectory.with { directory in
            try directory.write("schema.sql", "CREATE TABLE t (id int);")
            #expect {
                try SchemaLoader(shadowServer: nil).snapshot(of: .sqlFiles(directory.path + "/schema.sql"))
            } throws: { error in
                (error as? MigrateError)?.code == .usage && "\(error)".contains("needs a PostgreSQL server")
            }
        }
    }

    struct RecordingReplayer: MigrationReplayer {
        let statements: [String: String]
        func replay(upTo revision: String, into connectionString: String) throws {
            let connection = try PostgresConnection(connectionString)
            defer { connection.close() }
            try connection.execute(statements[revision] ?? "")
        }
    }

    @Test func loadsARevisionReplayedIntoAShadowDatabase() throws {
        let replayer = RecordingReplayer(statements: [
            "abc": "CREATE TABLE schema_migrations (r text); CREATE TABLE t (id int);"
        ])
        let loader = SchemaLoader(shadowServer: try TestServer.adminConnectionString())
        let snapshot = try loader.snapshot(of: .migrations(revision: "abc", replayer: replayer))
        #expect(snapshot.tables.keys.map(\.name) == ["t"])
        #expect(ShadowDatabase.liveNames.isEmpty)
    }

    /// The whole round trip a user makes: a database built by hand from a schema file compares equal to
    /// the file; an empty one gets a plan that, applied, compares equal too, although PostgreSQL prints
    /// some of the re-created CHECK constraints differently from the file's.
    @Test func aPlanFromSQLFilesConvergesThroughTheShadowDatabase() throws {
        try TemporaryDirectory.with { directory in
            let schema = try DiffHarness.read("51_phase2_from_empty/b.sql")
            try directory.write("schema.sql", schema)
            let loader = SchemaLoader(shadowServer: try TestServer.adminConnectionString())
            try TestDatabase.with { byHand in
                try DiffHarness.build(schema, in: byHand)
                let plan = try loader.plan(
                    from: .database(byHand.connectionString),
                    to: .sqlFiles(directory.path + "/schema.sql")
                )
                #expect(plan.isEmpty, "\(plan.upSQL)")
            }
            try TestDatabase.with { empty in
                let plan = try loader.plan(
                    from: .database(empty.connectionString),
                    to: .sqlFiles(directory.path + "/schema.sql")
                )
                #expect(plan.up.count > 40)
                try DiffHarness.apply(plan.up, nonTransactional: false, to: empty)
                let again = try loader.plan(
                    from: .database(empty.connectionString),
                    to: .sqlFiles(directory.path + "/schema.sql")
                )
                #expect(again.isEmpty, "\(again.upSQL)")
                let withoutServerHelp = try SchemaDiff.plan(
                    from: try DiffHarness.snapshot(empty),
                    to: try loader.snapshot(of: .sqlFiles(directory.path + "/schema.sql"))
                )
                #expect(!withoutServerHelp.isEmpty, "the printed CHECK constraints differ as text")
            }
            #expect(ShadowDatabase.liveNames.isEmpty)
        }
    }

    @Test func desiredSQLWithUnsupportedObjectsIsAnError() throws {
        try TemporaryDirectory.with { directory in
            try directory.write(
                "schema.sql",
                "CREATE TABLE t (a int);\nCREATE PUBLICATION everything FOR TABLE t;\n"
            )
            let loader = SchemaLoader(shadowServer: try TestServer.adminConnectionString())
            #expect {
                try loader.snapshot(of: .sqlFiles(directory.path + "/schema.sql"))
            } throws: { error in
                (error as? MigrateError)?.code == .usage && "\(error)".contains("publication everything")
            }
            #expect(ShadowDatabase.liveNames.isEmpty)
        }
    }
}
