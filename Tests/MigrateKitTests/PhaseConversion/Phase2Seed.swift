/// The phase-2 schema of the seed (`/work/shared/seeds/004_7aa16a1c1f96e39a.txt`, "Phase 2 Enhanced Schema"),
/// written out by hand as the catalog renders it: a table per table, columns in the seed's order, every
/// CHECK, key and index. The tests compare `upgrade head` with this, so a migration that drifts from the seed
/// fails even if it drifts in step with `schema/phase2.sql`.
///
/// Names follow PostgreSQL's defaults for unnamed constraints (`<table>_<column>_check`, `_fkey`, `_key`,
/// `_pkey`). Renderings are PostgreSQL 15's, read with `search_path = pg_catalog`: `IN (...)` becomes
/// `= ANY (ARRAY[...])`, `DECIMAL(3,2)` is `numeric(3,2)`, `NOW()` is `now()`.
enum Phase2Seed {
    typealias Column = CatalogListing.Column

    static let tables: [CatalogListing.Table] = [
        agents, tasks, agentMessages, workflows, workflowExecutions, agentCapabilities, agentPerformance,
    ]

    static let agents = table(
        "agents",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("name", "character varying(255)", notNull: true),
            Column("agent_type", "character varying(50)", notNull: true),
            Column("status", "character varying(50)", default: "'idle'::character varying"),
            Column("capabilities", "jsonb", default: "'[]'::jsonb"),
            Column("system_prompt", "text"),
            Column("model_provider", "character varying(100)", default: "'openrouter'::character varying"),
            Column("model_name", "character varying(100)", default: "'auto'::character varying"),
            Column("performance_metrics", "jsonb", default: "'{}'::jsonb"),
            Column("last_heartbeat", "timestamp with time zone"),
            Column("created_at", "timestamp with time zone", default: "now()"),
            Column("updated_at", "timestamp with time zone", default: "now()"),
        ],
        constraints: [
            ("agents_pkey", "PRIMARY KEY (id)"),
            ("agents_agent_type_check", oneOf("agent_type", ["chief_of_staff", "master_operator"])),
            ("agents_status_check", oneOf("status", ["idle", "active", "busy", "error", "offline"])),
        ],
        indexes: [
            uniqueIndex("agents_pkey", on: "agents", ["id"]),
            btree("idx_agents_type_status", on: "agents", ["agent_type", "status"]),
            btree("idx_agents_last_heartbeat", on: "agents", ["last_heartbeat"]),
        ]
    )

    static let tasks = table(
        "tasks",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("title", "character varying(500)", notNull: true),
            Column("description", "text"),
            Column("status", "character varying(50)", default: "'pending'::character varying"),
            Column("priority", "character varying(20)", default: "'medium'::character varying"),
            Column("assigned_agent_id", "uuid"),
            Column("workflow_id", "uuid"),
            Column("step_order", "integer", default: "0"),
            Column("context_data", "jsonb", default: "'{}'::jsonb"),
            Column("result_data", "jsonb", default: "'{}'::jsonb"),
            Column("started_at", "timestamp with time zone"),
            Column("completed_at", "timestamp with time zone"),
            Column("deadline", "timestamp with time zone"),
            Column("created_at", "timestamp with time zone", default: "now()"),
            Column("updated_at", "timestamp with time zone", default: "now()"),
        ],
        constraints: [
            ("tasks_pkey", "PRIMARY KEY (id)"),
            ("tasks_status_check", oneOf("status", ["pending", "in_progress", "completed", "failed", "cancelled"])),
            ("tasks_priority_check", oneOf("priority", ["low", "medium", "high", "urgent"])),
            ("tasks_assigned_agent_id_fkey", foreignKey("assigned_agent_id", to: "agents", onDelete: "SET NULL")),
            ("tasks_workflow_id_fkey", foreignKey("workflow_id", to: "workflows", onDelete: "CASCADE")),
        ],
        indexes: [
            uniqueIndex("tasks_pkey", on: "tasks", ["id"]),
            btree("idx_tasks_status_priority", on: "tasks", ["status", "priority"]),
            btree("idx_tasks_assigned_agent", on: "tasks", ["assigned_agent_id"]),
            btree("idx_tasks_workflow", on: "tasks", ["workflow_id"]),
            (
                "idx_tasks_search",
                "CREATE INDEX idx_tasks_search ON public.tasks USING gin (to_tsvector('english'::regconfig, "
                    + "(((title)::text || ' '::text) || COALESCE(description, ''::text))))"
            ),
        ]
    )

    static let agentMessages = table(
        "agent_messages",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("message_id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("correlation_id", "uuid"),
            Column("conversation_id", "uuid"),
            Column("sender_id", "uuid", notNull: true),
            Column("recipient_id", "uuid", notNull: true),
            Column("sender_type", "character varying(50)", notNull: true),
            Column("recipient_type", "character varying(50)", notNull: true),
            Column("message_type", "character varying(50)", notNull: true),
            Column("priority", "character varying(20)", default: "'normal'::character varying"),
            Column("status", "character varying(20)", default: "'pending'::character varying"),
            Column("subject", "character varying(500)"),
            Column("payload", "jsonb", default: "'{}'::jsonb"),
            Column("retry_count", "integer", default: "0"),
            Column("max_retries", "integer", default: "3"),
            Column("expires_at", "timestamp with time zone"),
            Column("delivered_at", "timestamp with time zone"),
            Column("acknowledged_at", "timestamp with time zone"),
            Column("created_at", "timestamp with time zone", default: "now()"),
        ],
        constraints: [
            ("agent_messages_pkey", "PRIMARY KEY (id)"),
            ("agent_messages_message_id_key", "UNIQUE (message_id)"),
            ("agent_messages_sender_id_fkey", foreignKey("sender_id", to: "agents", onDelete: "CASCADE")),
            ("agent_messages_recipient_id_fkey", foreignKey("recipient_id", to: "agents", onDelete: "CASCADE")),
            ("agent_messages_priority_check", oneOf("priority", ["low", "normal", "high", "urgent"])),
            (
                "agent_messages_status_check",
                oneOf("status", ["pending", "sent", "delivered", "acknowledged", "failed", "expired"])
            ),
        ],
        indexes: [
            uniqueIndex("agent_messages_pkey", on: "agent_messages", ["id"]),
            uniqueIndex("agent_messages_message_id_key", on: "agent_messages", ["message_id"]),
            btree("idx_messages_recipient_status", on: "agent_messages", ["recipient_id", "status"]),
            btree("idx_messages_sender_type", on: "agent_messages", ["sender_id", "message_type"]),
            btree("idx_messages_correlation", on: "agent_messages", ["correlation_id"]),
        ]
    )

    static let workflows = table(
        "workflows",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("name", "character varying(255)", notNull: true),
            Column("description", "text"),
            Column("definition", "jsonb", notNull: true),
            Column("status", "character varying(50)", default: "'draft'::character varying"),
            Column("version", "integer", default: "1"),
            Column("created_by", "uuid"),
            Column("tags", "text[]", default: "'{}'::text[]"),
            Column("created_at", "timestamp with time zone", default: "now()"),
            Column("updated_at", "timestamp with time zone", default: "now()"),
        ],
        constraints: [
            ("workflows_pkey", "PRIMARY KEY (id)"),
            ("workflows_status_check", oneOf("status", ["draft", "active", "paused", "completed", "failed"])),
            ("workflows_created_by_fkey", foreignKey("created_by", to: "agents", onDelete: nil)),
        ],
        indexes: [
            uniqueIndex("workflows_pkey", on: "workflows", ["id"]),
            btree("idx_workflows_status", on: "workflows", ["status"]),
            (
                "idx_workflows_search",
                "CREATE INDEX idx_workflows_search ON public.workflows USING gin (to_tsvector('english'::regconfig, "
                    + "(((name)::text || ' '::text) || COALESCE(description, ''::text))))"
            ),
        ]
    )

    static let workflowExecutions = table(
        "workflow_executions",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("workflow_id", "uuid", notNull: true),
            Column("status", "character varying(50)", default: "'running'::character varying"),
            Column("current_step", "integer", default: "0"),
            Column("context_data", "jsonb", default: "'{}'::jsonb"),
            Column("result_data", "jsonb", default: "'{}'::jsonb"),
            Column("started_by", "uuid"),
            Column("started_at", "timestamp with time zone", default: "now()"),
            Column("completed_at", "timestamp with time zone"),
            Column("error_message", "text"),
        ],
        constraints: [
            ("workflow_executions_pkey", "PRIMARY KEY (id)"),
            ("workflow_executions_workflow_id_fkey", foreignKey("workflow_id", to: "workflows", onDelete: "CASCADE")),
            (
                "workflow_executions_status_check",
                oneOf("status", ["running", "completed", "failed", "cancelled"])
            ),
            ("workflow_executions_started_by_fkey", foreignKey("started_by", to: "agents", onDelete: nil)),
        ],
        indexes: [
            uniqueIndex("workflow_executions_pkey", on: "workflow_executions", ["id"]),
            btree("idx_workflow_executions_workflow", on: "workflow_executions", ["workflow_id"]),
        ]
    )

    static let agentCapabilities = table(
        "agent_capabilities",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("agent_id", "uuid", notNull: true),
            Column("capability_name", "character varying(100)", notNull: true),
            Column("confidence_score", "numeric(3,2)", default: "0.5"),
            Column("last_used", "timestamp with time zone"),
            Column("usage_count", "integer", default: "0"),
            Column("created_at", "timestamp with time zone", default: "now()"),
        ],
        constraints: [
            ("agent_capabilities_pkey", "PRIMARY KEY (id)"),
            ("agent_capabilities_agent_id_fkey", foreignKey("agent_id", to: "agents", onDelete: "CASCADE")),
            (
                "agent_capabilities_confidence_score_check",
                "CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric)))"
            ),
            ("agent_capabilities_agent_id_capability_name_key", "UNIQUE (agent_id, capability_name)"),
        ],
        indexes: [
            uniqueIndex("agent_capabilities_pkey", on: "agent_capabilities", ["id"]),
            uniqueIndex(
                "agent_capabilities_agent_id_capability_name_key",
                on: "agent_capabilities",
                ["agent_id", "capability_name"]
            ),
            btree("idx_agent_capabilities_agent", on: "agent_capabilities", ["agent_id"]),
        ]
    )

    static let agentPerformance = table(
        "agent_performance",
        columns: [
            Column("id", "uuid", notNull: true, default: "gen_random_uuid()"),
            Column("agent_id", "uuid", notNull: true),
            Column("metric_name", "character varying(100)", notNull: true),
            Column("metric_value", "numeric(10,4)", notNull: true),
            Column("metric_unit", "character varying(50)"),
            Column("recorded_at", "timestamp with time zone", default: "now()"),
            Column("context", "jsonb", default: "'{}'::jsonb"),
        ],
        constraints: [
            ("agent_performance_pkey", "PRIMARY KEY (id)"),
            ("agent_performance_agent_id_fkey", foreignKey("agent_id", to: "agents", onDelete: "CASCADE")),
        ],
        indexes: [
            uniqueIndex("agent_performance_pkey", on: "agent_performance", ["id"]),
            btree("idx_agent_performance_agent_metric", on: "agent_performance", ["agent_id", "metric_name"]),
        ]
    )

    /// The seed's twelve explicitly created B-tree indexes (its "Indexes for performance" block).
    static let performanceIndexes = [
        "idx_agents_type_status", "idx_agents_last_heartbeat", "idx_tasks_status_priority", "idx_tasks_assigned_agent",
        "idx_tasks_workflow", "idx_messages_recipient_status", "idx_messages_sender_type", "idx_messages_correlation",
        "idx_workflows_status", "idx_workflow_executions_workflow", "idx_agent_capabilities_agent",
        "idx_agent_performance_agent_metric",
    ]

    /// The seed's two full-text indexes.
    static let fullTextIndexes = ["idx_tasks_search", "idx_workflows_search"]

    // MARK: - How PostgreSQL renders the seed's clauses

    private static func table(
        _ name: String,
        columns: [Column],
        constraints: [(String, String)],
        indexes: [(String, String)]
    ) -> CatalogListing.Table {
        CatalogListing.Table(
            name: name,
            columns: columns,
            constraints: Dictionary(uniqueKeysWithValues: constraints),
            indexes: Dictionary(uniqueKeysWithValues: indexes)
        )
    }

    /// `CHECK (column IN ('a', 'b'))` on a VARCHAR column.
    private static func oneOf(_ column: String, _ values: [String]) -> String {
        let array = values.map { "'\($0)'::character varying" }.joined(separator: ", ")
        return "CHECK (((\(column))::text = ANY ((ARRAY[\(array)])::text[])))"
    }

    /// `column UUID REFERENCES table(id) [ON DELETE action]`.
    private static func foreignKey(_ column: String, to table: String, onDelete action: String?) -> String {
        "FOREIGN KEY (\(column)) REFERENCES public.\(table)(id)" + (action.map { " ON DELETE \($0)" } ?? "")
    }

    private static func btree(_ name: String, on table: String, _ columns: [String]) -> (String, String) {
        (name, "CREATE INDEX \(name) ON public.\(table) USING btree (\(columns.joined(separator: ", ")))")
    }

    /// The index behind a PRIMARY KEY or UNIQUE constraint.
    private static func uniqueIndex(_ name: String, on table: String, _ columns: [String]) -> (String, String) {
        (name, "CREATE UNIQUE INDEX \(name) ON public.\(table) USING btree (\(columns.joined(separator: ", ")))")
    }
}
