/// The revisions an `upgrade` or `downgrade` will run, in the order to run them.
///
/// Plans are pure: `RevisionGraph.upgradePlan(to:applied:)` and `downgradePlan(to:applied:recordedParents:)`
/// compute them from the files and the applied set, and the runner executes them.
package struct MigrationPlan: Sendable, Hashable {
    /// Whether a plan applies or unapplies revisions.
    package enum Direction: Sendable, Hashable {
        /// Run up sections, parents and prerequisites first.
        case upgrade
        /// Run down sections, children and dependents first.
        case downgrade
    }

    /// One revision to apply or unapply.
    package struct Step: Sendable, Hashable {
        /// The revision's id, as recorded in the version table.
        package var revisionID: String
        /// The revision's file; `nil` only in a downgrade, for an applied revision whose file is gone: the
        /// runner must use the down SQL the version table stored when it was applied.
        package var revision: Revision?

        /// A step for `revisionID`, with its file when there is one.
        package init(revisionID: String, revision: Revision?) {
            self.revisionID = revisionID
            self.revision = revision
        }
    }

    /// Whether the steps apply or unapply.
    package var direction: Direction
    /// The target the plan was made for.
    package var target: RevisionTarget
    /// What to run, in order. Empty when the database is already there.
    package var steps: [Step]
    /// The applied revision ids once every step has run.
    package var appliedAfter: Set<String>
    /// Applied ids that no file declares, sorted: the runner may warn about them, or refuse to go on.
    package var unknownApplied: [String]

    /// Whether there is nothing to do.
    package var isEmpty: Bool { steps.isEmpty }

    /// The ids of the steps, in order.
    package var revisionIDs: [String] { steps.map(\.revisionID) }

    /// An upgrade plan cut before its first post-deploy revision (`upgrade --phase pre`), and what was left out.
    ///
    /// The cut is in running order, so a pre-deploy revision after the first post-deploy one waits too: it may
    /// rely on what the post-deploy one did, and running it early would change the order history records.
    package func beforeFirstPostDeployStep() -> (plan: MigrationPlan, deferred: [Step]) {
        guard let cut = steps.firstIndex(where: { $0.revision?.phase == .post }) else { return (self, []) }
        var plan = self
        plan.steps = Array(steps[..<cut])
        for step in steps[cut...] { plan.appliedAfter.remove(step.revisionID) }
        return (plan, Array(steps[cut...]))
    }
}
