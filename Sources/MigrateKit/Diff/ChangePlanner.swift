/// Computes one direction of a plan: the statements that turn `from` into `to`.
///
/// It works in four passes. *Classify* decides, per object, whether it is added, removed, changed in
/// place, re-created (dropped and created again) or, for types, rebuilt. *Cascade* follows `pg_depend`
/// of the `from` side: whatever depends on something that goes away or changes type must go away and come
/// back too (a view on a column whose type changes), or, for columns, detach and re-attach (a default
/// calling a re-created function). *Emit* writes the statements of each object into steps. *Order* sorts
/// the steps by the dependencies of both sides: creations in `to`'s dependency order, drops in reverse
/// `from` order.
final class ChangePlanner {
    let from: CatalogSnapshot
    let to: CatalogSnapshot
    let renames: [ResolvedRename]
    let fromGraph: DependencyIndex
    let toGraph: DependencyIndex
    let fromKeys: Set<ObjectKey>
    let toKeys: Set<ObjectKey>

    // MARK: Classification

    var added: Set<ObjectKey> = []
    var removed: Set<ObjectKey> = []
    /// Dropped and created again.
    var replaced: Set<ObjectKey> = []
    /// Enums and domains rebuilt: renamed away, created anew, columns moved over, old one dropped.
    var rebuilt: Set<ObjectKey> = []
    /// Columns whose type or collation changes, which PostgreSQL refuses while views, policies or triggers
    /// use them.
    var invasive: Set<ObjectKey> = []
    /// Columns whose type is rebuilt: they move to the new type through text.
    var retyped: Set<ObjectKey> = []
    /// Columns whose default must be dropped before, and set again after, something it uses is replaced.
    var defaultReset: Set<ObjectKey> = []
    /// Objects that go away with something else (an index with its column), mapped to that something:
    /// no statement drops them.
    var autoDropped: [ObjectKey: ObjectKey] = [:]
    /// Constraints renamed instead of re-created, mapped to their old names.
    var constraintRenames: [ObjectKey: String] = [:]
    /// Indexes renamed instead of re-created, mapped to their old names.
    var indexRenames: [ObjectKey: ObjectName] = [:]

    // MARK: Output

    var steps: [PlanStep.ID: PlanStep] = [:]
    var warnings: [String] = []
    var possibleRenames: [PossibleRename] = []

    /// Sequences renamed instead of re-created, mapped to their old names.
    let sequenceRenames: [ObjectKey: ObjectName]

    init(from: CatalogSnapshot, to: CatalogSnapshot, renames: [ResolvedRename]) {
        var current = from.applying(renames)
        sequenceRenames = current.pairingOwnedSequences(with: to)
        self.from = current
        self.to = to
        self.renames = renames
        fromGraph = DependencyIndex(self.from.dependencies)
        toGraph = DependencyIndex(to.dependencies)
        fromKeys = Self.keys(of: self.from)
        toKeys = Self.keys(of: to)
    }

    /// The ordered statements of this direction.
    func plan() -> [PlannedStatement] {
        classify()
        cascade()
        findAutomaticDrops()
        emitRenames()
        emitSchemasAndExtensions()
        emitCollations()
        emitTypes()
        emitSequences()
        emitTables()
        emitIndexes()
        emitReplicaIdentityIndexes()
        emitViews()
        emitFunctions()
        emitTriggers()
        emitDefinedObjects()
        emitForeignData()
        emitPrivileges()
        findPossibleRenames()
        return order() + defaultPrivilegeStatements()
    }

    /// Whether the plan creates or replaces a function or procedure, whose body PostgreSQL may check.
    var writesFunctionBodies: Bool {
        steps.values.contains { step in
            guard case .function = step.id.key else { return false }
            return step.statements.contains { $0.sql.hasPrefix("CREATE") }
        }
    }

    // MARK: - Keys

    /// Every diffable object of a snapshot.
    static func keys(of snapshot: CatalogSnapshot) -> Set<ObjectKey> {
        var keys: Set<ObjectKey> = []
        keys.formUnion(snapshot.schemas.keys.map { .schema($0) })
        keys.formUnion(snapshot.extensions.keys.map { .extension($0) })
        keys.formUnion(snapshot.collations.keys.map { .collation($0) })
        keys.formUnion(snapshot.enums.keys.map { .type($0) })
        keys.formUnion(snapshot.domains.keys.map { .type($0) })
        keys.formUnion(snapshot.compositeTypes.keys.map { .type($0) })
        keys.formUnion(snapshot.rangeTypes.keys.map { .type($0) })
        for (name, sequence) in snapshot.sequences {
            keys.insert(.sequence(name))
            if sequence.owner != nil { keys.insert(.sequenceOwnership(name)) }
        }
        for (name, table) in snapshot.tables {
            keys.insert(.table(name))
            keys.formUnion(table.columns.map { .column(name, $0.name) })
            keys.formUnion(table.constraints.keys.map { .constraint(name, $0) })
            keys.formUnion(table.policies.keys.map { .policy(name, $0) })
        }
        keys.formUnion(snapshot.indexes.keys.map { .index($0) })
        keys.formUnion(snapshot.views.keys.map { .view($0) })
        keys.formUnion(snapshot.functions.keys.map { .function($0) })
        keys.formUnion(snapshot.triggers.keys.map { .trigger($0.table, $0.name) })
        keys.formUnion(snapshot.foreignDataWrappers.keys.map { .foreignDataWrapper($0) })
        keys.formUnion(snapshot.foreignServers.keys.map { .foreignServer($0) })
        keys.formUnion(snapshot.foreignTables.keys.map { .foreignTable($0) })
        keys.formUnion(snapshot.definedObjects.keys.map { .defined($0) })
        return keys
    }

    /// The object a key belongs to and goes away with: a column's table, an index's table or view.
    func parent(of key: ObjectKey) -> ObjectKey? {
        switch key {
        case .column(let table, _), .constraint(let table, _), .policy(let table, _):
            return .table(table)
        case .trigger(let table, _):
            return relationKey(table)
        case .index(let name):
            guard let table = from.indexes[name]?.table ?? to.indexes[name]?.table else { return nil }
            return relationKey(table)
        case .sequenceOwnership(let name):
            return .sequence(name)
        default:
            return nil
        }
    }

    /// `.table` or `.view` for a relation name, whichever side knows it.
    func relationKey(_ name: ObjectName) -> ObjectKey {
        from.tables[name] != nil || to.tables[name] != nil ? .table(name) : .view(name)
    }

    /// Whether the key goes away in this plan (dropped, or dropped to be created again).
    func isGoing(_ key: ObjectKey) -> Bool {
        removed.contains(key) || replaced.contains(key)
    }

    // MARK: - Classify

    private func classify() {
        for key in fromKeys.subtracting(toKeys) { removed.insert(key) }
        for key in toKeys.subtracting(fromKeys) { added.insert(key) }
        for key in fromKeys.intersection(toKeys) {
            switch key {
            case .table(let name):
                if tableNeedsRecreation(from.tables[name]!, to.tables[name]!) { replaced.insert(key) }
            case .column(let table, let column):
                let old = from.tables[table]!.column(column)!
                let new = to.tables[table]!.column(column)!
                if old.generatedExpression != new.generatedExpression {
                    replaced.insert(key)
                } else if old.type != new.type || old.collation != new.collation {
                    invasive.insert(key)
                }
            case .constraint(let table, let name):
                if constraintNeedsRecreation(
                    from.tables[table]!.constraints[name]!,
                    to.tables[table]!.constraints[name]!
                ) {
                    replaced.insert(key)
                }
            case .policy(let table, let name):
                var old = from.tables[table]!.policies[name]!
                old.comment = to.tables[table]!.policies[name]!.comment
                if old != to.tables[table]!.policies[name]! { replaced.insert(key) }
            case .collation(let name):
                if !from.collations[name]!.hasSameDefinition(as: to.collations[name]!) { replaced.insert(key) }
            case .index(let name):
                if !from.indexes[name]!.hasSameShape(as: to.indexes[name]!) { replaced.insert(key) }
            case .view(let name):
                if viewNeedsRecreation(from.views[name]!, to.views[name]!) { replaced.insert(key) }
            case .function(let identity):
                if functionNeedsRecreation(from.functions[identity]!, to.functions[identity]!) {
                    replaced.insert(key)
                }
            case .trigger(let table, let name):
                let member = MemberName(table, name)
                if from.triggers[member]!.definition != to.triggers[member]!.definition { replaced.insert(key) }
            case .foreignServer, .foreignTable:
                if foreignObjectNeedsRecreation(key) { replaced.insert(key) }
            case .defined(let id):
                if from.definedObjects[id]!.definition != to.definedObjects[id]!.definition { replaced.insert(key) }
            case .type(let name):
                if let old = from.enums[name], let new = to.enums[name] {
                    if !Self.isExtension(of: old.values, by: new.values) { rebuilt.insert(key) }
                } else if let old = from.domains[name], let new = to.domains[name] {
                    if old.baseType != new.baseType || old.collation != new.collation { rebuilt.insert(key) }
                } else if let old = from.compositeTypes[name], let new = to.compositeTypes[name] {
                    if compositeNeedsRebuild(old, new) { rebuilt.insert(key) }
                } else if let old = from.rangeTypes[name], let new = to.rangeTypes[name] {
                    if old.definition != new.definition { rebuilt.insert(key) }
                } else {
                    // An enum became a domain or the other way round.
                    rebuilt.insert(key)
                }
            default:
                break
            }
        }
        pairRenamedConstraintsAndIndexes()
        // A re-created or dropped table takes its columns along.
        for key in replaced.union(removed) {
            guard case .table(let name) = key, let table = from.tables[name] else { continue }
            for column in table.columns {
                let columnKey = ObjectKey.column(name, column.name)
                if replaced.contains(key), toKeys.contains(columnKey) {
                    replaced.insert(columnKey)
                } else {
                    removed.insert(columnKey)
                }
                invasive.remove(columnKey)
            }
        }
    }

    /// Whether `new` lists the values of `old` in the same order, with maybe more in between.
    static func isExtension(of old: [String], by new: [String]) -> Bool {
        var remaining = old[...]
        for value in new where remaining.first == value { remaining.removeFirst() }
        return remaining.isEmpty && Set(new).count == new.count
    }

    // MARK: - Cascade

    private func cascade() {
        var work = (removed.union(replaced).union(rebuilt).union(invasive)).sorted()
        while let key = work.popLast() {
            for (dependent, link) in fromGraph.dependents(of: key) {
                work += cascade(dependent, link: link, because: key)
            }
        }
        // Everything hanging off a re-created table comes back with it.
        for key in replaced.sorted() {
            guard case .table(let name) = key else { continue }
            for other in toKeys.intersection(fromKeys) where parent(of: other) == key && !replaced.contains(other) {
                replaced.insert(other)
            }
            for (sequenceName, sequence) in from.sequences where sequence.owner?.table == name {
                for owned in [ObjectKey.sequence(sequenceName), .sequenceOwnership(sequenceName)]
                where toKeys.contains(owned) {
                    replaced.insert(owned)
                }
            }
        }
    }

    /// Decides what happens to `dependent` because `cause` goes away or changes; returns what changed.
    private func cascade(_ dependent: ObjectKey, link: CatalogDependency.Link, because cause: ObjectKey) -> [ObjectKey]
    {
        guard toKeys.contains(dependent), !isGoing(dependent), !rebuilt.contains(dependent) else { return [] }
        let causeGoes = isGoing(cause)
        let causeRebuilt = rebuilt.contains(cause)
        let causeRetyped = invasive.contains(cause)
        switch dependent {
        case .column:
            switch link {
            case .columnDefault where causeGoes || causeRebuilt:
                defaultReset.insert(dependent)
                return []
            case .columnType where causeRebuilt:
                guard !retyped.contains(dependent) else { return [] }
                retyped.insert(dependent)
                let wasInvasive = invasive.insert(dependent).inserted
                defaultReset.insert(dependent)
                return wasInvasive ? [dependent] : []
            case .generatedColumn where causeGoes || causeRebuilt || causeRetyped:
                replaced.insert(dependent)
                return [dependent]
            default:
                return []
            }
        case .sequenceOwnership(let sequence):
            guard causeGoes else { return [] }
            // Dropping the owning column drops the sequence with it.
            var changed: [ObjectKey] = []
            for key in [ObjectKey.sequence(sequence), dependent] where toKeys.contains(key) && !isGoing(key) {
                replaced.insert(key)
                changed.append(key)
            }
            return changed
        case .type:
            guard causeGoes || causeRebuilt else { return [] }
            rebuilt.insert(dependent)
            return [dependent]
        case .table:
            guard causeGoes else { return [] }
            replaced.insert(dependent)
            return [dependent]
        case .schema, .extension, .collation, .sequence, .foreignDataWrapper:
            return []
        case .foreignServer:
            guard causeGoes else { return [] }
            replaced.insert(dependent)
            return [dependent]
        case .foreignTable:
            guard causeGoes || causeRebuilt else { return [] }
            replaced.insert(dependent)
            return [dependent]
        case .view, .trigger, .policy:
            guard causeGoes || causeRebuilt || causeRetyped else { return [] }
            replaced.insert(dependent)
            return [dependent]
        case .constraint, .index, .function:
            // A column type change re-creates the column's indexes and constraints by itself.
            guard causeGoes || causeRebuilt else { return [] }
            replaced.insert(dependent)
            return [dependent]
        case .defined(let id):
            // PostgreSQL rebuilds extended statistics on a column whose type changes, not rules.
            guard causeGoes || causeRebuilt || (causeRetyped && id.kind != .statistics) else { return [] }
            replaced.insert(dependent)
            return [dependent]
        }
    }

    /// Finds the objects that go away with something else, so that no statement drops them twice.
    private func findAutomaticDrops() {
        for key in removed.union(replaced).sorted() {
            if let parent = parent(of: key), isGoing(parent), !rebuilt.contains(parent) {
                // The one kind of member that must go before its table: a foreign key in a cycle of dropped
                // tables (each table's drop would wait for the other's).
                if closesForeignKeyCycle(key) { continue }
                autoDropped[key] = parent
                continue
            }
            if case .sequence(let name) = key, let owner = from.sequences[name]?.owner {
                let column = ObjectKey.column(owner.table, owner.column)
                if isGoing(column) {
                    autoDropped[key] = column
                    continue
                }
            }
            for (referenced, link) in fromGraph.dependencies(of: key)
            where link == .automatic && isGoing(referenced) {
                autoDropped[key] = referenced
                break
            }
        }
    }

    /// Whether `key` is a foreign key of a going table that references another going table which, through
    /// foreign keys of going tables, references the first one back.
    private func closesForeignKeyCycle(_ key: ObjectKey) -> Bool {
        guard case .constraint(let table, let name) = key, from.tables[table]?.constraints[name]?.kind == .foreignKey
        else { return false }
        func referencedGoingTables(_ constraint: ObjectKey) -> Set<ObjectName> {
            var tables: Set<ObjectName> = []
            for (referenced, _) in fromGraph.dependencies(of: constraint) {
                guard let other = referenced.owningTable, other != constraint.owningTable, isGoing(.table(other))
                else { continue }
                tables.insert(other)
            }
            return tables
        }
        var seen: Set<ObjectName> = []
        var work = Array(referencedGoingTables(key))
        while let next = work.popLast() {
            if next == table { return true }
            guard seen.insert(next).inserted, let other = from.tables[next] else { continue }
            for constraint in other.constraints.keys.sorted() {
                work += referencedGoingTables(.constraint(next, constraint))
            }
        }
        return false
    }

    // MARK: - Steps

    /// Appends a statement to the step of `key` in `phase`.
    func add(_ key: ObjectKey, _ phase: PlanStep.Phase, _ sql: String, destructive: String? = nil) {
        let id = PlanStep.ID(key: key, phase: phase)
        steps[id, default: PlanStep(id: id)].statements.append(PlannedStatement(sql, destructive: destructive))
    }

    /// Whether the plan drops `key` with a statement of its own (not with its table, say).
    func dropsExplicitly(_ key: ObjectKey) -> Bool {
        isGoing(key) && autoDropped[key] == nil
    }

    private func emitRenames() {
        for (key, oldName) in sequenceRenames {
            guard case .sequence(let name) = key else { continue }
            add(key, .rename, "ALTER SEQUENCE \(SQLRenderer.name(oldName)) RENAME TO \(SQLRenderer.name(name.name))")
        }
        for rename in renames {
            switch rename {
            case .table(_, let to): add(.table(to), .rename, rename.statement)
            case .column(_, let table, _, let to): add(.column(table, to), .rename, rename.statement)
            }
        }
    }

    // MARK: - Order

    private func order() -> [PlannedStatement] {
        var edges: [(PlanStep.ID, PlanStep.ID)] = []
        let phasesOfKey = Dictionary(grouping: steps.keys, by: \.key)

        func own(_ key: ObjectKey, _ phases: [PlanStep.Phase]) -> [PlanStep.ID] {
            phases.compactMap { phase in
                let id = PlanStep.ID(key: key, phase: phase)
                return steps[id] != nil ? id : nil
            }
        }
        /// The steps that bring `key` into being or change it: its own, or its parent's creation.
        func creation(_ key: ObjectKey) -> [PlanStep.ID] {
            let steps = own(key, [.create, .alter])
            if !steps.isEmpty { return steps }
            if let parent = parent(of: key) { return own(parent, [.create]) }
            return []
        }
        /// The steps that make `key` go away or let go of what it uses: its own, its parent's drop, or the
        /// drop of whatever takes it along.
        func removal(_ key: ObjectKey, _ phases: [PlanStep.Phase] = [.detach, .drop]) -> [PlanStep.ID] {
            let steps = own(key, phases)
            if !steps.isEmpty { return steps }
            if let carrier = autoDropped[key] { return removal(carrier, [.drop]) }
            if let parent = parent(of: key), isGoing(parent) { return removal(parent, [.drop]) }
            return []
        }

        for dependency in to.dependencies {
            for before in creation(dependency.referenced) {
                for after in creation(dependency.dependent) { edges.append((before, after)) }
            }
        }
        for dependency in from.dependencies {
            let dependent = dependency.dependent
            let referenced = dependency.referenced
            let gone = removal(dependent)
            let referencedDrops = removal(referenced, [.drop])
            for before in gone + own(dependent, [.dropOld]) {
                for after in referencedDrops { edges.append((before, after)) }
                for after in own(referenced, [.dropOld]) { edges.append((before, after)) }
            }
            // What depends on a column goes before the column's type changes (a view, a CHECK to re-create).
            for before in own(dependent, [.detach, .drop]) {
                for after in own(referenced, [.alter]) { edges.append((before, after)) }
            }
            let changes = own(dependent, [.alter])
            // A default is let go of by its detach step (DROP DEFAULT); the other changes need not wait.
            let releasedByDetach = dependency.link == .columnDefault && !own(dependent, [.detach]).isEmpty
            if own(referenced, [.create]).isEmpty, !releasedByDetach {
                for before in changes {
                    for after in referencedDrops { edges.append((before, after)) }
                }
            }
            for before in changes {
                for after in own(referenced, [.dropOld]) { edges.append((before, after)) }
            }
        }
        for (key, ids) in phasesOfKey {
            let sorted = ids.sorted { $0.phase < $1.phase }
            for (before, after) in zip(sorted, sorted.dropFirst()) { edges.append((before, after)) }
            if let parent = parent(of: key) {
                for before in own(parent, [.create]) {
                    for after in sorted where after.phase != .drop && after.phase != .rename {
                        edges.append((before, after))
                    }
                }
                for after in own(parent, [.drop]) {
                    for before in sorted where before.phase == .drop || before.phase == .detach {
                        edges.append((before, after))
                    }
                }
            }
        }

        // A partition whose bound changes is detached and attached again. Its parent's columns lose their
        // defaults, and its parent's indexes and constraints are dropped, while it is still attached (they
        // recurse only to attached partitions; a detached one would keep its copies); the columns change
        // type once it is back, so that its columns change with them.
        for (name, table) in to.tables.sorted(by: { $0.key < $1.key }) {
            let partitionKey = ObjectKey.table(name)
            guard let bound = table.partition, !own(partitionKey, [.detach]).isEmpty,
                let parentTable = from.tables[bound.parent]
            else { continue }
            var parentMembers = parentTable.constraints.keys.map { ObjectKey.constraint(bound.parent, $0) }
            parentMembers += from.indexes.filter { $0.value.table == bound.parent }.map { ObjectKey.index($0.key) }
            for member in parentMembers.sorted() {
                for before in own(member, [.drop]) {
                    for after in own(partitionKey, [.detach]) { edges.append((before, after)) }
                }
            }
            for column in parentTable.columns {
                let columnKey = ObjectKey.column(bound.parent, column.name)
                for before in own(columnKey, [.detach]) {
                    for after in own(partitionKey, [.detach]) { edges.append((before, after)) }
                }
                for before in own(partitionKey, [.alter]) {
                    for after in own(columnKey, [.alter]) { edges.append((before, after)) }
                }
            }
        }

        // A name is free for a new relation or type only once the old holder of that name is gone.
        var droppedNames: [ObjectName: [PlanStep.ID]] = [:]
        for id in steps.keys where id.phase == .drop || id.phase == .detach {
            if let name = namespaceName(of: id.key, in: from) { droppedNames[name, default: []].append(id) }
        }
        for id in steps.keys where id.phase == .create || id.phase == .alter {
            guard let name = namespaceName(of: id.key, in: to) else { continue }
            for before in droppedNames[name] ?? [] where before.key != id.key { edges.append((before, id)) }
        }

        edges += eventTriggerEdges()

        var ordering = StepOrdering()
        let sorted = ordering.sort(Array(steps.keys), edges: edges)
        for cycle in ordering.cycles {
            let names = cycle.prefix(5).map { "\($0.key)" }.joined(separator: ", ")
            warnings.append("dependency cycle among \(names): check the order of the generated statements")
        }
        return sorted.flatMap { steps[$0]!.statements }
    }

    /// The name an object takes in its schema's shared namespace of relations and types (tables, views,
    /// sequences, indexes, the indexes of key constraints, identity sequences, enums and domains).
    private func namespaceName(of key: ObjectKey, in snapshot: CatalogSnapshot) -> ObjectName? {
        switch key {
        case .table(let name), .view(let name), .sequence(let name), .index(let name), .type(let name),
            .foreignTable(let name):
            return name
        case .constraint(let table, let name):
            guard let kind = snapshot.tables[table]?.constraints[name]?.kind,
                kind == .primaryKey || kind == .unique || kind == .exclusion
            else { return nil }
            return ObjectName(table.schema, name)
        case .column(let table, let column):
            return snapshot.tables[table]?.column(column)?.identity?.sequenceName
        default:
            return nil
        }
    }

    // MARK: - Possible renames

    private func findPossibleRenames() {
        let renamedTables = Set(
            renames.compactMap { rename -> ObjectName? in
                if case .table(_, let to) = rename { return to }
                return nil
            }
        )
        var droppedTables: [ObjectName] = []
        var addedTables: [ObjectName] = []
        for key in removed { if case .table(let name) = key { droppedTables.append(name) } }
        for key in added { if case .table(let name) = key, !renamedTables.contains(name) { addedTables.append(name) } }
        for old in droppedTables.sorted() {
            let shape = from.tables[old]!.columns.map { "\($0.name) \($0.type)" }.sorted()
            for new in addedTables.sorted() where new.schema == old.schema {
                guard to.tables[new]!.columns.map({ "\($0.name) \($0.type)" }).sorted() == shape else { continue }
                possibleRenames.append(
                    PossibleRename(
                        kind: .table,
                        from: old.description,
                        to: new.description,
                        renameOption: RenameSpec(kind: .table, path: [old.schema, old.name], newName: new.name)
                            .description
                    )
                )
            }
        }
        for (name, table) in to.tables.sorted(by: { $0.key < $1.key }) where !isGoing(.table(name)) {
            guard let old = from.tables[name] else { continue }
            for dropped in old.columns where removed.contains(.column(name, dropped.name)) {
                for column in table.columns
                where added.contains(.column(name, column.name)) && column.type == dropped.type {
                    possibleRenames.append(
                        PossibleRename(
                            kind: .column,
                            from: "\(name).\(dropped.name)",
                            to: "\(name).\(column.name)",
                            renameOption: RenameSpec(
                                kind: .column,
                                path: [name.schema, name.name, dropped.name],
                                newName: column.name
                            ).description
                        )
                    )
                }
            }
        }
    }
}
