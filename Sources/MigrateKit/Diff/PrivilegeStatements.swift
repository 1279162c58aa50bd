/// The fewest `GRANT` and `REVOKE` statements that turn one ACL of an object into another.
enum PrivilegeStatements {
    /// What the statements act on, as they spell it.
    struct Target {
        /// Written before `GRANT`/`REVOKE`: `ALTER DEFAULT PRIVILEGES FOR ROLE ... ` or nothing.
        var prefix = ""
        /// After `ON`: `TABLE "s"."t"`, `SCHEMA "s"`, `TABLES`...
        var object: String
        /// After each privilege, for column privileges: ` ("c")`.
        var columns = ""
    }

    /// The statements, grantee by grantee (`PUBLIC` first, then by name): grant options taken away, then
    /// privileges revoked, then granted, then granted with grant option. A role named `connectingRole` is
    /// written `CURRENT_USER`.
    static func changes(
        from old: [PrivilegeGrant],
        to new: [PrivilegeGrant],
        on target: Target,
        connectingRole: String
    ) -> [String] {
        let before = Self.byGrantee(old)
        let after = Self.byGrantee(new)
        var statements: [String] = []
        for grantee in Set(before.keys).union(after.keys).sorted() {
            let had = before[grantee] ?? [:]
            let has = after[grantee] ?? [:]
            var revokeOption: [String] = []
            var revoke: [String] = []
            var grant: [String] = []
            var grantWithOption: [String] = []
            for (privilege, grantable) in has {
                switch (had[privilege], grantable) {
                case (nil, false): grant.append(privilege)
                case (nil, true), (false?, true): grantWithOption.append(privilege)
                case (true?, false): revokeOption.append(privilege)
                default: break
                }
            }
            for privilege in had.keys where has[privilege] == nil { revoke.append(privilege) }
            let role = Self.role(grantee, connectingRole: connectingRole)
            func list(_ privileges: [String]) -> String {
                Self.sorted(privileges).map { $0 + target.columns }.joined(separator: ", ")
            }
            let on = " ON " + target.object
            if !revokeOption.isEmpty {
                statements.append(
                    target.prefix + "REVOKE GRANT OPTION FOR " + list(revokeOption) + on + " FROM " + role
                )
            }
            if !revoke.isEmpty { statements.append(target.prefix + "REVOKE " + list(revoke) + on + " FROM " + role) }
            if !grant.isEmpty { statements.append(target.prefix + "GRANT " + list(grant) + on + " TO " + role) }
            if !grantWithOption.isEmpty {
                statements.append(
                    target.prefix + "GRANT " + list(grantWithOption) + on + " TO " + role + " WITH GRANT OPTION"
                )
            }
        }
        return statements
    }

    /// A role as statements name it: `PUBLIC` for the empty name, `CURRENT_USER` for the role migrate
    /// connects as (so a revision also runs under another deploying role), else the quoted name.
    static func role(_ name: String, connectingRole: String) -> String {
        if name.isEmpty { return "PUBLIC" }
        if name == connectingRole { return "CURRENT_USER" }
        return SQLRenderer.name(name)
    }

    private static func byGrantee(_ grants: [PrivilegeGrant]) -> [String: [String: Bool]] {
        var result: [String: [String: Bool]] = [:]
        for grant in grants {
            result[grant.grantee, default: [:]][grant.privilege] =
                (result[grant.grantee]?[grant.privilege] ?? false) || grant.grantable
        }
        return result
    }

    /// Privileges in the order PostgreSQL's documentation lists them; unknown ones last, by name.
    private static func sorted(_ privileges: [String]) -> [String] {
        let order = [
            "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "MAINTAIN", "CREATE",
            "CONNECT", "TEMPORARY", "EXECUTE", "USAGE",
        ]
        return privileges.sorted { lhs, rhs in
            (order.firstIndex(of: lhs) ?? order.count, lhs) < (order.firstIndex(of: rhs) ?? order.count, rhs)
        }
    }
}
