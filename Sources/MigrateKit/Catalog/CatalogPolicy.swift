/// A row-level security policy.
package struct CatalogPolicy: Hashable, Sendable {
    package var name: String
    package var table: ObjectName
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    package var command: String
    package var permissive: Bool
    /// Role names, sorted; `PUBLIC` (unquoted, upper case) for the public pseudo-role.
    package var roles: [String]
    package var using: String?
    package var withCheck: String?
    package var comment: String?

    package init(
        name: String,
        table: ObjectName,
        command: String,
        permissive: Bool = true,
        roles: [String] = ["PUBLIC"],
        using: String? = nil,
        withCheck: String? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.table = table
        self.command = command
        self.permissive = permissive
        self.roles = roles
        self.using = using
        self.withCheck = withCheck
        self.comment = comment
    }
}
