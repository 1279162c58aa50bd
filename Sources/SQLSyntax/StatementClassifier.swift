/// Decides from a parse tree how a statement relates to transaction blocks.
///
/// The restrictions are PostgreSQL 15's callers of `PreventInTransactionBlock`, read from the grammar's output
/// alone. Two cases depend on the catalog and are not reported: `REINDEX TABLE`/`REINDEX INDEX` and `CLUSTER`
/// of a *partitioned* table also refuse to run in a transaction block. `DROP SUBSCRIPTION` is reported although
/// it runs in a transaction block when the subscription has no replication slot (`slot_name = NONE`).
package enum StatementClassifier {
    /// How deep below a statement's node wrapper (level 0) classification looks: for the kinds it inspects, at
    /// most to an option's value, `{"ReindexStmt": {"params": [{"DefElem": {"arg": {"Integer": {"ival": 1}}}}]}}`,
    /// whose `1` is at level 7; for every other kind (`CreateStmt`, `InsertStmt`...), only at the wrapper. Trees
    /// parsed to this depth (``SQLScript/parsedStatements(treeDepth:)``) classify as whole ones do.
    package static func treeDepth(ofKind kind: String) -> Int {
        inspectedKinds.contains(kind) ? 7 : 0
    }

    /// The statement kinds whose bodies the functions below look into: keep in step with their `switch`es.
    /// (The engine's INVALID-index recovery also reads `IndexStmt` bodies.)
    private static let inspectedKinds: Set<String> = [
        "IndexStmt", "DropStmt", "ReindexStmt", "VacuumStmt", "ClusterStmt", "CreatedbStmt", "DropdbStmt",
        "AlterDatabaseStmt", "AlterSystemStmt", "CreateTableSpaceStmt", "DropTableSpaceStmt", "DiscardStmt",
        "AlterTableStmt", "CreateSubscriptionStmt", "AlterSubscriptionStmt", "DropSubscriptionStmt",
        "TransactionStmt", "AlterEnumStmt",
    ]

    /// All that is known about `statement`, a node wrapper such as `{"IndexStmt": {...}}`.
    package static func classify(_ statement: SyntaxNode) -> StatementClassification {
        StatementClassification(
            transactionRestriction: transactionRestriction(of: statement),
            transactionControl: transactionControl(of: statement),
            transactionCaveat: transactionCaveat(of: statement),
            dropsPreparedStatements: dropsPreparedStatements(statement)
        )
    }

    /// Whether `statement` drops the session's prepared statements: `DEALLOCATE [ALL | name]`, `DISCARD ALL`.
    package static func dropsPreparedStatements(_ statement: SyntaxNode) -> Bool {
        switch statement.kind {
        case "DeallocateStmt": true
        case "DiscardStmt": statement.body?["target"]?.string == "DISCARD_ALL"
        default: false
        }
    }

    /// Why `statement` cannot run inside a transaction block, or `nil` when it can.
    package static func transactionRestriction(of statement: SyntaxNode) -> String? {
        guard let kind = statement.kind, let body = statement.body else { return nil }
        let command: String
        var condition = ""
        switch kind {
        case "IndexStmt":
            guard body.flag("concurrent") else { return nil }
            command = "CREATE INDEX CONCURRENTLY"
        case "DropStmt":
            guard body["removeType"]?.string == "OBJECT_INDEX", body.flag("concurrent") else { return nil }
            command = "DROP INDEX CONCURRENTLY"
        case "ReindexStmt":
            if option("concurrently", in: body["params"]) == true {
                command = "REINDEX CONCURRENTLY"
            } else {
                switch body["kind"]?.string {
                case "REINDEX_OBJECT_SCHEMA": command = "REINDEX SCHEMA"
                case "REINDEX_OBJECT_SYSTEM": command = "REINDEX SYSTEM"
                case "REINDEX_OBJECT_DATABASE": command = "REINDEX DATABASE"
                default: return nil
                }
            }
        case "VacuumStmt":
            // ANALYZE shares the node; only VACUUM (with or without ANALYZE) is refused.
            guard body.flag("is_vacuumcmd") else { return nil }
            command = "VACUUM"
        case "ClusterStmt":
            guard body["relation"] == nil else { return nil }
            command = "CLUSTER"
            condition = " without a table name"
        case "CreatedbStmt":
            command = "CREATE DATABASE"
        case "DropdbStmt":
            command = "DROP DATABASE"
        case "AlterDatabaseStmt":
            guard hasOption("tablespace", in: body["options"]) else { return nil }
            command = "ALTER DATABASE ... SET TABLESPACE"
        case "AlterSystemStmt":
            command = "ALTER SYSTEM"
        case "CreateTableSpaceStmt":
            command = "CREATE TABLESPACE"
        case "DropTableSpaceStmt":
            command = "DROP TABLESPACE"
        case "DiscardStmt":
            guard body["target"]?.string == "DISCARD_ALL" else { return nil }
            command = "DISCARD ALL"
        case "AlterTableStmt":
            guard detachesConcurrently(body) else { return nil }
            command = "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"
        case "CreateSubscriptionStmt":
            // create_slot defaults to true, except that connect = false turns it off.
            let connects = option("connect", in: body["options"]) ?? true
            guard option("create_slot", in: body["options"]) ?? connects else { return nil }
            command = "CREATE SUBSCRIPTION"
            condition = " when it creates a replication slot (create_slot defaults to true)"
        case "AlterSubscriptionStmt":
            switch body["kind"]?.string {
            case "ALTER_SUBSCRIPTION_REFRESH":
                command = "ALTER SUBSCRIPTION ... REFRESH PUBLICATION"
            case "ALTER_SUBSCRIPTION_SET_PUBLICATION", "ALTER_SUBSCRIPTION_ADD_PUBLICATION",
                "ALTER_SUBSCRIPTION_DROP_PUBLICATION":
                guard option("refresh", in: body["options"]) ?? true else { return nil }
                command = "ALTER SUBSCRIPTION ... PUBLICATION"
                condition = " with refresh (refresh defaults to true)"
            default:
                return nil
            }
        case "DropSubscriptionStmt":
            command = "DROP SUBSCRIPTION"
            condition = " when the subscription has a replication slot (unless its slot_name was set to NONE)"
        case "TransactionStmt":
            switch body["kind"]?.string {
            case "TRANS_STMT_COMMIT_PREPARED": command = "COMMIT PREPARED"
            case "TRANS_STMT_ROLLBACK_PREPARED": command = "ROLLBACK PREPARED"
            default: return nil
            }
        default:
            return nil
        }
        return "\(command)\(condition) cannot run inside a transaction block"
    }

    /// The transaction-control command `statement` is (`BEGIN`, `COMMIT`, `SAVEPOINT`...), or `nil`.
    ///
    /// `COMMIT PREPARED` and `ROLLBACK PREPARED` act on a prepared transaction, not the session's: they are
    /// reported by ``transactionRestriction(of:)`` instead.
    package static func transactionControl(of statement: SyntaxNode) -> TransactionControl? {
        guard let body = statement.body(ifKind: "TransactionStmt") else { return nil }
        switch body["kind"]?.string {
        case "TRANS_STMT_BEGIN": return .begin
        case "TRANS_STMT_START": return .startTransaction
        case "TRANS_STMT_COMMIT": return .commit
        case "TRANS_STMT_ROLLBACK": return .rollback
        case "TRANS_STMT_SAVEPOINT": return .savepoint
        case "TRANS_STMT_RELEASE": return .releaseSavepoint
        case "TRANS_STMT_ROLLBACK_TO": return .rollbackToSavepoint
        case "TRANS_STMT_PREPARE": return .prepareTransaction
        default: return nil
        }
    }

    /// A warning for statements that run in a transaction block but act surprisingly there, or `nil`.
    package static func transactionCaveat(of statement: SyntaxNode) -> String? {
        // ALTER TYPE ... RENAME VALUE shares the node, with oldVal set.
        guard let body = statement.body(ifKind: "AlterEnumStmt"), body["newVal"] != nil, body["oldVal"] == nil
        else { return nil }
        return "ALTER TYPE ... ADD VALUE is allowed in a transaction since PostgreSQL 12, "
            + "but the new value cannot be used until the transaction commits"
    }

    // MARK: - Options

    private static func detachesConcurrently(_ alterTable: SyntaxNode) -> Bool {
        for command in alterTable["cmds"]?.array ?? [] {
            guard let body = command.body(ifKind: "AlterTableCmd"), body["subtype"]?.string == "AT_DetachPartition"
            else { continue }
            if body["def"]?.body(ifKind: "PartitionCmd")?.flag("concurrent") == true { return true }
        }
        return false
    }

    private static func hasOption(_ name: String, in options: SyntaxNode?) -> Bool {
        definitions(options).contains { $0["defname"]?.string == name }
    }

    /// The boolean value of option `name` in a list of `DefElem` nodes, read as PostgreSQL's `defGetBoolean`
    /// does: no value means true; 1/0, true/false and on/off in any case. `nil` when the option is absent or
    /// its value is not a boolean (the server then rejects the statement anyway).
    static func option(_ name: String, in options: SyntaxNode?) -> Bool? {
        // The last occurrence would win, but PostgreSQL rejects repeated options.
        guard let definition = definitions(options).last(where: { $0["defname"]?.string == name }) else {
            return nil
        }
        guard let argument = definition["arg"] else { return true }
        if let integer = argument.body(ifKind: "Integer") {
            switch integer["ival"]?.int ?? 0 {
            case 0: return false
            case 1: return true
            default: return nil
            }
        }
        if let boolean = argument.body(ifKind: "Boolean") { return boolean.flag("boolval") }
        guard let text = argument.stringNodeValue else { return nil }
        switch text.lowercased() {
        case "true", "on": return true
        case "false", "off": return false
        default: return nil
        }
    }

    private static func definitions(_ options: SyntaxNode?) -> [SyntaxNode] {
        (options?.array ?? []).compactMap { $0.body(ifKind: "DefElem") }
    }
}
