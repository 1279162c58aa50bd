/// What changing a column's type takes: whether `USING` is needed, and whether data can be lost.
struct ColumnTypeChange {
    var from: CatalogColumn
    var to: CatalogColumn

    /// Whether PostgreSQL converts the values by itself: the same type with other modifiers, or a cast it
    /// applies on assignment (element-wise for arrays).
    func convertsImplicitly(casts: Set<TypeCast>) -> Bool {
        let source = Self.elementType(from.typeWithoutModifiers)
        let target = Self.elementType(to.typeWithoutModifiers)
        guard source.isArray == target.isArray else { return false }
        if source.name == target.name { return true }
        return casts.contains(TypeCast(source.name, target.name))
    }

    /// The `USING` expression for a type change PostgreSQL does not do by itself: a plain cast when one
    /// exists (or a string type is involved, which the server converts through text I/O), else a cast
    /// through `text`.
    func usingExpression(column: String, casts: Set<TypeCast>) -> String {
        let source = Self.elementType(from.typeWithoutModifiers).name
        let target = Self.elementType(to.typeWithoutModifiers).name
        let stringTypes: Set<String> = ["text", "character varying", "character", "name"]
        if casts.contains(TypeCast(source, target)) || stringTypes.contains(source) || stringTypes.contains(target) {
            return "\(column)::\(to.type)"
        }
        return "\(column)::text::\(to.type)"
    }

    /// Whether every value of the old type fits the new one unchanged. Anything not known to widen counts
    /// as narrowing, and is marked destructive.
    var isWidening: Bool {
        let source = Self.elementType(from.typeWithoutModifiers)
        let target = Self.elementType(to.typeWithoutModifiers)
        guard source.isArray == target.isArray else { return false }
        let oldModifiers = Self.modifiers(from.type)
        let newModifiers = Self.modifiers(to.type)
        if source.name == target.name {
            if newModifiers.isEmpty { return true }
            guard oldModifiers.count == newModifiers.count, !oldModifiers.isEmpty else { return false }
            if source.name == "numeric" {
                // numeric(p, s): room for as many digits on both sides of the point.
                let oldScale = oldModifiers.count > 1 ? oldModifiers[1] : 0
                let newScale = newModifiers.count > 1 ? newModifiers[1] : 0
                return newScale >= oldScale && newModifiers[0] - newScale >= oldModifiers[0] - oldScale
            }
            return zip(oldModifiers, newModifiers).allSatisfy { $0 <= $1 }
        }
        let widenings: Set<TypeCast> = [
            TypeCast("smallint", "integer"), TypeCast("smallint", "bigint"), TypeCast("integer", "bigint"),
            TypeCast("smallint", "numeric"), TypeCast("integer", "numeric"), TypeCast("bigint", "numeric"),
            TypeCast("smallint", "double precision"), TypeCast("integer", "double precision"),
            TypeCast("smallint", "real"), TypeCast("real", "double precision"),
            TypeCast("character varying", "text"), TypeCast("character", "text"),
            TypeCast("character", "character varying"),
        ]
        let unboundedTarget = newModifiers.isEmpty
        if source.name == "text" && target.name == "character varying" && unboundedTarget { return true }
        if target.name == "numeric" && !unboundedTarget { return false }
        if target.name == "character varying" && !unboundedTarget { return false }
        return widenings.contains(TypeCast(source.name, target.name))
    }

    /// `character varying[]` → (`character varying`, true).
    private static func elementType(_ type: String) -> (name: String, isArray: Bool) {
        type.hasSuffix("[]") ? (String(type.dropLast(2)), true) : (type, false)
    }

    /// The numbers in a type's first parenthesised modifier list: `numeric(10,2)` → [10, 2].
    private static func modifiers(_ type: String) -> [Int] {
        guard let open = type.firstIndex(of: "("), let close = type[open...].firstIndex(of: ")") else { return [] }
        return type[type.index(after: open)..<close].split(separator: ",").compactMap {
            Int($0.filter { $0 != " " })
        }
    }
}
