import SQLSyntax

/// Lints one revision's statements in order, updating what the batch has done so far.
struct RevisionPass {
    let linter: Linter
    let revision: Revision
    let script: SQLScript
    let isPostDeploy: Bool
    var batch: BatchState
    private(set) var findings: [LintFinding] = []
    /// The `SET lock_timeout = 0` / `statement_timeout = 0` statements, with the setting's name.
    private var unboundedTimeouts: [(name: String, statement: SQLStatement)] = []

    init(linter: Linter, revision: Revision, script: SQLScript, isPostDeploy: Bool, batch: BatchState) {
        self.linter = linter
        self.revision = revision
        self.script = script
        self.isPostDeploy = isPostDeploy
        self.batch = batch
    }

    private var catalog: LintCatalog { linter.catalog }

    // MARK: - Statements

    mutating func read(_ parsed: ParsedStatement) {
        let statement = parsed.statement
        guard let kind = parsed.kind, let body = parsed.tree.body else { return }
        switch kind {
        case "CreateStmt":
            guard let table = tableKey(body["relation"]) else { return }
            batch.createdTables.insert(table)
            for element in body["tableElts"]?.array ?? [] {
                guard let column = element.body(ifKind: "ColumnDef"), let name = column["colname"]?.string,
                    let type = LintColumnType(typeName: column["typeName"])
                else { continue }
                batch.columnTypes[table + "." + name] = type
            }
        case "CreateTableAsStmt":
            if let table = tableKey(body["into"]?["rel"]) { batch.createdTables.insert(table) }
        case "IndexStmt": readIndex(body, statement)
        case "DropStmt": readDrop(body, statement)
        case "ReindexStmt": readReindex(body, statement)
        case "RefreshMatViewStmt":
            guard let view = tableKey(body["relation"]), !body.flag("concurrent"), !body.flag("skipData"),
                catalog.uniquelyIndexedViews.contains(view) || batch.uniquelyIndexedViews.contains(view)
            else { return }
            report(
                .refreshNotConcurrently,
                table: view,
                at: body["relation"],
                statement,
                reason: "REFRESH MATERIALIZED VIEW \(view) blocks every read of the view until it is rebuilt",
                rewrite: "REFRESH MATERIALIZED VIEW CONCURRENTLY \(view) (it has the unique index this needs)"
            )
        case "AlterTableStmt":
            guard body["objtype"]?.string == "OBJECT_TABLE", let table = tableKey(body["relation"]) else { return }
            for command in body["cmds"]?.array ?? [] {
                guard let command = command.body(ifKind: "AlterTableCmd") else { continue }
                readAlterTable(command, table: table, relation: body["relation"], statement)
            }
        case "RenameStmt": readRename(body, statement)
        case "VacuumStmt":
            guard LintStatementReader.hasOption(body["options"], "full") else { return }
            let relations = (body["rels"]?.array ?? []).map { $0.body(ifKind: "VacuumRelation")?["relation"] }
            for relation in relations.isEmpty ? [nil] : relations {
                report(
                    .vacuumFull,
                    table: tableKey(relation),
                    at: relation,
                    statement,
                    reason: "VACUUM FULL rewrites \(tableKey(relation) ?? "every table") under an ACCESS EXCLUSIVE "
                        + "lock: no reads or writes until it ends",
                    rewrite: "plain VACUUM (no lock on reads and writes), or pg_repack to give space back online"
                )
            }
        case "ClusterStmt":
            report(
                .cluster,
                table: tableKey(body["relation"]),
                at: body["relation"],
                statement,
                reason: "CLUSTER rewrites \(tableKey(body["relation"]) ?? "every clustered table") under an ACCESS "
                    + "EXCLUSIVE lock: no reads or writes until it ends",
                rewrite: "pg_repack --order-by, which reorders the table online"
            )
        case "LockStmt":
            for relation in body["relations"]?.array ?? [] {
                let relation = relation.body(ifKind: "RangeVar")
                let table = tableKey(relation)
                report(
                    .lockTable,
                    table: table,
                    at: relation,
                    statement,
                    reason: "LOCK TABLE \(table ?? "") holds its lock to the end of the transaction, queueing every "
                        + "query on the table behind it",
                    rewrite: "drop the explicit lock: each statement takes the lock it needs, briefly"
                )
            }
        case "TruncateStmt":
            for relation in body["relations"]?.array ?? [] {
                let relation = relation.body(ifKind: "RangeVar")
                let table = tableKey(relation)
                report(
                    .truncate,
                    table: table,
                    at: relation,
                    statement,
                    reason: "TRUNCATE \(table ?? "") takes an ACCESS EXCLUSIVE lock and deletes every row the running "
                        + "app still uses",
                    rewrite: "DELETE in batches (WHERE id IN (SELECT id ... LIMIT 10000)) in a non-transactional "
                        + "revision, or drop the table in the post-deploy phase"
                )
            }
        case "UpdateStmt", "DeleteStmt":
            guard body["whereClause"] == nil, let table = tableKey(body["relation"]) else { return }
            let isUpdate = kind == "UpdateStmt"
            report(
                isUpdate ? .updateWithoutWhere : .deleteWithoutWhere,
                table: table,
                at: body["relation"],
                statement,
                reason: "\(isUpdate ? "UPDATE" : "DELETE") of every row of \(table) in one transaction locks them all "
                    + "and \(isUpdate ? "writes a new version of each" : "holds the locks") until it commits",
                rewrite: "\(isUpdate ? "UPDATE" : "DELETE") in batches of a few thousand rows "
                    + "(WHERE id BETWEEN ... ) in a non-transactional revision"
            )
        case "VariableSetStmt":
            guard let name = body["name"]?.string, name == "lock_timeout" || name == "statement_timeout",
                let value = LintStatementReader.settingValue(body),
                (try? PostgresDuration.parse(value))?.isDisabled == true
            else { return }
            unboundedTimeouts.append((name, statement))
        case "CreateEnumStmt":
            guard let names = body["typeName"]?.nameParts, let name = names.last else { return }
            let key = (names.count > 1 ? names[0] : "public") + "." + name
            let labels = (body["vals"]?.array ?? []).compactMap(\.stringNodeValue)
            if let old = batch.enumLabels[key] {
                let dropped = old.filter { !labels.contains($0) }
                if !dropped.isEmpty {
                    report(
                        .dropEnumValue,
                        table: key,
                        at: nil,
                        statement,
                        reason: "type \(key) is rebuilt without "
                            + dropped.map { "'\($0)'" }.joined(separator: ", ")
                            + ", which the app still running may write",
                        rewrite: "stop writing the value first; rebuild the type in a post-deploy revision"
                    )
                }
            }
            if batch.enumLabels[key] == nil { batch.createdTables.insert(key) }
            batch.enumLabels[key] = labels
        default:
            break
        }
    }

    /// Adds the finding about `SET lock_timeout/statement_timeout = 0` (or the header directives) when the revision
    /// also rewrites or long-locks an existing table.
    mutating func finish() {
        let rewrites = findings.contains { finding in
            finding.rule.hazard == .lock && finding.severity == .error
        }
        guard rewrites else { return }
        var settings = unboundedTimeouts.map {
            (name: $0.name, line: fileLine($0.statement.start), column: $0.statement.column)
        }
        if revision.lockTimeout?.isDisabled == true { settings.append(("lock_timeout", revision.lines.revision, 1)) }
        if revision.statementTimeout?.isDisabled == true {
            settings.append(("statement_timeout", revision.lines.revision, 1))
        }
        for setting in settings {
            add(
                .unboundedTimeout,
                line: setting.line,
                column: setting.column,
                reason: "\(setting.name) = 0 lets a statement that locks a busy table wait or run without limit, "
                    + "and every query on the table queues behind it",
                rewrite: "keep a bound (lock_timeout = '5s') and retry the deploy; make the locking statement "
                    + "lock-safe instead",
                severity: nil,
                note: nil
            )
        }
    }

    // MARK: - Indexes

    private mutating func readIndex(_ body: SyntaxNode, _ statement: SQLStatement) {
        guard let table = tableKey(body["relation"]) else { return }
        if let name = body["idxname"]?.string {
            let schema = body["relation"]?["schemaname"]?.string ?? String(table.split(separator: ".")[0])
            batch.createdIndexes[schema + "." + name] = table
        }
        if body.flag("unique") && body["whereClause"] == nil { batch.uniquelyIndexedViews.insert(table) }
        guard !body.flag("concurrent") else { return }
        report(
            .createIndexNotConcurrently,
            table: table,
            at: body["relation"],
            statement,
            reason: "CREATE INDEX on \(table) blocks every write to the table (SHARE lock) while the index builds",
            rewrite: "CREATE INDEX CONCURRENTLY, alone in a revision marked `-- migrate:transaction false`"
        )
    }

    private mutating func readDrop(_ body: SyntaxNode, _ statement: SQLStatement) {
        let objects = (body["objects"]?.array ?? []).compactMap { $0.body(ifKind: "List")?["items"]?.nameParts }
        switch body["removeType"]?.string {
        case "OBJECT_INDEX" where !body.flag("concurrent"):
            for parts in objects {
                let index = qualified(parts)
                let table = batch.createdIndexes[index] ?? catalog.indexTables[index]
                report(
                    .dropIndexNotConcurrently,
                    table: table,
                    at: nil,
                    statement,
                    reason: "DROP INDEX \(index) takes an ACCESS EXCLUSIVE lock on \(table ?? "its table"): no reads "
                        + "or writes until it ends",
                    rewrite: "DROP INDEX CONCURRENTLY, alone in a revision marked `-- migrate:transaction false`"
                )
            }
        case "OBJECT_TABLE":
            for parts in objects {
                let table = qualified(parts)
                report(
                    .dropTable,
                    table: table,
                    at: nil,
                    statement,
                    reason: "DROP TABLE \(table) breaks the app version still running, which reads and writes it",
                    rewrite: "stop using the table in one release; drop it in a post-deploy revision "
                        + "(`-- migrate:phase post`)"
                )
                batch.createdTables.remove(table)
            }
        default:
            break
        }
    }

    private mutating func readReindex(_ body: SyntaxNode, _ statement: SQLStatement) {
        guard !LintStatementReader.hasOption(body["params"], "concurrently"), !body.flag("concurrent") else { return }
        let relation = body["relation"]
        var table: String?
        switch body["kind"]?.string {
        case "REINDEX_OBJECT_INDEX":
            if let index = tableKey(relation) { table = batch.createdIndexes[index] ?? catalog.indexTables[index] }
        case "REINDEX_OBJECT_TABLE": table = tableKey(relation)
        default: break
        }
        report(
            .reindexNotConcurrently,
            table: table,
            at: relation,
            statement,
            reason: "REINDEX blocks writes to \(table ?? "the tables") and reads that use the index while it rebuilds",
            rewrite: "REINDEX (CONCURRENTLY) ..., alone in a revision marked `-- migrate:transaction false`"
        )
    }

    // MARK: - ALTER TABLE

    private mutating func readAlterTable(
        _ command: SyntaxNode,
        table: String,
        relation: SyntaxNode?,
        _ statement: SQLStatement
    ) {
        let column = command["name"]?.string
        switch command["subtype"]?.string {
        case "AT_AddConstraint":
            guard let constraint = command["def"]?.body(ifKind: "Constraint") else { return }
            readAddConstraint(constraint, table: table, statement)
        case "AT_ValidateConstraint":
            if let name = column, let target = batch.pendingNotNullChecks.removeValue(forKey: name) {
                batch.notNullChecks.insert(target)
            }
        case "AT_SetNotNull":
            guard let column else { return }
            let key = table + "." + column
            guard !batch.notNullChecks.contains(key), !catalog.notNullChecks.contains(key) else { return }
            report(
                .setNotNull,
                table: table,
                at: relation,
                statement,
                reason: "SET NOT NULL on \(key) scans the whole table under an ACCESS EXCLUSIVE lock",
                rewrite: "first ADD CONSTRAINT c CHECK (\(column) IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT c "
                    + "in a later revision; SET NOT NULL then skips the scan"
            )
        case "AT_AddColumn":
            guard let definition = command["def"]?.body(ifKind: "ColumnDef") else { return }
            readAddColumn(definition, table: table, statement)
        case "AT_AlterColumnType":
            guard let column, let definition = command["def"]?.body(ifKind: "ColumnDef") else { return }
            readAlterColumnType(definition, column: table + "." + column, table: table, relation: relation, statement)
        case "AT_DropColumn":
            guard let column else { return }
            report(
                .dropColumn,
                table: table,
                at: relation,
                statement,
                reason: "DROP COLUMN \(table).\(column) breaks the app version still running, which selects or "
                    + "inserts it",
                rewrite: "stop using the column in one release; drop it in a post-deploy revision "
                    + "(`-- migrate:phase post`)"
            )
        default:
            break
        }
    }

    private mutating func readAddConstraint(_ constraint: SyntaxNode, table: String, _ statement: SQLStatement) {
        let validated = !constraint.flag("skip_validation")
        switch constraint["contype"]?.string {
        case "CONSTR_CHECK", "CONSTR_FOREIGN":
            let isCheck = constraint["contype"]?.string == "CONSTR_CHECK"
            if isCheck, let column = LintStatementReader.notNullColumn(ofCheck: constraint) {
                let key = table + "." + column
                if validated {
                    batch.notNullChecks.insert(key)
                } else if let name = constraint["conname"]?.string {
                    batch.pendingNotNullChecks[name] = key
                }
            }
            guard validated else { return }
            let kind = isCheck ? "CHECK" : "FOREIGN KEY"
            report(
                .constraintNotValid,
                table: table,
                at: constraint,
                statement,
                reason: "ADD \(kind) on \(table) checks every row while holding a lock that blocks writes"
                    + (isCheck ? "" : " (on both tables)"),
                rewrite: "ADD CONSTRAINT ... \(kind) ... NOT VALID here, then VALIDATE CONSTRAINT in a later "
                    + "revision (it does not block writes)"
            )
        case "CONSTR_PRIMARY", "CONSTR_UNIQUE":
            guard constraint["indexname"] == nil else { return }
            let kind = constraint["contype"]?.string == "CONSTR_PRIMARY" ? "PRIMARY KEY" : "UNIQUE"
            report(
                .addUniqueWithoutIndex,
                table: table,
                at: constraint,
                statement,
                reason: "ADD \(kind) on \(table) builds its index under an ACCESS EXCLUSIVE lock",
                rewrite: "CREATE UNIQUE INDEX CONCURRENTLY i ON ... in a non-transactional revision, then "
                    + "ADD CONSTRAINT c \(kind) USING INDEX i"
            )
        default:
            break
        }
    }

    private mutating func readAddColumn(_ definition: SyntaxNode, table: String, _ statement: SQLStatement) {
        guard let name = definition["colname"]?.string else { return }
        let type = LintColumnType(typeName: definition["typeName"])
        if let type { batch.columnTypes[table + "." + name] = type }
        let constraints = (definition["constraints"]?.array ?? []).compactMap { $0.body(ifKind: "Constraint") }
        let kinds = Set(constraints.compactMap { $0["contype"]?.string })
        let typeName = definition["typeName"]?["names"]?.nameParts?.last ?? ""
        let isSerial = ["serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"].contains(typeName)
        if kinds.contains("CONSTR_NOTNULL") && !kinds.contains("CONSTR_DEFAULT") && !isSerial
            && !kinds.contains("CONSTR_IDENTITY") && !kinds.contains("CONSTR_GENERATED")
        {
            report(
                .addColumnNotNullWithoutDefault,
                table: table,
                at: definition,
                statement,
                reason: "ADD COLUMN \(name) NOT NULL without a default fails on \(table) as soon as it has a row",
                rewrite: "add it nullable (or with a constant DEFAULT), backfill in batches, then SET NOT NULL "
                    + "through a validated CHECK"
            )
        }
        let volatileCall = constraints.first { $0["contype"]?.string == "CONSTR_DEFAULT" }.flatMap { constraint in
            constraint["raw_expr"]?.descendants(ofKind: "FuncCall").compactMap { call in
                call["funcname"]?.nameParts?.last
            }.first { catalog.volatileFunctions.contains($0) }
        }
        if volatileCall != nil || isSerial || kinds.contains("CONSTR_IDENTITY") {
            let what = volatileCall.map { "the volatile default \($0)()" } ?? "a sequence default (\(typeName))"
            report(
                .addColumnVolatileDefault,
                table: table,
                at: definition,
                statement,
                reason: "ADD COLUMN \(name) with \(what) rewrites all of \(table) under an ACCESS EXCLUSIVE lock",
                rewrite: "add the column without a default (or with a constant one), SET DEFAULT for new rows, "
                    + "and backfill existing rows in batches"
            )
        }
        if kinds.contains("CONSTR_PRIMARY") || kinds.contains("CONSTR_UNIQUE") {
            report(
                .addUniqueWithoutIndex,
                table: table,
                at: definition,
                statement,
                reason: "ADD COLUMN \(name) with PRIMARY KEY/UNIQUE builds its index under an ACCESS EXCLUSIVE lock",
                rewrite: "add the column, CREATE UNIQUE INDEX CONCURRENTLY in a non-transactional revision, then "
                    + "ADD CONSTRAINT ... USING INDEX"
            )
        }
    }

    private mutating func readAlterColumnType(
        _ definition: SyntaxNode,
        column: String,
        table: String,
        relation: SyntaxNode?,
        _ statement: SQLStatement
    ) {
        guard let new = LintColumnType(typeName: definition["typeName"]) else { return }
        let old = batch.columnTypes[column] ?? catalog.columnTypes[column].map { LintColumnType(formatted: $0) }
        batch.columnTypes[column] = new
        let hasUsing = definition["raw_default"] != nil
        if hasUsing || old.map({ !new.changesWithoutRewrite(from: $0) }) ?? true {
            let why =
                if hasUsing { "with USING" } else if let old { "from \(old.formatted)" } else {
                    "from a type lint cannot see (offline, not written in this batch)"
                }
            report(
                .alterColumnTypeRewrite,
                table: table,
                at: definition,
                statement,
                reason: "ALTER COLUMN \(column) TYPE \(new.formatted) \(why) rewrites the table under an ACCESS "
                    + "EXCLUSIVE lock",
                rewrite: "add a new column of the new type, backfill it in batches, switch the app over, then drop "
                    + "the old one post-deploy (or widen only: longer varchar, varchar to text, numeric precision)"
            )
        }
        if let old, new.narrows(from: old) {
            report(
                .narrowColumnType,
                table: table,
                at: definition,
                statement,
                reason: "\(column) narrows from \(old.formatted) to \(new.formatted): the app still running may "
                    + "write values that no longer fit",
                rewrite: "narrow in a post-deploy revision, after the new app stops writing such values"
            )
        }
    }

    // MARK: - Renames

    private mutating func readRename(_ body: SyntaxNode, _ statement: SQLStatement) {
        switch body["renameType"]?.string {
        case "OBJECT_COLUMN" where body["relationType"]?.string == "OBJECT_TABLE":
            guard let table = tableKey(body["relation"]), let old = body["subname"]?.string else { return }
            let new = body["newname"]?.string ?? ""
            if let type = batch.columnTypes.removeValue(forKey: table + "." + old) {
                batch.columnTypes[table + "." + new] = type
            }
            report(
                .renameColumn,
                table: table,
                at: body["relation"],
                statement,
                reason: "RENAME COLUMN \(table).\(old) to \(new) breaks the app version still running, which uses "
                    + "the old name",
                rewrite: "add the new column, write both and backfill, switch reads, then drop the old column "
                    + "post-deploy"
            )
        case "OBJECT_TABLE":
            guard let table = tableKey(body["relation"]), let new = body["newname"]?.string else { return }
            let renamed = String(table.split(separator: ".")[0]) + "." + new
            report(
                .renameTable,
                table: table,
                at: body["relation"],
                statement,
                reason: "RENAME of table \(table) to \(new) breaks the app version still running, which uses the "
                    + "old name",
                rewrite: "rename, then CREATE VIEW with the old name over the new table until the old app is gone "
                    + "(drop the view post-deploy)"
            )
            if batch.createdTables.remove(table) != nil { batch.createdTables.insert(renamed) }
        case "OBJECT_TYPE":
            guard let names = body["object"]?.body(ifKind: "List")?["items"]?.nameParts, let name = names.last
            else { return }
            let key = (names.count > 1 ? names[0] : "public") + "." + name
            // A type renamed away is usually rebuilt under its old name: remember its labels for CREATE TYPE.
            if let labels = batch.enumLabels[key] ?? catalog.enumLabels[key] { batch.enumLabels[key] = labels }
        default:
            break
        }
    }

    // MARK: - Findings

    /// `schema.table` of a `RangeVar`, resolving an unqualified name as the catalog does.
    private func tableKey(_ rangeVar: SyntaxNode?) -> String? {
        guard let (schema, name) = LintStatementReader.relation(rangeVar) else { return nil }
        return (schema ?? catalog.schema(ofTable: name)) + "." + name
    }

    private func qualified(_ parts: [String]) -> String {
        parts.count > 1
            ? parts[parts.count - 2] + "." + parts[parts.count - 1] : catalog.schema(ofTable: parts[0]) + "." + parts[0]
    }

    private func fileLine(_ position: SQLPosition) -> Int { revision.up.firstLine - 1 + position.line }

    /// Reports `rule` at `node`'s location (else the statement's start), with the severity table size and
    /// configuration give it.
    private mutating func report(
        _ rule: LintRule,
        table: String?,
        at node: SyntaxNode?,
        _ statement: SQLStatement,
        reason: String,
        rewrite: String
    ) {
        var position = statement.start
        if let offset = LintStatementReader.location(node), offset >= statement.byteRange.lowerBound,
            offset < statement.byteRange.upperBound
        {
            position = script.position(ofByteOffset: offset)
        }
        var severity: LintSeverity?
        var note: String?
        if let table, batch.createdTables.contains(table) {
            severity = .info
            note = "\(table) is created earlier in this batch, so nothing uses it yet"
        } else if rule.hazard == .compatibility && isPostDeploy {
            severity = .info
            note = "the revision runs post-deploy, after the old app version is gone"
        } else if rule.hazard == .lock, let table, let rows = catalog.rows[table] ?? nil,
            rows < Double(linter.settings.smallTableRows)
        {
            severity = .warning
            note = "\(table) has about \(Int(rows)) rows (under small_table_rows = \(linter.settings.smallTableRows))"
        }
        add(
            rule,
            line: fileLine(position),
            column: position.column,
            reason: reason,
            rewrite: rewrite,
            severity: severity,
            note: note
        )
    }

    /// Adds a finding; `severity` lowers the configured one (it never raises it).
    private mutating func add(
        _ rule: LintRule,
        line: Int,
        column: Int,
        reason: String,
        rewrite: String,
        severity lowered: LintSeverity?,
        note: String?
    ) {
        guard let configured = linter.settings.severity(of: rule) else { return }
        let severity = lowered.map { min($0, configured) } ?? configured
        findings.append(
            LintFinding(
                file: revision.path,
                revision: revision.id,
                line: line,
                column: column,
                rule: rule,
                severity: severity,
                reason: reason,
                rewrite: rewrite,
                note: severity < configured ? note : nil
            )
        )
    }
}
