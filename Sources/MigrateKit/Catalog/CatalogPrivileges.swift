/// Owners and privileges of a database's objects: read only when asked (`[autogenerate] privileges`,
/// `--privileges`), compared only then.
///
/// Roles are named, never created: they belong to the cluster, not to a database's schema. ACLs are kept
/// as PostgreSQL applies them: an object without an ACL of its own has the default one for its kind and
/// owner (`acldefault`), so a `NULL` ACL and its written-out default compare equal, as `pg_dump` treats them.
package struct CatalogPrivileges: Hashable, Sendable {
    /// The role the reading session connected as (`current_user`): the owner of whatever it creates.
    package var connectingRole: String
    /// Every role of the cluster, to tell which roles a plan names that do not exist.
    package var existingRoles: Set<String> = []
    /// Owner and ACL of schemas, enums and domains, tables, views, sequences, functions and collations
    /// (owner only), and the ACLs of columns that have one (no owner), by the key the snapshot uses
    /// (`.column(relation, name)` for a column of a table or view).
    package var objects: [ObjectKey: ObjectPrivileges] = [:]
    /// `ALTER DEFAULT PRIVILEGES` (`pg_default_acl`): each entry's ACL as stored.
    package var defaultPrivileges: [DefaultPrivilegeKey: [PrivilegeGrant]] = [:]
    /// `acldefault(kind, owner)` of this server for `r` (relations), `s` (sequences), `f` (functions), `T`
    /// (types) and `n` (schemas).
    package var builtInDefaults: [String: BuiltInDefault] = [:]

    package init(connectingRole: String) {
        self.connectingRole = connectingRole
    }

    /// The ACL a new object of a kind gets from its creator `owner` before any default privilege applies.
    package func builtInGrants(kind: String, owner: String) -> [PrivilegeGrant] {
        guard let defaults = builtInDefaults[kind] else { return [] }
        let grants =
            defaults.ownerPrivileges.map { PrivilegeGrant(grantee: owner, privilege: $0, grantable: false) }
            + defaults.publicPrivileges.map { PrivilegeGrant(grantee: "", privilege: $0, grantable: false) }
        return grants.sorted()
    }

    /// The same privileges with the role `old` named `new` everywhere (grants of both merged), as if the
    /// objects had been made by `new`.
    package func renamingRole(_ old: String, to new: String) -> CatalogPrivileges {
        guard old != new else { return self }
        var renamed = self
        renamed.objects = objects.mapValues { object in
            var object = object
            if object.owner == old { object.owner = new }
            object.grants = PrivilegeGrant.renaming(old, to: new, in: object.grants)
            return object
        }
        renamed.defaultPrivileges = [:]
        for (key, grants) in defaultPrivileges {
            var key = key
            if key.role == old { key.role = new }
            renamed.defaultPrivileges[key] = PrivilegeGrant.renaming(old, to: new, in: grants)
        }
        return renamed
    }

    /// The roles the privileges name (owners, grantees, the roles of default privileges), each with the first
    /// few objects naming it, for a message; `PUBLIC` is not a role.
    package var namedRoles: [String: [String]] {
        var roles: [String: [String]] = [:]
        func note(_ role: String, _ what: String) {
            guard !role.isEmpty else { return }
            roles[role, default: []].append(what)
        }
        for (key, object) in objects.sorted(by: { $0.key < $1.key }) {
            if let owner = object.owner { note(owner, "owner of \(key)") }
            for grantee in Set(object.grants.map(\.grantee)).sorted() { note(grantee, "grantee on \(key)") }
        }
        for (key, grants) in defaultPrivileges.sorted(by: { $0.key < $1.key }) {
            note(key.role, "default privileges \(key)")
            for grantee in Set(grants.map(\.grantee)).sorted() { note(grantee, "grantee in default privileges \(key)") }
        }
        return roles
    }
}

/// Who owns one object and who may do what with it.
package struct ObjectPrivileges: Hashable, Sendable {
    /// The owning role; `nil` for a column, which has no owner of its own.
    package var owner: String?
    /// The object's ACL, sorted; PostgreSQL's default for its kind and owner when it has none.
    package var grants: [PrivilegeGrant]

    package init(owner: String?, grants: [PrivilegeGrant]) {
        self.owner = owner
        self.grants = grants.sorted()
    }
}

/// One privilege held by one role, or by `PUBLIC`, as `aclexplode` lists it. The grantor is not kept: a
/// grant made through another role's grant option compares as if the owner had made it.
package struct PrivilegeGrant: Hashable, Comparable, Sendable {
    /// The role, or `""` for `PUBLIC` (no role has an empty name).
    package var grantee: String
    /// `SELECT`, `USAGE`, `EXECUTE`...
    package var privilege: String
    /// `WITH GRANT OPTION`.
    package var grantable: Bool

    package init(grantee: String, privilege: String, grantable: Bool) {
        self.grantee = grantee
        self.privilege = privilege
        self.grantable = grantable
    }

    package static func < (lhs: PrivilegeGrant, rhs: PrivilegeGrant) -> Bool {
        (lhs.grantee, lhs.privilege, lhs.grantable ? 1 : 0) < (rhs.grantee, rhs.privilege, rhs.grantable ? 1 : 0)
    }

    /// `grants` with `old` replaced by `new`, one grant per role and privilege (grantable if either was), as
    /// PostgreSQL rewrites an ACL when an object changes owner.
    package static func renaming(_ old: String, to new: String, in grants: [PrivilegeGrant]) -> [PrivilegeGrant] {
        var merged: [String: [String: Bool]] = [:]
        for grant in grants {
            let grantee = grant.grantee == old ? new : grant.grantee
            merged[grantee, default: [:]][grant.privilege, default: false] =
                (merged[grantee]?[grant.privilege] ?? false) || grant.grantable
        }
        return merged.flatMap { grantee, privileges in
            privileges.map { PrivilegeGrant(grantee: grantee, privilege: $0.key, grantable: $0.value) }
        }.sorted()
    }

    /// `grants` and `more` together, one grant per role and privilege (grantable if either was).
    package static func merging(_ grants: [PrivilegeGrant], _ more: [PrivilegeGrant]) -> [PrivilegeGrant] {
        renaming("", to: "", in: grants + more)
    }
}

/// One `pg_default_acl` entry: privileges that objects of a kind get when `role` creates them, everywhere
/// or in one schema.
package struct DefaultPrivilegeKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The role whose new objects get the privileges (`FOR ROLE`).
    package var role: String
    /// `IN SCHEMA`; `nil` for the entry that applies everywhere.
    package var schema: String?
    /// `pg_default_acl.defaclobjtype`: `r` tables and views, `S` sequences, `f` functions and procedures,
    /// `T` types, `n` schemas.
    package var objectType: String

    package init(role: String, schema: String?, objectType: String) {
        self.role = role
        self.schema = schema
        self.objectType = objectType
    }

    package static func < (lhs: DefaultPrivilegeKey, rhs: DefaultPrivilegeKey) -> Bool {
        (lhs.role, lhs.schema ?? "", lhs.objectType) < (rhs.role, rhs.schema ?? "", rhs.objectType)
    }

    /// What `ALTER DEFAULT PRIVILEGES ... ON` calls the kind: `TABLES`, `SEQUENCES`...
    package var objectsName: String {
        switch objectType {
        case "r": "TABLES"
        case "S": "SEQUENCES"
        case "f": "FUNCTIONS"
        case "T": "TYPES"
        default: "SCHEMAS"
        }
    }

    /// The `acldefault` kind of the objects: the built-in privileges a global entry replaces.
    package var builtInKind: String { objectType == "S" ? "s" : objectType }

    package var description: String {
        "for role \(role)" + (schema.map { " in schema \($0)" } ?? "") + " on \(objectsName.lowercased())"
    }
}

/// The privileges `acldefault` gives an object's owner and `PUBLIC` for one kind of object.
package struct BuiltInDefault: Hashable, Sendable {
    package var ownerPrivileges: [String] = []
    package var publicPrivileges: [String] = []

    package init() {}
}
