import PostgresClient

/// One row of the version table: a revision that was applied (or is part-way, for a non-transactional
/// revision that failed or was interrupted).
package struct AppliedRevision: Sendable, Equatable {
    /// `applied`: done. `running`: a non-transactional revision in progress (or interrupted by a crash).
    /// `failed`: a non-transactional revision that stopped at a failing statement.
    package enum Status: String, Sendable {
        case applied, running, failed
    }

    package var revision: String
    package var parents: [String]
    package var dependsOn: [String]
    package var branchLabels: [String]
    package var message: String
    package var fileName: String?
    /// SHA-256 of the up section as applied.
    package var checksum: String
    /// The down section as applied, so a downgrade works even when the file is gone. `nil`: irreversible.
    package var downSQL: String?
    package var isTransactional: Bool
    package var status: Status
    /// For non-transactional revisions: how many statements of the up section have completed.
    package var statementsDone: Int
    package var failure: String?
    /// ISO-8601 UTC.
    package var appliedAt: String
    package var appliedBy: String
    package var clientHost: String?
    package var executionMilliseconds: Double?
    package var toolVersion: String

    package init(
        revision: String,
        parents: [String],
        dependsOn: [String] = [],
        branchLabels: [String] = [],
        message: String,
        fileName: String?,
        checksum: String,
        downSQL: String?,
        isTransactional: Bool = true,
        status: Status = .applied,
        statementsDone: Int = 0,
        failure: String? = nil,
        appliedAt: String = "",
        appliedBy: String = "",
        clientHost: String? = nil,
        executionMilliseconds: Double? = nil,
        toolVersion: String = MigrateVersion.current
    ) {
        self.revision = revision
        self.parents = parents
        self.dependsOn = dependsOn
        self.branchLabels = branchLabels
        self.message = message
        self.fileName = fileName
        self.checksum = checksum
        self.downSQL = downSQL
        self.isTransactional = isTransactional
        self.status = status
        self.statementsDone = statementsDone
        self.failure = failure
        self.appliedAt = appliedAt
        self.appliedBy = appliedBy
        self.clientHost = clientHost
        self.executionMilliseconds = executionMilliseconds
        self.toolVersion = toolVersion
    }

    init(row: QueryResult.Row) {
        self.init(
            revision: row.string("revision"),
            parents: row.textArray("parents"),
            dependsOn: row.textArray("depends_on"),
            branchLabels: row.textArray("branch_labels"),
            message: row.string("message"),
            fileName: row["file_name"],
            checksum: row.string("checksum"),
            downSQL: row["down_sql"],
            isTransactional: row.bool("transactional") ?? true,
            status: Status(rawValue: row.string("status")) ?? .applied,
            statementsDone: row.int("statements_done") ?? 0,
            failure: row["failure"],
            appliedAt: row.string("applied_at"),
            appliedBy: row.string("applied_by"),
            clientHost: row["client_host"],
            executionMilliseconds: row["execution_ms"].flatMap(Double.init),
            toolVersion: row.string("tool_version")
        )
    }
}
