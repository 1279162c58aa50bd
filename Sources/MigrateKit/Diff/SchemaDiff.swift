import PostgresClient

/// Autogenerate: compares two catalog snapshots and plans the statements between them, both ways.
package enum SchemaDiff {
    /// Plans the revision that turns `from` (the current schema) into `to` (the desired one), and back.
    ///
    /// The down statements are planned from the same two snapshots the other way round, with the renames
    /// reversed, so that applying up then down returns to `from`.
    /// - Parameters:
    ///   - canonicalizer: A connection to the database holding `to` (the shadow database, usually). When
    ///     given, definitions that differ only in how the server prints them (see
    ///     ``DefinitionCanonicalizer``) count as equal; without it, they are re-created once.
    /// - Throws: ``MigrateError`` `.usage` when a rename names nothing or is ambiguous; `.schemaSource` when
    ///   privileges are compared and the desired schema names roles the current side's server lacks.
    package static func plan(
        from current: CatalogSnapshot,
        to wanted: CatalogSnapshot,
        options: SchemaDiffOptions = SchemaDiffOptions(),
        canonicalizer: DefinitionCanonicalizer? = nil
    ) throws(MigrateError) -> SchemaChangePlan {
        let (from, desired) = try PrivilegeComparison.prepare(current, wanted, compares: options.comparesPrivileges)
        let renames = try ResolvedRename.resolve(options, from: from, to: desired)
        var to = desired
        if let canonicalizer {
            to = DefinitionEquivalence.harmonise(desired, toward: from.applying(renames), using: canonicalizer)
            canonicalizer.finish()
        }
        let upPlanner = ChangePlanner(from: from, to: to, renames: renames)
        var up = upPlanner.plan()
        let downPlanner = ChangePlanner(
            from: to,
            to: from,
            renames: renames.map(\.inverted).sorted()
        )
        var down = downPlanner.plan()
        if upPlanner.writesFunctionBodies { up = withoutBodyChecks(up) }
        if downPlanner.writesFunctionBodies { down = withoutBodyChecks(down) }
        var warnings = upPlanner.warnings
        warnings += to.notes.filter { !warnings.contains($0) }
        warnings += from.notes.filter { !warnings.contains($0) }
        var plan = SchemaChangePlan(
            up: up,
            down: down,
            destructiveChanges: up.compactMap(\.destructive),
            downDestructiveChanges: down.compactMap(\.destructive),
            possibleRenames: upPlanner.possibleRenames,
            warnings: warnings
        )
        plan.nonTransactionalReason = nonTransactionalReason(up)
        plan.downNonTransactionalReason = nonTransactionalReason(down)
        if let reason = plan.nonTransactionalReason {
            plan.warnings.append(
                "the revision must run outside a transaction (-- migrate:transaction false): \(reason)"
            )
        }
        return plan
    }

    /// The statements with `check_function_bodies` off around them, as pg_dump does: PostgreSQL checks a
    /// SQL function's body when it is created, but a body written as a string records no dependency, so
    /// no order can promise that a function it calls already exists. (`BEGIN ATOMIC` bodies do record
    /// theirs, and `pg_depend` orders them.) Inside a transaction `SET LOCAL` ends with it; outside one
    /// the setting is reset at the end, so the session's later work is checked again.
    static func withoutBodyChecks(_ statements: [PlannedStatement]) -> [PlannedStatement] {
        guard nonTransactionalReason(statements) != nil else {
            return [PlannedStatement("SET LOCAL check_function_bodies = off")] + statements
        }
        return [PlannedStatement("SET check_function_bodies = off")] + statements
            + [PlannedStatement("RESET check_function_bodies")]
    }

    /// Why the statements cannot run in one transaction: an enum value added by `ALTER TYPE ... ADD VALUE`
    /// inside a transaction block cannot be used before that transaction commits, so a later statement of
    /// the same revision that mentions the new label (a default, a CHECK, an index predicate, a view)
    /// needs the revision to run outside a transaction.
    static func nonTransactionalReason(_ statements: [PlannedStatement]) -> String? {
        for (position, statement) in statements.enumerated() {
            guard statement.sql.hasPrefix("ALTER TYPE "), let range = statement.sql.firstRange(of: " ADD VALUE ")
            else { continue }
            guard let label = Self.leadingLiteral(String(statement.sql[range.upperBound...])) else { continue }
            for later in statements[(position + 1)...] where later.sql.contains(label) {
                return "it adds the enum value \(label) and then uses it (\(Self.summary(later.sql)))"
            }
        }
        return nil
    }

    /// The string literal at the start of `text` (`'it''s'` from `'it''s' AFTER 'x'`).
    private static func leadingLiteral(_ text: String) -> String? {
        var characters = text[...]
        var prefix = ""
        if characters.first == "E" {
            prefix = "E"
            characters = characters.dropFirst()
        }
        guard characters.first == "'" else { return nil }
        var result = prefix + "'"
        characters = characters.dropFirst()
        while let character = characters.popFirst() {
            result.append(character)
            if character == "'" {
                if characters.first == "'" {
                    result.append(characters.removeFirst())
                } else {
                    return result
                }
            }
        }
        return nil
    }

    private static func summary(_ sql: String) -> String {
        let firstLine = sql.prefix { $0 != "\n" }
        return firstLine.count > 80 ? String(firstLine.prefix(77)) + "..." : String(firstLine)
    }
}
