/// A group of statements that act on one object at one moment of a plan: its drop, its creation...
///
/// Steps, not statements, are what get ordered: the planner says which steps must precede which, from
/// `pg_depend` on both sides, and ``StepOrdering`` sorts them.
struct PlanStep {
    /// When, relative to the object's other steps, a step runs. Also the tie-breaker between steps that
    /// no dependency orders: renames first, then removals, then creations and changes, then the final drops
    /// of rebuilt types.
    enum Phase: Int, Comparable, CaseIterable {
        /// `ALTER ... RENAME`: runs before anything else so every later statement uses the new names.
        case rename
        /// Removes what ties the object to something about to be dropped (a column's `DROP DEFAULT`).
        case detach
        /// `DROP`, or the first half of a re-creation.
        case drop
        /// `CREATE`, or the second half of a re-creation.
        case create
        /// In-place changes (`ALTER`, `COMMENT`, `CREATE OR REPLACE`).
        case alter
        /// Dropping the renamed-away old version of a rebuilt type, once nothing uses it any more.
        case dropOld

        static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The tie-breaking group: rename, removal, creation, final drop.
        var group: Int {
            switch self {
            case .rename: 0
            case .detach, .drop: 1
            case .create, .alter: 2
            case .dropOld: 3
            }
        }
    }

    /// A step's identity: the object and the phase.
    struct ID: Hashable, Comparable {
        var key: ObjectKey
        var phase: Phase

        static func < (lhs: ID, rhs: ID) -> Bool {
            (lhs.phase.group, lhs.key.kindRank, lhs.key, lhs.phase) < (
                rhs.phase.group, rhs.key.kindRank, rhs.key, rhs.phase
            )
        }
    }

    var id: ID
    var statements: [PlannedStatement] = []
}

extension ObjectKey {
    /// The order kinds are created in when no dependency says otherwise. Functions come after tables and
    /// views because the bodies of SQL functions are checked against them at creation, without leaving a
    /// trace in `pg_depend`.
    var kindRank: Int {
        switch self {
        case .schema: 0
        case .extension: 1
        case .collation: 2
        case .type: 3
        case .sequence: 4
        case .table: 5
        case .column: 6
        case .constraint: 7
        case .index: 8
        case .sequenceOwnership: 9
        case .view: 10
        case .function: 11
        case .trigger: 12
        case .policy: 13
        case .foreignDataWrapper: 14
        case .foreignServer: 15
        case .foreignTable: 16
        case .defined(let id): id.kind.planRank
        }
    }
}
