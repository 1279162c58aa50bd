import MigrateTestSupport
import SQLiteClient
import SystemProcess
import Testing

/// Seed 004's rollback, end to end: the phase-1 SQLite file imported and upgraded to phase 2, new rows written by
/// the phase-2 app, `migrate downgrade` to phase 1, then `migrate export --like` the phase-1 file: a SQLite file in
/// the phase-1 layout holding the old rows (in their original spellings) and the new ones.
@Suite struct SeedRollbackTests {
    static let phase1 = "3b8e5d20c1a4"
    static let newAgent = "d1eebc99-9c0b-4ef8-bb6d-6bb9bd380a15"

    @Test func phase2BackToAPhase1SQLiteFile() throws {
        try MigrateProject.with { project in
            let copy = try ChildProcess.run(
                "/bin/cp",
                ["-R", SeedMoveTests.repositoryMigrations + "/versions", project.directory.path + "/migrations/"]
            )
            #expect(copy.status == .exited(0), "\(copy.combinedOutput)")
            #expect(try project.migrate("upgrade", Self.phase1).status == .exited(0))
            let original = project.directory.path + "/phase1.db"
            try SeedMoveTests.writePhase1(original)
            let imported = try project.migrate("import", "sqlite://" + original, "--verify", "full")
            #expect(imported.status == .exited(0), "\(imported.combinedOutput)")
            let upgraded = try project.migrate("upgrade", "head")
            #expect(upgraded.status == .exited(0), "\(upgraded.combinedOutput)")

            // The phase-2 app at work: a new agent, tasks for it and for an old agent, an old agent changed,
            // and a workflow (a phase-2 table, which phase 1 does not have).
            let connection = try project.database.connect()
            defer { connection.close() }
            try connection.execute(
                """
                INSERT INTO agents (id, name, agent_type, status, capabilities, created_at, updated_at)
                VALUES ('\(Self.newAgent)', 'Newcomer ✨', 'master_operator', 'active', '["review"]',
                        '2025-01-02 03:04:05.678+00', '2025-01-02 03:04:05+00');
                INSERT INTO tasks (title, status, priority, assigned_agent_id, created_at)
                VALUES ('For the newcomer', 'pending', 'high', '\(Self.newAgent)', '2025-01-03 00:00:00+00'),
                       ('For the chief', 'in_progress', 'low', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL);
                UPDATE agents SET status = 'offline' WHERE name = 'Legacy';
                INSERT INTO workflows (name, definition) VALUES ('lost on rollback', '{}');
                """
            )
            let downgraded = try project.migrate("downgrade", Self.phase1)
            #expect(downgraded.status == .exited(0), "\(downgraded.combinedOutput)")

            let rollback = project.directory.path + "/rollback.db"
            let exported = try project.migrate("export", rollback, "--like", original, "--verify", "full")
            #expect(exported.status == .exited(0), "\(exported.combinedOutput)")

            let file = try SQLiteDatabase(path: rollback, mode: .readOnly)
            let source = try SQLiteDatabase(path: original, mode: .readOnly)
            // The phase-1 layout, as the phase-1 app created it.
            let schema = "SELECT type, name, sql FROM sqlite_schema ORDER BY name"
            #expect(try file.rows(schema) == source.rows(schema))
            #expect(try file.rows("PRAGMA journal_mode") == [["wal"]])

            // Every old row, in its original spellings (ids, timestamps, JSON text), but the one the app changed.
            let agentColumns =
                "id, name, agent_type, status, capabilities, system_prompt, model_provider, model_name, created_at, updated_at"
            for row in try source.rows("SELECT \(agentColumns) FROM agents") {
                var expected = row
                if row[1] == "Legacy" { expected[3] = "offline" }
                #expect(try file.rows("SELECT \(agentColumns) FROM agents WHERE id = ?", [row[0] ?? ""]) == [expected])
            }
            let taskColumns = "id, title, description, status, priority, assigned_agent_id, created_at, updated_at"
            for row in try source.rows("SELECT \(taskColumns) FROM tasks") {
                #expect(try file.rows("SELECT \(taskColumns) FROM tasks WHERE id = ?", [row[0] ?? ""]) == [row])
            }
            try #require(try source.rows("SELECT count(*) FROM agents") == [["3"]])

            // And the rows the phase-2 app wrote, in the phase-1 text forms.
            #expect(try file.rows("SELECT count(*) FROM agents") == [["4"]])
            #expect(
                try file.rows(
                    "SELECT name, status, capabilities, created_at, updated_at FROM agents WHERE id = ?",
                    [Self.newAgent]
                )
                    == [
                        [
                            "Newcomer ✨", "active", "[\"review\"]", "2025-01-02T03:04:05.678000+00:00",
                            "2025-01-02T03:04:05+00:00",
                        ]
                    ]
            )
            #expect(try file.rows("SELECT count(*) FROM tasks") == [["5"]])
            #expect(
                try file.rows(
                    "SELECT title, priority, created_at FROM tasks WHERE assigned_agent_id = ?",
                    [Self.newAgent]
                )
                    == [["For the newcomer", "high", "2025-01-03T00:00:00+00:00"]]
            )
            #expect(
                try file.rows(
                    "SELECT title FROM tasks WHERE assigned_agent_id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' ORDER BY title"
                ) == [["For the chief"], ["Ship it"]]
            )
            #expect(try file.rows("PRAGMA foreign_key_check") == [])
        }
    }
}
