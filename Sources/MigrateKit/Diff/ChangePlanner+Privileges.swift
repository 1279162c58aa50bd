/// Owners and privileges (`--privileges`): `ALTER ... OWNER TO`, `GRANT`/`REVOKE` and
/// `ALTER DEFAULT PRIVILEGES`, planned only when both snapshots hold privileges.
///
/// An object the plan creates (or drops and creates again) starts as PostgreSQL makes it: owned by the role
/// the revision runs as, with the default ACL of its kind and whatever default privileges that role has on
/// the current side. Owner changes come first in an object's statements, and the ACL is compared as
/// PostgreSQL rewrites it for the new owner. Default privileges change at the end of the plan, so they do
/// not touch the objects the plan creates.
extension ChangePlanner {
    func emitPrivileges() {
        guard let current = from.privileges, let desired = to.privileges else { return }
        for (key, wanted) in desired.objects.sorted(by: { $0.key < $1.key }) {
            guard let step = privilegeStep(of: key) else { continue }
            let fresh = isNew(step.object)
            var before: ObjectPrivileges
            if fresh {
                before = ObjectPrivileges(owner: current.connectingRole, grants: freshGrants(of: key, in: current))
                if case .column = key { before.owner = nil }
            } else if let existing = current.objects[key] {
                before = existing
            } else if case .column = key {
                before = ObjectPrivileges(owner: nil, grants: [])
            } else {
                continue
            }
            if let owner = wanted.owner, let old = before.owner, old != owner {
                if let sql = ownerStatement(key, owner: owner, connectingRole: current.connectingRole) {
                    add(step.key, .alter, sql)
                }
                before.grants = PrivilegeGrant.renaming(old, to: owner, in: before.grants)
            }
            if case .column(let relation, _) = key, !fresh,
                let old = current.objects[relationKey(relation)]?.owner,
                let new = desired.objects[relationKey(relation)]?.owner, old != new
            {
                before.grants = PrivilegeGrant.renaming(old, to: new, in: before.grants)
            }
            guard let target = grantTarget(of: key) else { continue }
            for sql in PrivilegeStatements.changes(
                from: before.grants,
                to: wanted.grants,
                on: target,
                connectingRole: current.connectingRole
            ) {
                add(step.key, .alter, sql)
            }
        }
        // Columns that lose every column privilege have no ACL on the desired side.
        for (key, existing) in current.objects.sorted(by: { $0.key < $1.key }) where desired.objects[key] == nil {
            guard case .column = key, let step = privilegeStep(of: key), !isNew(step.object),
                let target = grantTarget(of: key)
            else { continue }
            for sql in PrivilegeStatements.changes(
                from: existing.grants,
                to: [],
                on: target,
                connectingRole: current.connectingRole
            ) {
                add(step.key, .alter, sql)
            }
        }
    }

    /// `ALTER DEFAULT PRIVILEGES` statements, for the end of the plan.
    func defaultPrivilegeStatements() -> [PlannedStatement] {
        guard let current = from.privileges, let desired = to.privileges else { return [] }
        var statements: [PlannedStatement] = []
        let keys = Set(current.defaultPrivileges.keys).union(desired.defaultPrivileges.keys).sorted()
        for key in keys {
            // Default privileges in a schema go away with it.
            if let schema = key.schema, isGoing(.schema(schema)) { continue }
            let standard = key.schema == nil ? current.builtInGrants(kind: key.builtInKind, owner: key.role) : []
            let before = current.defaultPrivileges[key] ?? standard
            let after = desired.defaultPrivileges[key] ?? standard
            var prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE "
            prefix += PrivilegeStatements.role(key.role, connectingRole: current.connectingRole)
            if let schema = key.schema { prefix += " IN SCHEMA " + SQLRenderer.name(schema) }
            let target = PrivilegeStatements.Target(prefix: prefix + " ", object: key.objectsName)
            for sql in PrivilegeStatements.changes(
                from: before,
                to: after,
                on: target,
                connectingRole: current.connectingRole
            ) {
                statements.append(PlannedStatement(sql))
            }
        }
        return statements
    }

    // MARK: - Helpers

    /// The object whose existence an entry follows, and the step key its statements join; `nil` when the
    /// object is not in the desired schema.
    private func privilegeStep(of key: ObjectKey) -> (object: ObjectKey, key: ObjectKey)? {
        if case .column(let relation, _) = key, to.views[relation] != nil {
            return toKeys.contains(.view(relation)) ? (.view(relation), .view(relation)) : nil
        }
        return toKeys.contains(key) ? (key, key) : nil
    }

    /// Whether the plan creates the object (anew, or again after dropping it).
    private func isNew(_ key: ObjectKey) -> Bool {
        added.contains(key) || isGoing(key) || rebuilt.contains(key)
    }

    /// The ACL PostgreSQL gives an object the connecting role creates: the built-in default for its kind, or
    /// the role's default privileges, plus those for the object's schema.
    private func freshGrants(of key: ObjectKey, in privileges: CatalogPrivileges) -> [PrivilegeGrant] {
        let kinds: (builtIn: String, objectType: String, schema: String?)
        switch key {
        case .schema: kinds = ("n", "n", nil)
        case .type(let name): kinds = ("T", "T", name.schema)
        case .table(let name), .view(let name): kinds = ("r", "r", name.schema)
        case .sequence(let name): kinds = ("s", "S", name.schema)
        case .function(let identity): kinds = ("f", "f", identity.name.schema)
        default: return []
        }
        let role = privileges.connectingRole
        let global = DefaultPrivilegeKey(role: role, schema: nil, objectType: kinds.objectType)
        var grants =
            privileges.defaultPrivileges[global] ?? privileges.builtInGrants(kind: kinds.builtIn, owner: role)
        if let schema = kinds.schema,
            let inSchema = privileges.defaultPrivileges[
                DefaultPrivilegeKey(role: role, schema: schema, objectType: kinds.objectType)
            ]
        {
            grants = PrivilegeGrant.merging(grants, inSchema)
        }
        return grants
    }

    /// `ALTER ... OWNER TO`, or `nil` for a sequence that stays owned by a column: it follows its table's
    /// owner, and PostgreSQL refuses to change it alone.
    private func ownerStatement(_ key: ObjectKey, owner: String, connectingRole: String) -> String? {
        let role = PrivilegeStatements.role(owner, connectingRole: connectingRole)
        let object: String
        switch key {
        case .schema(let name): object = "SCHEMA " + SQLRenderer.name(name)
        case .type(let name): object = (to.domains[name] != nil ? "DOMAIN " : "TYPE ") + SQLRenderer.name(name)
        case .table(let name): object = "TABLE " + SQLRenderer.name(name)
        case .view(let name):
            object = (to.views[name]?.isMaterialized == true ? "MATERIALIZED VIEW " : "VIEW ") + SQLRenderer.name(name)
        case .sequence(let name):
            // Still unlinked when the plan creates it or links it: then it must get its table's owner first.
            guard to.sequences[name]?.owner == nil || from.sequences[name]?.owner == nil || isNew(key) else {
                return nil
            }
            object = "SEQUENCE " + SQLRenderer.name(name)
        case .function(let identity):
            guard let function = to.functions[identity] else { return nil }
            object = function.kind.rawValue + " " + SQLRenderer.signature(identity, of: function.kind)
        case .collation(let name): object = "COLLATION " + SQLRenderer.name(name)
        default: return nil
        }
        return "ALTER \(object) OWNER TO \(role)"
    }

    /// What `GRANT ... ON` names for the object; `nil` for kinds without privileges (collations).
    private func grantTarget(of key: ObjectKey) -> PrivilegeStatements.Target? {
        switch key {
        case .schema(let name): return .init(object: "SCHEMA " + SQLRenderer.name(name))
        case .type(let name):
            return .init(object: (to.domains[name] != nil ? "DOMAIN " : "TYPE ") + SQLRenderer.name(name))
        case .table(let name), .view(let name): return .init(object: "TABLE " + SQLRenderer.name(name))
        case .sequence(let name): return .init(object: "SEQUENCE " + SQLRenderer.name(name))
        case .function(let identity):
            guard let function = to.functions[identity] ?? from.functions[identity] else { return nil }
            let kind = function.kind == .procedure ? "PROCEDURE " : "FUNCTION "
            return .init(object: kind + SQLRenderer.signature(identity, of: function.kind))
        case .column(let relation, let column):
            return .init(object: "TABLE " + SQLRenderer.name(relation), columns: " (" + SQLRenderer.name(column) + ")")
        default: return nil
        }
    }
}
