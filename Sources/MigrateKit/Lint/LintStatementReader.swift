import SQLSyntax

/// Reading the parts of libpg_query trees that lint rules look at: relation names, type names, constraints.
enum LintStatementReader {
    /// `schema` and `name` of a `RangeVar` body (`{"relname": "t", "schemaname": "s", ...}`).
    static func relation(_ rangeVar: SyntaxNode?) -> (schema: String?, name: String)? {
        guard let rangeVar, let name = rangeVar["relname"]?.string else { return nil }
        return (rangeVar["schemaname"]?.string, name)
    }

    /// The byte offset a node records (`location`), when it has one.
    static func location(_ node: SyntaxNode?) -> Int? {
        guard let value = node?["location"]?.int, value >= 0 else { return nil }
        return value
    }

    /// The column a `CHECK` constraint body requires to be non-null: `CHECK (col IS NOT NULL)`.
    static func notNullColumn(ofCheck constraint: SyntaxNode) -> String? {
        guard let test = constraint["raw_expr"]?.body(ifKind: "NullTest"),
            test["nulltesttype"]?.string == "IS_NOT_NULL",
            let fields = test["arg"]?.body(ifKind: "ColumnRef")?["fields"]?.nameParts, fields.count == 1
        else { return nil }
        return fields[0]
    }

    /// The column of a constraint definition as `pg_get_constraintdef` prints it (`CHECK ((col IS NOT NULL))`),
    /// read with PostgreSQL's parser.
    static func notNullColumn(ofConstraintDefinition definition: String) -> String? {
        guard let statement = try? SQLScript("ALTER TABLE t ADD \(definition)").parsedStatements().first,
            let command = statement.tree.body(ifKind: "AlterTableStmt")?["cmds"]?[0]?.body(ifKind: "AlterTableCmd"),
            let constraint = command["def"]?.body(ifKind: "Constraint"), constraint["contype"]?.string == "CONSTR_CHECK"
        else { return nil }
        return notNullColumn(ofCheck: constraint)
    }

    /// Whether a `DefElem` list (`params`, `options`) holds an option named `name`.
    static func hasOption(_ list: SyntaxNode?, _ name: String) -> Bool {
        (list?.array ?? []).contains { $0.body(ifKind: "DefElem")?["defname"]?.string == name }
    }

    /// The value a `SET` statement gives, as text: `0`, `'0'` and `0s` all read `"0"`/`"0s"`.
    static func settingValue(_ statement: SyntaxNode) -> String? {
        guard statement["kind"]?.string == "VAR_SET_VALUE",
            let constant = statement["args"]?[0]?.body(ifKind: "A_Const")
        else { return nil }
        if let integer = constant["ival"] { return String(integer["ival"]?.int ?? 0) }
        if let string = constant["sval"] { return string["sval"]?.string ?? "" }
        return nil
    }
}

/// A column type reduced to what decides whether changing it rewrites the table: the base name as `format_type`
/// prints it, the modifiers, and whether it is an array.
struct LintColumnType: Hashable {
    var base: String
    var modifiers: [Int]
    var isArray: Bool

    /// The spelling `format_type` would give (`character varying(20)`), for messages and ``ColumnTypeChange``.
    var formatted: String {
        base + (modifiers.isEmpty ? "" : "(" + modifiers.map(String.init).joined(separator: ",") + ")")
            + (isArray ? "[]" : "")
    }

    /// The catalog's names of the parser's internal type names.
    private static let catalogNames: [String: String] = [
        "int2": "smallint", "int4": "integer", "int": "integer", "int8": "bigint", "float4": "real",
        "float8": "double precision", "decimal": "numeric", "varchar": "character varying", "bpchar": "character",
        "char": "character", "bool": "boolean", "timestamp": "timestamp without time zone",
        "timestamptz": "timestamp with time zone", "time": "time without time zone",
        "timetz": "time with time zone", "varbit": "bit varying", "serial": "integer", "serial4": "integer",
        "bigserial": "bigint", "serial8": "bigint", "smallserial": "smallint", "serial2": "smallint",
    ]

    /// From a `TypeName` body of a parse tree.
    init?(typeName: SyntaxNode?) {
        guard let typeName, let names = typeName["names"]?.nameParts, let last = names.last else { return nil }
        base = Self.catalogNames[last] ?? last
        modifiers = (typeName["typmods"]?.array ?? []).compactMap {
            $0.body(ifKind: "A_Const")?["ival"].map { $0["ival"]?.int ?? 0 }
        }
        isArray = !(typeName["arrayBounds"]?.array ?? []).isEmpty
    }

    /// From `format_type` text: `timestamp(3) without time zone`, `numeric(10,2)`, `text[]`.
    init(formatted text: String) {
        var rest = Substring(text)
        isArray = rest.hasSuffix("[]")
        if isArray { rest = rest.dropLast(2) }
        if let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            modifiers = rest[rest.index(after: open)..<close].split(separator: ",").compactMap {
                Int($0.filter { $0 != " " })
            }
            rest = rest[..<open] + rest[rest.index(after: close)...]
        } else {
            modifiers = []
        }
        base = String(rest)
    }

    /// Whether PostgreSQL changes a column from `old` to this type without rewriting the table (binary-coercible,
    /// or a modifier that only widens): `varchar(n)` to a longer `varchar` or to `text`, `text` to `varchar`,
    /// `numeric(p,s)` to more precision at the same scale or to plain `numeric`, more fractional-second
    /// precision, `cidr` to `inet`.
    func changesWithoutRewrite(from old: LintColumnType) -> Bool {
        guard old.isArray == isArray else { return false }
        if old.base == base {
            if old.modifiers == modifiers { return true }
            // Without modifiers `character` means character(1) and `bit` bit(1): a change of length.
            if modifiers.isEmpty { return base != "character" && base != "bit" }
            guard !old.modifiers.isEmpty else { return false }
            switch base {
            case "character varying", "bit varying": return modifiers[0] >= old.modifiers[0]
            case "numeric":
                let oldScale = old.modifiers.count > 1 ? old.modifiers[1] : 0
                let newScale = modifiers.count > 1 ? modifiers[1] : 0
                return newScale == oldScale && modifiers[0] >= old.modifiers[0]
            case "timestamp without time zone", "timestamp with time zone", "time without time zone",
                "time with time zone", "interval":
                return modifiers[0] >= old.modifiers[0]
            default: return false
            }
        }
        switch (old.base, base) {
        case ("character varying", "text"), ("cidr", "inet"): return true
        case ("text", "character varying"): return modifiers.isEmpty
        default: return false
        }
    }

    /// Whether some value of `old` may not fit this type (the app still running may write one).
    func narrows(from old: LintColumnType) -> Bool {
        let change = ColumnTypeChange(
            from: CatalogColumn(
                name: "",
                type: old.formatted,
                typeWithoutModifiers: old.base + (old.isArray ? "[]" : "")
            ),
            to: CatalogColumn(name: "", type: formatted, typeWithoutModifiers: base + (isArray ? "[]" : ""))
        )
        return !change.isWidening
    }
}
