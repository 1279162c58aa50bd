import PostgresClient

/// How generated SQL spells names and literals.
///
/// Every identifier in generated SQL goes through ``name(_:)``, so the quoting policy lives in one place
/// (today: always quote; it can become PostgreSQL's quote-if-needed rule without touching the planner).
enum SQLRenderer {
    /// One identifier.
    static func name(_ identifier: String) -> String {
        SQLQuoting.identifier(identifier)
    }

    /// A schema-qualified name.
    static func name(_ object: ObjectName) -> String {
        name(object.schema) + "." + name(object.name)
    }

    /// A string literal, or `NULL`.
    static func literal(_ text: String?) -> String {
        text.map(SQLQuoting.literal) ?? "NULL"
    }

    /// A function or procedure as `DROP`, `COMMENT ON` and `ALTER` refer to it: `"s"."f"(integer, text)`.
    /// An aggregate without arguments is `"s"."count_all"(*)`.
    static func signature(_ identity: FunctionIdentity, of kind: CatalogFunction.Kind = .function) -> String {
        let arguments = kind == .aggregate && identity.argumentTypes.isEmpty ? "*" : identity.argumentTypes
        return name(identity.name) + "(" + arguments + ")"
    }

    /// A role in a policy's `TO` list.
    static func role(_ role: String) -> String {
        role == "PUBLIC" ? "PUBLIC" : name(role)
    }

    /// The `COLLATE` clause for a collation, with a leading space, or nothing.
    static func collate(_ collation: ObjectName?) -> String {
        collation.map { " COLLATE " + name($0) } ?? ""
    }

    /// The parenthesised options of `CREATE COLLATION`.
    static func collationDefinition(_ collation: CatalogCollation) -> String {
        var options: [String] = []
        if collation.provider == "i" {
            options.append("provider = icu")
            options.append("locale = " + literal(collation.locale ?? ""))
            if let rules = collation.rules { options.append("rules = " + literal(rules)) }
        } else {
            options.append("provider = libc")
            options.append("lc_collate = " + literal(collation.collate ?? "C"))
            options.append("lc_ctype = " + literal(collation.ctype ?? "C"))
        }
        if !collation.deterministic { options.append("deterministic = false") }
        return "(" + options.joined(separator: ", ") + ")"
    }

    /// `COMMENT ON <target> IS '...';`
    static func comment(on target: String, _ text: String?) -> String {
        "COMMENT ON \(target) IS \(literal(text))"
    }

    /// Sequence parameters as `CREATE SEQUENCE` and identity columns take them.
    static func sequenceOptions(_ options: SequenceOptions, includeType: Bool) -> String {
        var parts: [String] = []
        if includeType { parts.append("AS " + options.dataType) }
        parts.append("START WITH \(options.start)")
        parts.append("INCREMENT BY \(options.increment)")
        parts.append("MINVALUE \(options.minimum)")
        parts.append("MAXVALUE \(options.maximum)")
        parts.append("CACHE \(options.cache)")
        parts.append(options.cycles ? "CYCLE" : "NO CYCLE")
        return parts.joined(separator: " ")
    }

    /// The sequence parameters that differ, as `ALTER SEQUENCE` and `ALTER COLUMN ... SET` take them.
    /// A change of type restates the bounds, which PostgreSQL would otherwise adjust on its own.
    static func changedSequenceOptions(from old: SequenceOptions, to new: SequenceOptions, prefix: String) -> [String] {
        var parts: [String] = []
        let typeChanged = old.dataType != new.dataType
        if typeChanged { parts.append("AS " + new.dataType) }
        if old.increment != new.increment { parts.append(prefix + "INCREMENT BY \(new.increment)") }
        if typeChanged || old.minimum != new.minimum { parts.append(prefix + "MINVALUE \(new.minimum)") }
        if typeChanged || old.maximum != new.maximum { parts.append(prefix + "MAXVALUE \(new.maximum)") }
        if old.start != new.start { parts.append(prefix + "START WITH \(new.start)") }
        if old.cache != new.cache { parts.append(prefix + "CACHE \(new.cache)") }
        if old.cycles != new.cycles { parts.append(prefix + (new.cycles ? "CYCLE" : "NO CYCLE")) }
        return parts
    }

    /// A column definition as `CREATE TABLE` and `ADD COLUMN` take it.
    static func columnDefinition(_ column: CatalogColumn) -> String {
        var text = name(column.name) + " " + column.type
        if let compression = column.compression { text += " COMPRESSION " + compression }
        text += collate(column.collation)
        if let identity = column.identity {
            text += " GENERATED " + (identity.always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY ("
            text += "SEQUENCE NAME " + name(identity.sequenceName) + " "
            text += sequenceOptions(identity.options, includeType: false) + ")"
        }
        if let generated = column.generatedExpression {
            text += " GENERATED ALWAYS AS (\(generated)) STORED"
        }
        if let defaultExpression = column.defaultExpression {
            text += " DEFAULT " + defaultExpression
        }
        if column.notNull { text += " NOT NULL" }
        return text
    }

    /// The clause that sets a trigger's firing state after `CREATE TRIGGER` (which leaves it `ENABLE`d).
    static func triggerState(_ enabled: String) -> String {
        switch enabled {
        case "D": "DISABLE TRIGGER"
        case "R": "ENABLE REPLICA TRIGGER"
        case "A": "ENABLE ALWAYS TRIGGER"
        default: "ENABLE TRIGGER"
        }
    }
}
