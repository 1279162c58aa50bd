import LibC
import MigrateTestSupport
import SystemProcess
import Testing

/// Seed 004's move, end to end: the phase-1 SQLite database (TEXT ids, JSON in TEXT, text timestamps in mixed
/// spellings) imported into this repository's phase-1 tables, then converted to phase 2 by `upgrade head`; every
/// row checked against the SQLite source.
@Suite struct SeedMoveTests {
    /// `migrations/` of this repository: this file is `Tests/MigrateCLITests/Import/SeedMoveTests.swift`.
    static let repositoryMigrations: String = {
        var path = #filePath
        for _ in 0..<4 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/migrations"
    }()

    static let agents: [[SQLiteFixture.Value]] = [
        // id, name, agent_type, status, capabilities, system_prompt, model_provider, model_name, created_at, updated_at
        [
            .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), .text("Chief"), .text("chief_of_staff"), .text("idle"),
            .text("[\"plan\", \"delegate\"]"), .text("You lead."), .text("openrouter"), .text("auto"),
            .text("2024-01-02 03:04:05"), .text("2024-01-02T03:04:05Z"),
        ],
        [
            .text("B1EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12"), .text("Operator \"Ø\""), .text("master_operator"),
            .text("busy"), .text("{\"tools\": {\"shell\": true}}"), .null, .text("anthropic"), .text("claude"),
            .text("2024-02-03T04:05:06.789+02:00"), .text("2024-02-03"),
        ],
        [
            .text("agent-7"), .text("Legacy"), .text("master_operator"), .null, .null, .text("multi\nline\tprompt"),
            .text("openrouter"), .text("auto"), .null, .text("2024-03-04 05:06"),
        ],
    ]

    static let tasks: [[SQLiteFixture.Value]] = [
        // id, title, description, status, priority, assigned_agent_id, created_at, updated_at
        [
            .text("c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13"), .text("Ship it"), .text("the whole thing"),
            .text("pending"), .text("high"), .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            .text("2024-05-06 07:08:09.5"), .null,
        ],
        [
            .text("task-2"), .text("Legacy task"), .null, .text("completed"), .text("low"), .text("agent-7"),
            .text("2024-05-06T07:08:09-0130"), .text("2024-05-06T07:08:09+01:30"),
        ],
        [
            .text("{d0eebc99-9c0b-4ef8-bb6d-6bb9bd380a14}"), .text("Unassigned"), .null, .text("in_progress"),
            .text("urgent"), .null, .null, .null,
        ],
    ]

    static func writePhase1(_ path: String) throws {
        try SQLiteFixture.create(
            path,
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, agent_type TEXT NOT NULL,
                status TEXT DEFAULT 'idle', capabilities TEXT, system_prompt TEXT,
                model_provider TEXT DEFAULT 'openrouter', model_name TEXT DEFAULT 'auto', created_at TEXT,
                updated_at TEXT);
            CREATE TABLE tasks (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT,
                status TEXT DEFAULT 'pending', priority TEXT DEFAULT 'medium', assigned_agent_id TEXT,
                created_at TEXT, updated_at TEXT, FOREIGN KEY (assigned_agent_id) REFERENCES agents (id));
            """
        )
        try SQLiteFixture.insert(
            path,
            into: "agents",
            columns: [
                "id", "name", "agent_type", "status", "capabilities", "system_prompt", "model_provider", "model_name",
                "created_at", "updated_at",
            ],
            rows: agents
        )
        try SQLiteFixture.insert(
            path,
            into: "tasks",
            columns: ["id", "title", "description", "status", "priority", "assigned_agent_id", "created_at", "updated_at"],
            rows: tasks
        )
    }

    /// The instant a phase-1 text names, computed by PostgreSQL from the text (no offset: UTC).
    static func instant(_ value: SQLiteFixture.Value) -> String {
        guard case .text(let text) = value else { return "NULL" }
        let literal = "'" + text.replacing("'", with: "''") + "'"
        return "(CASE WHEN \(literal) ~ '(Z|[+-]\\d\\d:?\\d\\d)$' THEN \(literal)::timestamptz "
            + "ELSE (\(literal) || '+00')::timestamptz END)"
    }

    @Test func phase1SQLiteToPhase2PostgreSQL() throws {
        try MigrateProject.with { project in
            let copy = try ChildProcess.run(
                "/bin/cp",
                ["-R", Self.repositoryMigrations + "/versions", project.directory.path + "/migrations/"]
            )
            #expect(copy.status == .exited(0), "\(copy.combinedOutput)")
            #expect(try project.migrate("upgrade", "3b8e5d20c1a4").status == .exited(0))

            let file = project.directory.path + "/phase1.db"
            try Self.writePhase1(file)
            let imported = try project.migrate("import", "sqlite://" + file, "--verify", "full")
            #expect(imported.status == .exited(0), "\(imported.combinedOutput)")
            #expect(try project.scalar("SELECT count(*) FROM agents") == "3")

            let upgraded = try project.migrate("upgrade", "head")
            #expect(upgraded.status == .exited(0), "\(upgraded.combinedOutput)")

            // Every phase-1 row is in phase 2, found by its id (kept when it spelled a UUID, else via id_map).
            for row in Self.agents {
                guard case .text(let oldID) = row[0] else { continue }
                let id = try #require(
                    try project.scalar(
                        """
                        SELECT coalesce((SELECT new_id FROM phase1_archive.id_map WHERE table_name = 'agents'
                                         AND old_id = '\(oldID)'), \(Self.uuidOrNull(oldID)))::text
                        """
                    )
                )
                let matches = try project.scalar(
                    """
                    SELECT count(*) FROM agents WHERE id = '\(id)'
                      AND name = \(Self.sql(row[1])) AND agent_type = \(Self.sql(row[2]))
                      AND status IS NOT DISTINCT FROM \(Self.sql(row[3]))
                      AND capabilities IS NOT DISTINCT FROM \(Self.sql(row[4]))::jsonb
                      AND system_prompt IS NOT DISTINCT FROM \(Self.sql(row[5]))
                      AND created_at IS NOT DISTINCT FROM \(Self.instant(row[8]))
                      AND updated_at IS NOT DISTINCT FROM \(Self.instant(row[9]))
                    """
                )
                #expect(matches == "1", "agent \(oldID)")
            }
            for row in Self.tasks {
                guard case .text(let oldID) = row[0] else { continue }
                let matches = try project.scalar(
                    """
                    SELECT count(*) FROM tasks t
                    WHERE t.id = coalesce((SELECT new_id FROM phase1_archive.id_map WHERE table_name = 'tasks'
                                           AND old_id = '\(oldID)'), \(Self.uuidOrNull(oldID)))
                      AND t.title = \(Self.sql(row[1])) AND t.status = \(Self.sql(row[3]))
                      AND t.priority = \(Self.sql(row[4]))
                      AND t.assigned_agent_id IS NOT DISTINCT FROM coalesce(
                          (SELECT new_id FROM phase1_archive.id_map WHERE table_name = 'agents'
                           AND old_id = \(Self.sql(row[5]))), \(Self.uuidOrNull(row[5])))
                      AND t.created_at IS NOT DISTINCT FROM \(Self.instant(row[6]))
                      AND t.updated_at IS NOT DISTINCT FROM \(Self.instant(row[7]))
                    """
                )
                #expect(matches == "1", "task \(oldID)")
            }
            #expect(try project.scalar("SELECT count(*) FROM tasks") == "3")
        }
    }

    /// The id as a uuid literal, or NULL for the ids that do not spell one (`agent-7`, `task-2`).
    private static func uuidOrNull(_ value: SQLiteFixture.Value) -> String {
        guard case .text(let text) = value else { return "NULL::uuid" }
        return uuidOrNull(text)
    }

    private static func uuidOrNull(_ text: String) -> String {
        text.contains("-") && text.count < 12 ? "NULL::uuid" : "'\(text)'::uuid"
    }

    private static func sql(_ value: SQLiteFixture.Value) -> String {
        guard case .text(let text) = value else { return "NULL" }
        return "'" + text.replacing("'", with: "''") + "'"
    }
}
