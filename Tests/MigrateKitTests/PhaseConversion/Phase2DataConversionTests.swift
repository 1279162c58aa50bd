import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Data: phase-1 rows survive the conversion to phase 2, correctly converted, and come back exactly
/// on a downgrade.
@Suite struct Phase2DataConversionTests {
    /// A row as text, by column name; NULL columns are absent.
    struct Record {
        var fields: [String: String]
        subscript(_ column: String) -> String? { fields[column] }
    }

    static func records(_ result: QueryResult) -> [Record] {
        result.rows.map { row in
            Record(
                fields: Dictionary(
                    uniqueKeysWithValues: result.columns.enumerated().compactMap { index, name in
                        row[index].map { (name, $0) }
                    }
                )
            )
        }
    }

    /// Every row of a table as PostgreSQL's text of the row, sorted: equal dumps mean equal tables.
    static func dump(_ table: String, _ connection: PostgresConnection) throws -> [String] {
        try connection.execute(
            "SELECT t::text AS row FROM public.\(SQLQuoting.identifier(table)) AS t ORDER BY t::text COLLATE \"C\""
        ).rows.map { $0.string("row") }
    }

    static let phase1Agents = """
        SELECT id, name, agent_type, status, capabilities, system_prompt, model_provider, model_name, created_at,
               updated_at
          FROM agents
        """
    static let phase1Tasks =
        "SELECT id, title, description, status, priority, assigned_agent_id, created_at, updated_at FROM tasks"

    /// Phase-2 columns as text; timestamps as their UTC wall-clock time with microseconds.
    static let phase2Agents = """
        SELECT id::text, name::text, agent_type::text, status::text, capabilities::text, system_prompt,
               model_provider::text, model_name::text, performance_metrics::text, last_heartbeat::text,
               to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS created_at,
               to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS updated_at
          FROM agents
        """
    static let phase2Tasks = """
        SELECT id::text, title::text, description, status::text, priority::text, assigned_agent_id::text,
               workflow_id::text, step_order::text, context_data::text, result_data::text, started_at::text,
               completed_at::text, deadline::text,
               to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS created_at,
               to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS updated_at
          FROM tasks
        """

    @Test func messyPhase1DataIsConvertedAndRestoredExactly() throws {
        let graph = try RepositoryMigrations.graph()
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            try RepositoryMigrations.upgrade(database, to: RepositoryMigrations.phase1, graph: graph)
            try connection.execute(RepositoryMigrations.fixture("phase1_messy_data.sql"))

            let agentsBefore = try Self.dump("agents", connection)
            let tasksBefore = try Self.dump("tasks", connection)
            let catalogBefore = try CatalogListing.lines(connection)
            let oldAgents = Self.records(try connection.execute(Self.phase1Agents))
            let oldTasks = Self.records(try connection.execute(Self.phase1Tasks))
            #expect(oldAgents.count == 229 && oldTasks.count == 323, "the fixture's header promises these counts")

            // The conversion must not depend on the session: odd TimeZone and DateStyle on the migrating session.
            let migrating = try database.connect()
            defer { migrating.close() }
            try migrating.execute("SET TimeZone = 'Pacific/Chatham'; SET DateStyle = 'SQL, DMY'")
            let migrator = RepositoryMigrations.migrator(on: migrating, graph: graph)
            #expect(try migrator.upgrade(to: .head) == Array(RepositoryMigrations.chain.dropFirst()))

            let newAgents = Self.records(try connection.execute(Self.phase2Agents))
            let newTasks = Self.records(try connection.execute(Self.phase2Tasks))
            let agentIDs = try Self.checkAgents(old: oldAgents, new: newAgents, connection)
            Self.checkTasks(old: oldTasks, new: newTasks, agentIDs: agentIDs)
            for expected in Phase2Seed.tables {
                let actual = try CatalogListing.publicTable(expected.name, connection)
                #expect(actual == expected, "with data, \(expected.name) is still the seed's table")
            }

            try migrating.execute("SET TimeZone = 'America/St_Johns'; SET DateStyle = 'German'")
            let reverted = try migrator.downgrade(to: .revision(RepositoryMigrations.phase1, offset: 0))
            #expect(reverted == RepositoryMigrations.chain.dropFirst().reversed())
            #expect(try Self.dump("agents", connection) == agentsBefore)
            #expect(try Self.dump("tasks", connection) == tasksBefore)
            let catalog = CatalogListing.difference(
                expected: catalogBefore,
                actual: try CatalogListing.lines(connection)
            )
            #expect(catalog.isEmpty, "\(catalog.joined(separator: "\n"))")
            #expect(try RepositoryMigrations.versionRows(connection) == [RepositoryMigrations.phase1 + ":applied"])
        }
    }

    /// Checks every converted agent against its phase-1 row.
    /// - Returns: Phase-1 id → phase-2 id.
    static func checkAgents(old: [Record], new: [Record], _ connection: PostgresConnection) throws -> [String: String] {
        #expect(new.count == old.count)
        // Names are unique in the fixture: they pair the rows without trusting the migration's own id map.
        let newByName = Dictionary(new.map { ($0["name"]!, $0) }) { first, _ in first }
        #expect(newByName.count == new.count && Set(old.map { $0["name"]! }).count == old.count)
        let keeping = Phase1Conversion.idsKeepingTheirUUID(old.map { $0["id"]! })
        var idMap: [String: String] = [:]
        for before in old {
            let oldID = before["id"]!
            guard let after = newByName[before["name"]!] else {
                Issue.record("agent \(oldID) is missing after the upgrade")
                continue
            }
            let newID = after["id"]!
            idMap[oldID] = newID
            checkID(oldID: oldID, newID: newID, keeping: keeping, table: "agents")
            for column in ["agent_type", "status", "system_prompt", "model_provider", "model_name"] {
                #expect(after[column] == before[column], "agents \(oldID).\(column)")
            }
            let capabilities: String? = try before["capabilities"].flatMap {
                try connection.query("SELECT $1::jsonb::text", [$0]).scalar
            }
            #expect(after["capabilities"] == capabilities, "agents \(oldID).capabilities = text::jsonb, NULL kept")
            for column in ["created_at", "updated_at"] {
                let expected = before[column].map { Phase1Conversion.utcText($0) ?? "invalid: \($0)" }
                #expect(after[column] == expected, "agents \(oldID).\(column) from \(before[column] ?? "NULL")")
            }
            #expect(after["performance_metrics"] == "{}" && after["last_heartbeat"] == nil, "agents \(oldID)")
        }
        #expect(Set(idMap.values).count == idMap.count, "phase-2 agent ids are distinct")
        return idMap
    }

    /// Checks every converted task against its phase-1 row, and its reference against the agents' new ids.
    static func checkTasks(old: [Record], new: [Record], agentIDs: [String: String]) {
        #expect(new.count == old.count)
        let newByTitle = Dictionary(new.map { ($0["title"]!, $0) }) { first, _ in first }
        #expect(newByTitle.count == new.count && Set(old.map { $0["title"]! }).count == old.count)
        let keeping = Phase1Conversion.idsKeepingTheirUUID(old.map { $0["id"]! })
        var newIDs: Set<String> = []
        for before in old {
            let oldID = before["id"]!
            guard let after = newByTitle[before["title"]!] else {
                Issue.record("task \(oldID) is missing after the upgrade")
                continue
            }
            newIDs.insert(after["id"]!)
            checkID(oldID: oldID, newID: after["id"]!, keeping: keeping, table: "tasks")
            for column in ["description", "status", "priority"] {
                #expect(after[column] == before[column], "tasks \(oldID).\(column)")
            }
            let reference = before["assigned_agent_id"].map { agentIDs[$0] ?? "unknown agent \($0)" }
            #expect(after["assigned_agent_id"] == reference, "tasks \(oldID) still refers to its agent")
            for column in ["created_at", "updated_at"] {
                let expected = before[column].map { Phase1Conversion.utcText($0) ?? "invalid: \($0)" }
                #expect(after[column] == expected, "tasks \(oldID).\(column) from \(before[column] ?? "NULL")")
            }
            let phase2Columns = [
                "workflow_id", "step_order", "context_data", "result_data", "started_at",
                "completed_at", "deadline",
            ].map { after[$0] ?? "NULL" }
            #expect(phase2Columns == ["NULL", "0", "{}", "{}", "NULL", "NULL", "NULL"], "tasks \(oldID)")
        }
        #expect(newIDs.count == old.count, "phase-2 task ids are distinct")
    }

    /// A UUID-looking id keeps its value (when it is the spelling that wins it); any other id gets a new random
    /// UUID, never the one its text spells.
    static func checkID(oldID: String, newID: String, keeping: [String: String], table: String) {
        if let kept = keeping[oldID] {
            #expect(newID == kept, "\(table) \(oldID) keeps its UUID value")
        } else {
            #expect(Phase1Conversion.isRandomUUID(newID), "\(table) \(oldID) gets a gen_random_uuid(): \(newID)")
            #expect(newID != Phase1Conversion.uuid(oldID), "\(table) \(oldID) loses the UUID to its twin")
        }
    }

    // MARK: - The oracle itself

    @Test(arguments: [
        ("2024-01-02", "2024-01-02 00:00:00.000000"),
        ("2024-01-02 03:04", "2024-01-02 03:04:00.000000"),
        ("2024-01-02T03:04:05", "2024-01-02 03:04:05.000000"),
        ("2024-01-02 03:04:05-0800", "2024-01-02 11:04:05.000000"),
        ("2024-06-30T23:59:59.999999+05:30", "2024-06-30 18:29:59.999999"),
        ("2024-01-02T03:04:05.123456789Z", "2024-01-02 03:04:05.123457"),
        ("1999-12-31T23:59:59+14:00", "1999-12-31 09:59:59.000000"),
        ("2023-12-31T23:30:00-01:00", "2024-01-01 00:30:00.000000"),
        ("2016-12-31T23:59:60Z", "2017-01-01 00:00:00.000000"),
        ("2024-01-02T24:00:00Z", "2024-01-03 00:00:00.000000"),
        ("2024-02-29 12:00:00", "2024-02-29 12:00:00.000000"),
        ("1970-01-01 00:00:00", "1970-01-01 00:00:00.000000"),
    ])
    func timestampOracleAcceptsTheDocumentedForms(text: String, utc: String) {
        #expect(Phase1Conversion.utcText(text) == utc)
    }

    @Test(arguments: [
        "yesterday", "epoch", "infinity", "01/02/2024", "Jan 2 2024", "2024-02-30 10:00:00", "2023-02-29",
        "2024-01-02 25:00:00", "2024-01-02T10:61:00Z", "", "2024-01-02T03:04:05+5", "2024-01-02T03:04:05+16:00",
        "2024-01-02 03:04:05 +05:00", "2024-01-02t03:04:05z", "1704164645", "0000-01-01 00:00:00",
        "2024-01-02T24:00:01Z",
    ])
    func timestampOracleRefusesWhatTheRevisionRefuses(text: String) {
        #expect(Phase1Conversion.utcText(text) == nil)
    }

    @Test func uuidOracleFollowsPostgresUUIDInput() {
        let canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
        for spelling in [
            canonical, canonical.uppercased(), "{\(canonical)}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
            "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
        ] {
            #expect(Phase1Conversion.uuid(spelling) == canonical, "\(spelling)")
        }
        for notUUID in [
            " \(canonical)", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "\(canonical)-", "-\(canonical)",
            "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", "{\(canonical)", "a0eeb-c99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "agent-1", "",
        ] {
            #expect(Phase1Conversion.uuid(notUUID) == nil, "\(notUUID)")
        }
        let keeping = Phase1Conversion.idsKeepingTheirUUID([
            "F5DD0144-5B5E-4C3D-8A0C-B0021D5F5F66", "f5dd0144-5b5e-4c3d-8a0c-b0021d5f5f66",
            "{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}", "0A1B2C3D4E5F4061827394A5B6C7D8E9", "agent-1",
        ])
        #expect(
            keeping == [
                "f5dd0144-5b5e-4c3d-8a0c-b0021d5f5f66": "f5dd0144-5b5e-4c3d-8a0c-b0021d5f5f66",
                "0A1B2C3D4E5F4061827394A5B6C7D8E9": "0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9",
            ]
        )
    }
}
