/// Decides from a parse tree how a statement relates to transaction blocks.
///
/// The restrictions are PostgreSQL 15's callers of `PreventInTransactionBlock`, read from the grammar's output
/// alone. Two cases depend on the catalog and are not reported: `REINDEX TABLE`/`REINDEX INDEX` and `CLUSTER`
/// of a *partitioned* table also refuse to run in a transaction block. `DROP SUBSCRIPTION` is reported although
/// it runs in a transaction block when the subscription has no replication slot (`slot_name = NONE`).
package enum StatementClassifier {
    /// How deep below a statement's node wrapper (level 0) classification looks: for the kinds that have a rule,
    /// at most to an option's value, `{"ReindexStmt": {"params": [{"DefElem": {"arg": {"Integer": {"ival": 1}}}}]}}`,
    /// whose `1` is at level 7; for every other kind (`CreateStmt`, `InsertStmt`...), only at the wrapper. Trees
    /// parsed to this depth (``SQLScript/parsedStatements(treeDepth:)``) classify as whole ones do: `rules` is the
    /// only place that reads a statement's body, so a kind given a rule is parsed deep enough.
    /// (The engine's INVALID-index recovery also reads `IndexStmt` bodies, which have a rule.)
    package static func treeDepth(ofKind kind: String) -> Int {
        rules[kind] == nil ? 0 : 7
    }

    /// All that is known about `statement`, a node wrapper such as `{"IndexStmt": {...}}`.
    package static func classify(_ statement: SyntaxNode) -> StatementClassification {
        guard let kind = statement.kind, let body = statement.body, let rule = rules[kind] else {
            return StatementClassification()
        }
        return rule(body)
    }

    /// Why `statement` cannot run inside a transaction block, or `nil` when it can.
    package static func transactionRestriction(of statement: SyntaxNode) -> String? {
        classify(statement).transactionRestriction
    }

    /// The transaction-control command `statement` is (`BEGIN`, `COMMIT`, `SAVEPOINT`...), or `nil`.
    ///
    /// `COMMIT PREPARED` and `ROLLBACK PREPARED` act on a prepared transaction, not the session's: they are
    /// reported by ``transactionRestriction(of:)`` instead.
    package static func transactionControl(of statement: SyntaxNode) -> TransactionControl? {
        classify(statement).transactionControl
    }

    /// A warning for statements that run in a transaction block but act surprisingly there, or `nil`.
    package static func transactionCaveat(of statement: SyntaxNode) -> String? {
        classify(statement).transactionCaveat
    }

    // MARK: - Rules

    /// What a statement of one kind is, from its body.
    private typealias Rule = @Sendable (_ body: SyntaxNode) -> StatementClassification

    /// The rule of each statement kind that is not plain, by node kind.
    private static let rules: [String: Rule] = [
        "IndexStmt": { body in restricted(body.flag("concurrent") ? "CREATE INDEX CONCURRENTLY" : nil) },
        "DropStmt": { body in
            let concurrentIndex = body["removeType"]?.string == "OBJECT_INDEX" && body.flag("concurrent")
            return restricted(concurrentIndex ? "DROP INDEX CONCURRENTLY" : nil)
        },
        "ReindexStmt": { body in
            if option("concurrently", in: body["params"]) == true { return restricted("REINDEX CONCURRENTLY") }
            switch body["kind"]?.string {
            case "REINDEX_OBJECT_SCHEMA": return restricted("REINDEX SCHEMA")
            case "REINDEX_OBJECT_SYSTEM": return restricted("REINDEX SYSTEM")
            case "REINDEX_OBJECT_DATABASE": return restricted("REINDEX DATABASE")
            default: return StatementClassification()
            }
        },
        // ANALYZE shares the node; only VACUUM (with or without ANALYZE) is refused.
        "VacuumStmt": { body in restricted(body.flag("is_vacuumcmd") ? "VACUUM" : nil) },
        "ClusterStmt": { body in
            restricted(body["relation"] == nil ? "CLUSTER" : nil, condition: " without a table name")
        },
        "CreatedbStmt": { _ in restricted("CREATE DATABASE") },
        "DropdbStmt": { _ in restricted("DROP DATABASE") },
        "AlterDatabaseStmt": { body in
            restricted(hasOption("tablespace", in: body["options"]) ? "ALTER DATABASE ... SET TABLESPACE" : nil)
        },
        "AlterSystemStmt": { _ in restricted("ALTER SYSTEM") },
        "CreateTableSpaceStmt": { _ in restricted("CREATE TABLESPACE") },
        "DropTableSpaceStmt": { _ in restricted("DROP TABLESPACE") },
        "DiscardStmt": { body in
            guard body["target"]?.string == "DISCARD_ALL" else { return StatementClassification() }
            var classification = restricted("DISCARD ALL")
            classification.dropsPreparedStatements = true
            return classification
        },
        "DeallocateStmt": { _ in StatementClassification(dropsPreparedStatements: true) },
        "AlterTableStmt": { body in
            restricted(detachesConcurrently(body) ? "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY" : nil)
        },
        "CreateSubscriptionStmt": { body in
            // create_slot defaults to true, except that connect = false turns it off.
            let connects = option("connect", in: body["options"]) ?? true
            return restricted(
                option("create_slot", in: body["options"]) ?? connects ? "CREATE SUBSCRIPTION" : nil,
                condition: " when it creates a replication slot (create_slot defaults to true)"
            )
        },
        "AlterSubscriptionStmt": { body in
            switch body["kind"]?.string {
            case "ALTER_SUBSCRIPTION_REFRESH":
                return restricted("ALTER SUBSCRIPTION ... REFRESH PUBLICATION")
            case "ALTER_SUBSCRIPTION_SET_PUBLICATION", "ALTER_SUBSCRIPTION_ADD_PUBLICATION",
                "ALTER_SUBSCRIPTION_DROP_PUBLICATION":
                return restricted(
                    option("refresh", in: body["options"]) ?? true ? "ALTER SUBSCRIPTION ... PUBLICATION" : nil,
                    condition: " with refresh (refresh defaults to true)"
                )
            default:
                return StatementClassification()
            }
        },
        "DropSubscriptionStmt": { _ in
            restricted(
                "DROP SUBSCRIPTION",
                condition: " when the subscription has a replication slot (unless its slot_name was set to NONE)"
            )
        },
        "TransactionStmt": { body in
            switch body["kind"]?.string {
            case "TRANS_STMT_BEGIN": StatementClassification(transactionControl: .begin)
            case "TRANS_STMT_START": StatementClassification(transactionControl: .startTransaction)
            case "TRANS_STMT_COMMIT": StatementClassification(transactionControl: .commit)
            case "TRANS_STMT_ROLLBACK": StatementClassification(transactionControl: .rollback)
            case "TRANS_STMT_SAVEPOINT": StatementClassification(transactionControl: .savepoint)
            case "TRANS_STMT_RELEASE": StatementClassification(transactionControl: .releaseSavepoint)
            case "TRANS_STMT_ROLLBACK_TO": StatementClassification(transactionControl: .rollbackToSavepoint)
            case "TRANS_STMT_PREPARE": StatementClassification(transactionControl: .prepareTransaction)
            case "TRANS_STMT_COMMIT_PREPARED": restricted("COMMIT PREPARED")
            case "TRANS_STMT_ROLLBACK_PREPARED": restricted("ROLLBACK PREPARED")
            default: StatementClassification()
            }
        },
        "AlterEnumStmt": { body in
            // ALTER TYPE ... RENAME VALUE shares the node, with oldVal set.
            guard body["newVal"] != nil, body["oldVal"] == nil else { return StatementClassification() }
            return StatementClassification(
                transactionCaveat: "ALTER TYPE ... ADD VALUE is allowed in a transaction since PostgreSQL 12, "
                    + "but the new value cannot be used until the transaction commits"
            )
        },
    ]

    /// A statement that cannot run inside a transaction block when `command` is given, else a plain one.
    private static func restricted(_ command: String?, condition: String = "") -> StatementClassification {
        StatementClassification(
            transactionRestriction: command.map { "\($0)\(condition) cannot run inside a transaction block" }
        )
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
