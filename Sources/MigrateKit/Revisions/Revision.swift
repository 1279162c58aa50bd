/// One revision: a parsed revision file (`migrations/versions/<revision>_<slug>.sql`).
///
/// See `RevisionFile` for the format. A revision's place in history is its `parents` (`down_revision`);
/// `dependsOn` adds "apply those first" edges that do not make it a child of them.
package struct Revision: Sendable, Hashable {
    /// The revision id (`-- migrate:revision`).
    package var id: String

    /// The ids this revision follows (`-- migrate:down_revision`), as written; empty for a root, two or more for
    /// a merge.
    package var parents: [String]

    /// One line describing the change; empty when the file has none.
    package var message: String

    /// When the revision was written, if the file says.
    package var created: RevisionTimestamp?

    /// Names this revision can be referred to by (`label`, `label@head`...).
    package var branchLabels: [String]

    /// Extra prerequisites as written: ids, unique id prefixes or branch labels. `RevisionGraph` resolves them.
    package var dependsOn: [String]

    /// Whether the up and down sections each run inside one transaction (`-- migrate:transaction`, default
    /// `true`). When `false` they run statement by statement, as `CREATE INDEX CONCURRENTLY` needs.
    package var isTransactional: Bool

    /// When in a rolling deploy the revision runs (`-- migrate:phase`, default `pre`): before the new app version
    /// rolls out, or only after every replica runs it (a contracting change: drops what the old version uses).
    package var phase: DeployPhase

    /// `SET lock_timeout` for this revision's statements, when the file sets one.
    package var lockTimeout: PostgresDuration?

    /// `SET statement_timeout` for this revision's statements, when the file sets one.
    package var statementTimeout: PostgresDuration?

    /// The upgrade SQL.
    package var up: RevisionSection

    /// The downgrade SQL; without SQL the revision cannot be downgraded (see `isReversible`).
    package var down: RevisionSection

    /// SHA-256 of `up.text` as lowercase hex: recorded when applied, so that edits to a shipped revision show.
    ///
    /// Computed on each use, not when the file is read: most commands never ask, and hashing every file was
    /// a tenth of reading a large project.
    package var checksum: String { RevisionFile.checksum(of: up.text) }

    /// The file the revision was read from, as the loader was given it (for messages).
    package var path: String

    /// Where the directives are in the file, for messages about them.
    package var lines: Lines

    /// File lines of directives that the graph may complain about; `nil` when the directive is absent.
    package struct Lines: Sendable, Hashable {
        /// The `-- migrate:revision` line.
        package var revision: Int
        /// The `-- migrate:down_revision` line.
        package var downRevision: Int
        /// The `-- migrate:branch_labels` line.
        package var branchLabels: Int?
        /// The `-- migrate:depends_on` line.
        package var dependsOn: Int?

        /// Directive lines, 1-based.
        package init(revision: Int, downRevision: Int, branchLabels: Int? = nil, dependsOn: Int? = nil) {
            self.revision = revision
            self.downRevision = downRevision
            self.branchLabels = branchLabels
            self.dependsOn = dependsOn
        }
    }

    /// A revision from its parts; `RevisionFile.parse(_:path:)` is the usual way to get one.
    package init(
        id: String,
        parents: [String],
        message: String = "",
        created: RevisionTimestamp? = nil,
        branchLabels: [String] = [],
        dependsOn: [String] = [],
        isTransactional: Bool = true,
        phase: DeployPhase = .pre,
        lockTimeout: PostgresDuration? = nil,
        statementTimeout: PostgresDuration? = nil,
        up: RevisionSection,
        down: RevisionSection,
        path: String,
        lines: Lines
    ) {
        self.id = id
        self.parents = parents
        self.message = message
        self.created = created
        self.branchLabels = branchLabels
        self.dependsOn = dependsOn
        self.isTransactional = isTransactional
        self.phase = phase
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.up = up
        self.down = down
        self.path = path
        self.lines = lines
    }

    /// Whether this revision joins two or more lines of history.
    package var isMerge: Bool { parents.count > 1 }

    /// Whether this revision starts a line of history (`down_revision none`).
    package var isRoot: Bool { parents.isEmpty }

    /// Whether downgrading through this revision is possible.
    ///
    /// A revision whose up section does something and whose down section is empty is irreversible. A revision
    /// with nothing in either section (typically a merge) is trivially reversible: there is nothing to undo.
    package var isReversible: Bool { down.containsSQL || !up.containsSQL }

    /// The file name without its directory.
    package var fileName: Substring {
        guard let slash = path.lastIndex(of: "/") else { return path[...] }
        return path[path.index(after: slash)...]
    }
}

/// When a revision runs in a rolling deploy (expand and contract).
package enum DeployPhase: String, Sendable, Hashable, CaseIterable {
    /// Before the new app version rolls out: changes the old version keeps working with (the default).
    case pre
    /// After every replica runs the new version: drops and renames of what the old version still uses.
    case post
}
