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

    /// The version table's columns, in table order.
    enum Column: Int, CaseIterable {
        case revision, parents, dependsOn, branchLabels, message, fileName, checksum, downSQL, transactional
        case status, statementsDone, failure, appliedAt, appliedBy, clientHost, executionMilliseconds
        case toolVersion

        var name: String {
            switch self {
            case .revision: "revision"
            case .parents: "parents"
            case .dependsOn: "depends_on"
            case .branchLabels: "branch_labels"
            case .message: "message"
            case .fileName: "file_name"
            case .checksum: "checksum"
            case .downSQL: "down_sql"
            case .transactional: "transactional"
            case .status: "status"
            case .statementsDone: "statements_done"
            case .failure: "failure"
            case .appliedAt: "applied_at"
            case .appliedBy: "applied_by"
            case .clientHost: "client_host"
            case .executionMilliseconds: "execution_ms"
            case .toolVersion: "tool_version"
            }
        }
    }

    /// Where each column is in a result: looked up once per result rather than once per value (a lookup by
    /// name compares strings; 17 columns × 500 rows of them took milliseconds).
    struct ColumnPositions {
        private let positions: [Int?]

        init(_ result: QueryResult) {
            positions = Column.allCases.map { result.columnIndex($0.name) }
        }

        /// `nil`: NULL, or a column the query did not select.
        func value(of column: Column, in result: QueryResult, row: Int) -> String? {
            positions[column.rawValue].flatMap { result[row, $0] }
        }
    }

    /// Row `row` of a query on the version table; a column it did not select reads as the column's default.
    init(_ result: QueryResult, row: Int, positions: ColumnPositions) {
        func value(_ column: Column) -> String? { positions.value(of: column, in: result, row: row) }
        self.init(
            revision: value(.revision) ?? "",
            parents: value(.parents).map(PostgresArrayLiteral.parse) ?? [],
            dependsOn: value(.dependsOn).map(PostgresArrayLiteral.parse) ?? [],
            branchLabels: value(.branchLabels).map(PostgresArrayLiteral.parse) ?? [],
            message: value(.message) ?? "",
            fileName: value(.fileName),
            checksum: value(.checksum) ?? "",
            downSQL: value(.downSQL),
            isTransactional: value(.transactional).map { $0 == "t" } ?? true,
            status: value(.status).flatMap(Status.init(rawValue:)) ?? .applied,
            statementsDone: value(.statementsDone).flatMap { Int($0) } ?? 0,
            failure: value(.failure),
            appliedAt: value(.appliedAt) ?? "",
            appliedBy: value(.appliedBy) ?? "",
            clientHost: value(.clientHost),
            executionMilliseconds: value(.executionMilliseconds).flatMap(Double.init),
            toolVersion: value(.toolVersion) ?? ""
        )
    }
}
