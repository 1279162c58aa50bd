/// What a target column takes, which decides how each source value is converted for it.
package indirect enum TargetKind: Sendable, Hashable {
    case smallint, integer, bigint
    case numeric
    case real, double
    case boolean
    case timestampWithTimeZone, timestamp, date, time
    case json, jsonb
    case uuid
    case bytea
    /// `text`, `varchar(n)` and `char(n)` (with their length limit, in characters), `name`, and enum types.
    case text(maximumLength: Int?)
    case array(of: TargetKind)
    /// `interval`: text passed through for PostgreSQL to read, compared by value when verifying.
    case interval
    /// Anything else (interval, inet, ranges...): text passed through for PostgreSQL to read.
    case other

    /// The kind of a base type by its `pg_type.typname`.
    init(typeName: String, typeModifier: Int, category: String, elementTypeName: String?) {
        if category == "A", let elementTypeName {
            let element = TargetKind(
                typeName: elementTypeName,
                typeModifier: typeModifier,
                category: "",
                elementTypeName: nil
            )
            self = .array(of: element)
            return
        }
        switch typeName {
        case "int2": self = .smallint
        case "int4": self = .integer
        case "int8": self = .bigint
        case "numeric": self = .numeric
        case "float4": self = .real
        case "float8": self = .double
        case "bool": self = .boolean
        case "timestamptz": self = .timestampWithTimeZone
        case "timestamp": self = .timestamp
        case "date": self = .date
        case "time": self = .time
        case "json": self = .json
        case "jsonb": self = .jsonb
        case "uuid": self = .uuid
        case "bytea": self = .bytea
        case "interval": self = .interval
        case "varchar", "bpchar": self = .text(maximumLength: typeModifier >= 4 ? typeModifier - 4 : nil)
        case "text", "name", "citext": self = .text(maximumLength: nil)
        default: self = category == "E" ? .text(maximumLength: nil) : .other
        }
    }

    /// Timestamps and dates, which take PostgreSQL's `infinity` and `-infinity`.
    var isPointInTime: Bool {
        switch self {
        case .timestampWithTimeZone, .timestamp, .date: true
        default: false
        }
    }

    /// What the conversion does, for `--dry-run`.
    package var conversionSummary: String {
        switch self {
        case .smallint, .integer, .bigint: "integers, or text that is one exactly; range checked"
        case .numeric: "numbers, or numeric text"
        case .real, .double: "numbers, or text that is one exactly"
        case .boolean: "0/1, true/false, t/f, yes/no"
        case .timestampWithTimeZone, .timestamp:
            "ISO 8601 / SQLite text (no offset: UTC), or Unix epoch seconds or milliseconds"
        case .date: "dates, timestamps (their UTC date), or Unix epoch numbers"
        case .time: "HH:MM[:SS[.ffffff]]"
        case .json, .jsonb: "text that is valid JSON, numbers"
        case .uuid: "uuid text (hyphens, braces or 32 hex digits) or a 16-byte blob"
        case .bytea: "blobs; text as its UTF-8 bytes"
        case .text(let limit): limit.map { "any value as text, at most \($0) characters" } ?? "any value as text"
        case .array: "a JSON array or an array literal"
        case .interval, .other: "text, read by PostgreSQL"
        }
    }
}
