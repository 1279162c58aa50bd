/// Composite types (`CREATE TYPE ... AS (...)`) and range types (`CREATE TYPE ... AS RANGE (...)`).
///
/// A composite type changes in place when attributes are dropped, appended, or change type while nothing
/// stores the type (`ALTER TYPE ... ALTER ATTRIBUTE ... TYPE` refuses a type that columns use); otherwise it
/// is rebuilt like an enum: renamed away, created anew, columns converted through text, old one dropped. A
/// range type has no `ALTER` for its definition: a changed one is rebuilt, its multirange type with it.
extension ChangePlanner {
    /// Whether the attributes cannot be brought to the desired list with `ALTER TYPE` in place.
    func compositeNeedsRebuild(_ old: CatalogCompositeType, _ new: CatalogCompositeType) -> Bool {
        let kept = old.attributes.map(\.name).filter { new.attribute($0) != nil }
        let newOrder = new.attributes.map(\.name)
        // `ADD ATTRIBUTE` appends: the kept attributes must come first, in their old order.
        guard Array(newOrder.prefix(kept.count)) == kept else { return true }
        let retypes = kept.contains { old.attribute($0)?.type != new.attribute($0)?.type }
        let stored = fromGraph.dependents(of: .type(old.name)).contains { dependent in
            switch dependent.key {
            case .column, .type: true
            default: false
            }
        }
        return retypes && stored
    }

    /// `CREATE TYPE` for a composite or range type, with its comments.
    func emitCreateCompositeOrRangeType(_ name: ObjectName, phase: PlanStep.Phase) {
        let key = ObjectKey.type(name)
        let qualified = SQLRenderer.name(name)
        if let new = to.compositeTypes[name] {
            let attributes = new.attributes.map { SQLRenderer.name($0.name) + " " + $0.type }
            add(key, phase, "CREATE TYPE \(qualified) AS (" + attributes.joined(separator: ", ") + ")")
            if let comment = new.comment { add(key, phase, SQLRenderer.comment(on: "TYPE " + qualified, comment)) }
            for attribute in new.attributes {
                guard let comment = attribute.comment else { continue }
                add(key, phase, SQLRenderer.comment(on: attributeTarget(name, attribute.name), comment))
            }
        } else if let new = to.rangeTypes[name] {
            add(key, phase, "CREATE TYPE \(qualified) AS RANGE (\(new.definition))")
            if let comment = new.comment { add(key, phase, SQLRenderer.comment(on: "TYPE " + qualified, comment)) }
        }
    }

    /// In-place changes of a composite type that is not rebuilt, or of a range type's comment.
    func emitCompositeOrRangeChanges(_ name: ObjectName) {
        let key = ObjectKey.type(name)
        let qualified = SQLRenderer.name(name)
        if let old = from.rangeTypes[name], let new = to.rangeTypes[name], old.comment != new.comment {
            add(key, .alter, SQLRenderer.comment(on: "TYPE " + qualified, new.comment))
        }
        guard let old = from.compositeTypes[name], let new = to.compositeTypes[name] else { return }
        let alter = "ALTER TYPE " + qualified
        for attribute in old.attributes where new.attribute(attribute.name) == nil {
            add(
                key,
                .alter,
                "\(alter) DROP ATTRIBUTE \(SQLRenderer.name(attribute.name))",
                destructive: "drops attribute \(attribute.name) of type \(name) (values stored in it are lost)"
            )
        }
        for attribute in new.attributes {
            let target = attributeTarget(name, attribute.name)
            guard let before = old.attribute(attribute.name) else {
                add(key, .alter, "\(alter) ADD ATTRIBUTE \(SQLRenderer.name(attribute.name)) \(attribute.type)")
                if let comment = attribute.comment { add(key, .alter, SQLRenderer.comment(on: target, comment)) }
                continue
            }
            if before.type != attribute.type {
                add(key, .alter, "\(alter) ALTER ATTRIBUTE \(SQLRenderer.name(attribute.name)) TYPE \(attribute.type)")
            }
            if before.comment != attribute.comment {
                add(key, .alter, SQLRenderer.comment(on: target, attribute.comment))
            }
        }
        if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: "TYPE " + qualified, new.comment)) }
    }

    /// Renames away what a rebuilt range type made along with it and the new one wants the names of: the
    /// multirange type and the constructor functions whose arguments do not name the range type. They are
    /// dropped with the old range type.
    func renameMultirangeAway(_ name: ObjectName) {
        guard let old = from.rangeTypes[name] else { return }
        let key = ObjectKey.type(name)
        let oldRange = SQLRenderer.name(Self.oldTypeName(name.name))
        let oldMultirange = SQLRenderer.name(Self.oldTypeName(old.multirange.name))
        add(key, .create, "ALTER TYPE \(SQLRenderer.name(old.multirange)) RENAME TO \(oldMultirange)")
        let bounds = old.subtype + ", " + old.subtype
        add(key, .create, "ALTER FUNCTION \(SQLRenderer.name(name))(\(bounds)) RENAME TO \(oldRange)")
        add(key, .create, "ALTER FUNCTION \(SQLRenderer.name(name))(\(bounds), text) RENAME TO \(oldRange)")
        add(key, .create, "ALTER FUNCTION \(SQLRenderer.name(old.multirange))() RENAME TO \(oldMultirange)")
    }

    private func attributeTarget(_ type: ObjectName, _ attribute: String) -> String {
        "COLUMN \(SQLRenderer.name(type)).\(SQLRenderer.name(attribute))"
    }
}
