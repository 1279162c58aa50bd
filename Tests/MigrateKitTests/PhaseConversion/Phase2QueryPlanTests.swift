import Foundation
import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// Query plans: on populated tables, the seed's full-text and correlation queries use the seed's indexes as
/// the migrations build them (the full-text index concurrently, over 100,000 existing tasks).
@Suite struct Phase2QueryPlanTests {
    /// 40 agents, 100,000 tasks with titles and descriptions made of office vocabulary (every seventh description
    /// NULL), 20,000 messages in 5,000 conversations.
    static let populate = """
        INSERT INTO agents (name, agent_type, status)
        SELECT 'Agent ' || g, (ARRAY['chief_of_staff', 'master_operator'])[g % 2 + 1],
               (ARRAY['idle', 'active', 'busy'])[g % 3 + 1]
          FROM generate_series(1, 40) AS g;

        INSERT INTO tasks (title, description, status, priority, assigned_agent_id, created_at)
        SELECT verb || ' ' || object || ' ' || place,
               CASE WHEN g % 7 = 0 THEN NULL
                    ELSE 'Please ' || lower(verb) || ' the ' || object || ' ' || place || ' before ' || deadline
                         || '. ' || note END,
               (ARRAY['pending', 'in_progress', 'completed', 'failed', 'cancelled'])[g % 5 + 1],
               (ARRAY['low', 'medium', 'high', 'urgent'])[g % 4 + 1],
               agent_ids[g % 40 + 1],
               TIMESTAMPTZ '2025-01-01 00:00:00+00' + g * INTERVAL '7 minutes'
          FROM generate_series(1, 100000) AS g
         CROSS JOIN (SELECT array_agg(id ORDER BY name) AS agent_ids FROM agents) AS a
         CROSS JOIN LATERAL (SELECT
               (ARRAY['Review', 'Prepare', 'Draft', 'Reconcile', 'Schedule', 'Investigate', 'Migrate', 'Summarise',
                      'Approve', 'Archive', 'Update', 'Translate'])[g % 12 + 1] AS verb,
               (ARRAY['quarterly invoice', 'customer onboarding checklist', 'incident report', 'release notes',
                      'database backup plan', 'marketing campaign brief', 'security audit findings',
                      'vendor contract', 'hiring pipeline', 'support ticket backlog', 'travel budget',
                      'board meeting minutes', 'payroll export'])[g / 12 % 13 + 1] AS object,
               (ARRAY['for the Berlin office', 'for ACME Corporation', 'for the mobile team', 'for finance',
                      'for the London branch', 'for the data platform', 'for legal',
                      'for the Tokyo subsidiary'])[g / 156 % 8 + 1] AS place,
               (ARRAY['Monday', 'the end of the sprint', 'the quarterly review', 'Friday noon',
                      'the audit deadline'])[(g * 3) % 5 + 1] AS deadline,
               (ARRAY['Attach the spreadsheet.', 'Loop in the account manager.', 'Numbers must match the ledger.',
                      'Ask legal if anything is unclear.', 'Use the new template.',
                      'Keep the summary under one page.'])[(g * 13) % 6 + 1] AS note) AS words;

        INSERT INTO agent_messages (correlation_id, conversation_id, sender_id, recipient_id, sender_type,
                                    recipient_type, message_type, subject, payload)
        SELECT md5('correlation' || g / 4)::uuid, md5('conversation' || g / 20)::uuid,
               agent_ids[g % 40 + 1], agent_ids[(g + 1) % 40 + 1],
               'agent', 'agent', (ARRAY['request', 'response', 'notification'])[g % 3 + 1],
               'Message ' || g, jsonb_build_object('step', g % 10)
          FROM generate_series(1, 20000) AS g
         CROSS JOIN (SELECT array_agg(id ORDER BY name) AS agent_ids FROM agents) AS a;
        """

    @Test func fullTextSearchAndCorrelationLookupUseTheSeedIndexes() throws {
        let graph = try RepositoryMigrations.graph()
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            // Up to the revision before the concurrent indexes, fill the tables, then build them over the rows.
            try RepositoryMigrations.upgrade(database, to: "e3c6a85f1d97-1", graph: graph)
            try connection.execute(Self.populate)
            #expect(try connection.execute("SELECT count(*) FROM tasks").scalar == "100000")
            #expect(try RepositoryMigrations.upgrade(database, to: "head", graph: graph) == ["e3c6a85f1d97"])
            try connection.execute("ANALYZE")
            try connection.execute("SET enable_seqscan = off")

            let search = """
                SELECT id, title FROM tasks
                 WHERE to_tsvector('english', title || ' ' || coalesce(description, ''))
                       @@ to_tsquery('english', 'reconcile & invoice & berlin')
                """
            let found = try connection.execute("SELECT count(*) FROM (\(search)) AS hits").scalar.flatMap { Int($0) }
            #expect((found ?? 0) > 0, "the query finds tasks (stemmed: 'Reconcile quarterly invoice ... Berlin')")
            let searchPlan = try Self.plan(connection, "EXPLAIN (FORMAT JSON) " + search)
            #expect(searchPlan.indexNames.contains("idx_tasks_search"), "\(searchPlan.nodes)")

            // The application's lookup: a prepared statement, planned generically for any $1.
            try connection.execute(
                """
                PREPARE correlation_lookup(uuid) AS
                    SELECT id, message_type, payload FROM agent_messages WHERE correlation_id = $1;
                SET plan_cache_mode = force_generic_plan
                """
            )
            let correlation = try #require(
                try connection.execute("SELECT correlation_id::text FROM agent_messages LIMIT 1").scalar
            )
            let lookupPlan = try Self.plan(
                connection,
                "EXPLAIN (FORMAT JSON) EXECUTE correlation_lookup(\(SQLQuoting.literal(correlation)))"
            )
            #expect(lookupPlan.indexNames.contains("idx_messages_correlation"), "\(lookupPlan.nodes)")
        }
    }

    /// What an `EXPLAIN (FORMAT JSON)` plan does: its node types and the indexes it reads, depth first.
    struct PlanSummary {
        var nodes: [String] = []
        var indexNames: [String] = []
    }

    static func plan(_ connection: PostgresConnection, _ explain: String) throws -> PlanSummary {
        let text = try #require(try connection.execute(explain).scalar)
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let top = try #require((document as? [[String: Any]])?.first?["Plan"] as? [String: Any])
        var summary = PlanSummary()
        func walk(_ node: [String: Any]) {
            summary.nodes.append(
                (node["Node Type"] as? String ?? "?") + ((node["Index Name"] as? String).map { " on \($0)" } ?? "")
            )
            if let index = node["Index Name"] as? String { summary.indexNames.append(index) }
            for child in node["Plans"] as? [[String: Any]] ?? [] { walk(child) }
        }
        walk(top)
        return summary
    }
}
