/// Readies two snapshots' privileges for ``SchemaDiff``: drops them when they are not compared, and
/// otherwise lines up the roles that made each side and checks that the roles the desired side names exist.
enum PrivilegeComparison {
    /// The two snapshots as the planner takes them.
    ///
    /// The desired side is usually built by another connection (the shadow database's, maybe another user on
    /// another server), so what its connecting role owns is taken as owned by the current side's connecting
    /// role: an object both sides' migrations create is not an owner change.
    /// - Throws: ``MigrateError`` `.schemaSource` naming every role the desired side names (owner, grantee,
    ///   default privileges) that does not exist on the current side's server; `.internal` when a snapshot
    ///   was read without privileges.
    static func prepare(_ current: CatalogSnapshot, _ desired: CatalogSnapshot, compares: Bool) throws(MigrateError)
        -> (CatalogSnapshot, CatalogSnapshot)
    {
        var current = current
        var desired = desired
        guard compares else {
            current.privileges = nil
            desired.privileges = nil
            return (current, desired)
        }
        guard let currentPrivileges = current.privileges, let desiredPrivileges = desired.privileges else {
            throw MigrateError(.internal, "privileges are compared but a schema was read without them")
        }
        let role = currentPrivileges.connectingRole
        var mapped = desiredPrivileges.renamingRole(desiredPrivileges.connectingRole, to: role)
        mapped.connectingRole = role
        desired.privileges = mapped
        try checkRoles(mapped.namedRoles, existing: currentPrivileges.existingRoles.union([role]))
        return (current, desired)
    }

    /// Throws when a named role is not among `existing`.
    static func checkRoles(_ named: [String: [String]], existing: Set<String>) throws(MigrateError) {
        let missing = named.keys.filter { !existing.contains($0) }.sorted()
        guard !missing.isEmpty else { return }
        let lines = missing.map { role in
            let uses = named[role] ?? []
            let shown = uses.prefix(3).joined(separator: ", ") + (uses.count > 3 ? " and \(uses.count - 3) more" : "")
            return "  \(role): \(shown)"
        }
        throw MigrateError(
            .schemaSource,
            "the desired schema names \(missing.count) role(s) that do not exist on the server of the current "
                + "schema (the database the revision is for):\n" + lines.joined(separator: "\n"),
            hint: "roles belong to the server, not to a database's schema, and migrate never creates them: create "
                + "them there first (CREATE ROLE ...), or take them out of the desired schema"
        )
    }
}
