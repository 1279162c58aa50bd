/// Choices for ``SchemaDiff/plan(from:to:options:)``.
package struct SchemaDiffOptions: Sendable, Hashable {
    /// Renames to perform instead of dropping and adding (the CLI's `--rename`).
    package var renames: [RenameSpec]
    /// Whether a comment in the desired schema whose first line is `migrate:renamed-from <old name>` on a
    /// table or column counts as a rename from `<old name>` (same schema, same table).
    package var followsRenameHints: Bool
    /// Whether owners, `GRANT`/`REVOKE` and default privileges are compared and planned (`--privileges`);
    /// both snapshots must then have been read with ``CatalogReadOptions/readsPrivileges``.
    package var comparesPrivileges: Bool

    /// The first-line prefix of a rename hint comment.
    package static let renameHintPrefix = "migrate:renamed-from "

    package init(renames: [RenameSpec] = [], followsRenameHints: Bool = true, comparesPrivileges: Bool = false) {
        self.renames = renames
        self.followsRenameHints = followsRenameHints
        self.comparesPrivileges = comparesPrivileges
    }
}
