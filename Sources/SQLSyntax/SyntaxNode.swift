/// A node of a libpg_query parse tree: the JSON that `pg_query_parse` produces, as a Swift value.
///
/// libpg_query wraps each node in an object with one key, the node's type (`{"IndexStmt": {...}}`,
/// `{"String": {"sval": "x"}}`); ``kind`` and ``body`` read that wrapper. Fields that hold their default value
/// (false, 0, empty) are left out of the JSON, so a missing boolean means false: ``flag(_:)`` reads it so.
package enum SyntaxNode: Sendable, Hashable {
    case object([String: SyntaxNode])
    case array([SyntaxNode])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    // MARK: - Node wrappers

    /// The node type when this is a node wrapper (an object with a single key starting with an uppercase letter):
    /// `"CreateStmt"`, `"IndexStmt"`, `"String"`...
    package var kind: String? {
        guard case .object(let fields) = self, fields.count == 1, let key = fields.keys.first,
            let first = key.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z")
        else { return nil }
        return key
    }

    /// The content of a node wrapper: for `{"IndexStmt": {...}}`, the `{...}`.
    package var body: SyntaxNode? {
        guard kind != nil, case .object(let fields) = self else { return nil }
        return fields.values.first
    }

    /// The body when this wraps a node of type `kind`, else `nil`: `statement.body(ifKind: "IndexStmt")`.
    package func body(ifKind kind: String) -> SyntaxNode? {
        guard case .object(let fields) = self, fields.count == 1 else { return nil }
        return fields[kind]
    }

    // MARK: - Fields and values

    /// The field `key` of an object; `nil` for other nodes or a missing field.
    package subscript(key: String) -> SyntaxNode? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    /// The element at `index` of an array; `nil` for other nodes or an index out of range.
    package subscript(index: Int) -> SyntaxNode? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// A boolean field that libpg_query leaves out when false: true only when present and true.
    package func flag(_ key: String) -> Bool {
        self[key]?.bool ?? false
    }

    package var string: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    package var number: Double? {
        guard case .number(let value) = self else { return nil }
        return value
    }

    /// The number when it is a whole number that fits an `Int`.
    package var int: Int? {
        guard case .number(let value) = self, let exact = Int(exactly: value) else { return nil }
        return exact
    }

    package var bool: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    package var array: [SyntaxNode]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    package var object: [String: SyntaxNode]? {
        guard case .object(let fields) = self else { return nil }
        return fields
    }

    package var isNull: Bool { self == .null }

    /// The text of a `String` node (`{"String": {"sval": "x"}}` gives `"x"`). A `String` node for the empty
    /// string has no `sval`, and gives `""`.
    package var stringNodeValue: String? {
        guard let body = body(ifKind: "String") else { return nil }
        return body["sval"]?.string ?? ""
    }

    /// The parts of a name given as an array of `String` nodes, how libpg_query spells qualified names
    /// (`typeName`, `funcname`, `objects`): `["public", "mood"]`.
    package var nameParts: [String]? {
        guard case .array(let elements) = self else { return nil }
        var parts: [String] = []
        parts.reserveCapacity(elements.count)
        for element in elements {
            guard let part = element.stringNodeValue else { return nil }
            parts.append(part)
        }
        return parts
    }

    // MARK: - Searching

    /// The bodies of every node of type `kind` in this tree, itself included, depth first, fields visited in
    /// key order (so the order is the same on every run).
    package func descendants(ofKind kind: String) -> [SyntaxNode] {
        var found: [SyntaxNode] = []
        collect(kind, into: &found)
        return found
    }

    private func collect(_ kind: String, into found: inout [SyntaxNode]) {
        switch self {
        case .object(let fields):
            if let body = body(ifKind: kind) { found.append(body) }
            for key in fields.keys.sorted() { fields[key]?.collect(kind, into: &found) }
        case .array(let elements):
            for element in elements { element.collect(kind, into: &found) }
        case .string, .number, .bool, .null:
            break
        }
    }
}
