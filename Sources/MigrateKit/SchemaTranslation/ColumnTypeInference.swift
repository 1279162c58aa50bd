/// A PostgreSQL column type chosen for a source column.
package struct TranslatedType: Sendable, Hashable {
    /// As the revision writes it: `bigint`, `varchar(20)`, `timestamptz`, `numeric(10,2)`, `integer[]`.
    package var sql: String
    /// How `migrate import` converts values for it.
    var kind: TargetKind
}

/// Chooses each column's PostgreSQL type from its declared type, then reads every value to refine the choice.
///
/// A column has an ordered list of candidate types: refinements first (a TEXT column whose values are all
/// timestamps becomes `timestamptz`), then what the declared type says, then types that hold anything (`text`,
/// `bytea`). Every value is tried against each candidate still standing, with the very conversion
/// `migrate import` applies, so the chosen type loads the file's values with no conversion error. A candidate
/// may also ask for evidence beyond converting (a refinement to `uuid` wants the canonical spelling), so that a
/// refinement is made only when every value shows it.
struct ColumnTypeInference {
    /// One type a column may take.
    struct Candidate {
        var type: TranslatedType
        /// What every non-null value must look like for this candidate beyond converting; nil: converting is enough.
        var evidence: (@Sendable (SourceValue) -> Bool)?
        /// The comment the revision gives the choice, from the number of values read; nil when the declared type
        /// says it plainly.
        var reason: (@Sendable (Int) -> String)?
        /// True for the candidates that hold anything, taken only when the declared type does not hold the values.
        var isFallback = false
        /// True for a choice the values must show: never taken for a column without values.
        var needsValues = false
        /// True when a value that shows the evidence always converts (a parsed timestamp, a validated JSON
        /// container), so the conversion need not be tried again.
        var evidenceImpliesConversion = false
        /// True when the type compares values as the source did (an SQLite INTEGER as `bigint`, TEXT as `text`),
        /// so that a condition written for the source (a CHECK, an index's WHERE) still means the same.
        var comparesAsInSource = false

        init(
            type: TranslatedType,
            evidence: (@Sendable (SourceValue) -> Bool)? = nil,
            needsValues: Bool = false,
            isFallback: Bool = false,
            comparesAsInSource: Bool = false,
            reason: (@Sendable (Int) -> String)? = nil
        ) {
            self.type = type
            self.evidence = evidence
            self.needsValues = needsValues
            self.isFallback = isFallback
            self.comparesAsInSource = comparesAsInSource
            self.reason = reason
        }
    }

    /// The result for one column.
    struct Choice {
        var type: TranslatedType
        /// Why this type, for a comment in the revision.
        var reason: String?
        /// Values that contradict the declared type (up to three, as SQL-ish text), when it did not hold them.
        var contradictions: [String]
        /// How many non-null values were read.
        var valueCount: Int
        /// False when not even the last candidate held every value (a forced type that does not fit, or blobs
        /// that are not UTF-8 mixed with numbers).
        var holdsEveryValue: Bool
        /// When ``holdsEveryValue`` is false, up to three values the type refuses.
        var refused: [String]
        /// See ``Candidate/comparesAsInSource``.
        var comparesAsInSource: Bool
    }

    let declaredType: String
    private(set) var candidates: [Candidate]
    private var standing: [Bool]
    /// The first values each candidate rejected.
    private var rejected: [[SourceValue]]
    private var valueCount = 0

    /// The candidates for a column of an SQLite or DuckDB table.
    init(column: SourceColumn, source: DataSource.Kind, override: TranslatedType? = nil) {
        declaredType = column.declaredType
        if let override {
            candidates = [Candidate(type: override)]
        } else {
            switch source {
            case .sqlite: candidates = Self.sqliteCandidates(column)
            case .duckdb: candidates = Self.duckDBCandidates(column)
            }
            // A fallback the declared type already offers as it is adds nothing.
            let plain = Set(candidates.filter { $0.evidence == nil }.map(\.type))
            candidates += Self.fallbacks.filter { !plain.contains($0.type) }
        }
        standing = candidates.map { _ in true }
        rejected = candidates.map { _ in [] }
    }

    /// Tries one value against every candidate still standing.
    mutating func read(_ value: SourceValue) {
        if case .null = value { return }
        valueCount += 1
        // A fallen candidate is still tried until it has three examples of what it refused, for the report.
        for index in candidates.indices where standing[index] || rejected[index].count < 3 {
            let candidate = candidates[index]
            let accepted: Bool
            if let evidence = candidate.evidence {
                accepted = evidence(value) && (candidate.evidenceImpliesConversion || Self.converts(value, to: candidate.type.kind))
            } else {
                accepted = Self.converts(value, to: candidate.type.kind)
            }
            if !accepted {
                standing[index] = false
                if rejected[index].count < 3 { rejected[index].append(value) }
            }
        }
    }

    /// The first candidate every value supported.
    func choice() -> Choice {
        let chosen =
            candidates.indices.first { standing[$0] && (valueCount > 0 || !candidates[$0].needsValues) }
            ?? candidates.count - 1
        let candidate = candidates[chosen]
        var contradictions: [String] = []
        if candidate.isFallback, let declared = candidates.lastIndex(where: { !$0.isFallback }) {
            contradictions = rejected[declared].map(Self.describe)
        }
        return Choice(
            type: candidate.type,
            reason: valueCount == 0 && candidate.reason != nil
                ? (declaredType.isEmpty
                    ? "no declared type and no values: text"
                    : "\(candidate.type.sql) from the declared type \(declaredType) (no values to read)")
                : candidate.reason?(valueCount),
            contradictions: contradictions,
            valueCount: valueCount,
            holdsEveryValue: standing[chosen],
            refused: standing[chosen] ? [] : rejected[chosen].map(Self.describe),
            comparesAsInSource: candidate.comparesAsInSource
        )
    }

    private static func converts(_ value: SourceValue, to kind: TargetKind) -> Bool {
        ValueConversion(kind: kind).accepts(value, as: kind)
    }

    static func describe(_ value: SourceValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let integer): return String(integer)
        case .real(let real): return ValueConversion.text(of: real)
        case .text(let text):
            let cut = text.count > 40 ? String(text.prefix(40)) + "..." : text
            return "'" + cut.replacing("'", with: "''") + "'"
        case .blob(let bytes): return "a \(bytes.count)-byte blob"
        }
    }

    // MARK: - Candidates

    static let text = TranslatedType(sql: "text", kind: .text(maximumLength: nil))
    private static let bigint = TranslatedType(sql: "bigint", kind: .bigint)
    private static let double = TranslatedType(sql: "double precision", kind: .double)
    private static let boolean = TranslatedType(sql: "boolean", kind: .boolean)
    private static let timestamptz = TranslatedType(sql: "timestamptz", kind: .timestampWithTimeZone)
    private static let date = TranslatedType(sql: "date", kind: .date)
    private static let bytea = TranslatedType(sql: "bytea", kind: .bytea)

    /// `text` holds anything but a blob that is not UTF-8; `bytea` holds blobs and text.
    private static let fallbacks = [
        Candidate(type: text, isFallback: true),
        Candidate(type: bytea, isFallback: true),
    ]

    /// SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1) decide the declared type's meaning; the
    /// names SQLite reads as NUMERIC (`BOOLEAN`, `DATETIME`, `JSON`...) are taken at their word, when the values
    /// agree.
    private static func sqliteCandidates(_ column: SourceColumn) -> [Candidate] {
        let declared = column.declaredType.uppercased().trimmingSpaces
        let name = column.name.lowercased()
        let base = declared.prefix { $0 != "(" }.trimmingSpaces
        if declared.isEmpty { return untypedCandidates() }
        if declared.contains("INT") {
            var list: [Candidate] = []
            if name.hasPrefix("is_") || name.hasPrefix("has_") {
                list.append(
                    Candidate(type: boolean, evidence: { $0 == .integer(0) || $0 == .integer(1) }, needsValues: true) {
                        "inferred boolean: all \(count($0)) values are 0 or 1 and the column is named as a flag"
                    }
                )
            }
            return list + [Candidate(type: bigint, comparesAsInSource: true)]
        }
        if declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT") {
            let limit = declared.contains("CHAR") ? length(in: declared) : nil
            let plain = limit.map { TranslatedType(sql: "varchar(\($0))", kind: .text(maximumLength: $0)) } ?? text
            return textRefinements() + [Candidate(type: plain, comparesAsInSource: true)]
        }
        if declared.contains("BLOB") { return [Candidate(type: bytea)] }
        if declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") {
            return [Candidate(type: double, comparesAsInSource: true)]
        }
        // NUMERIC affinity: the names other databases give their types.
        if base.hasPrefix("BOOL") { return [Candidate(type: boolean)] }
        if base.hasPrefix("DATETIME") || base.hasPrefix("TIMESTAMP") {
            return [timestampText(declared: base), epochNumbers(declared: base)]
        }
        if base == "DATE" {
            return [
                Candidate(type: date, evidence: isDateText),
                timestampText(declared: base),
                epochNumbers(declared: base),
            ]
        }
        if base == "TIME" { return [Candidate(type: TranslatedType(sql: "time", kind: .time))] }
        if base.hasPrefix("JSON") { return [Candidate(type: TranslatedType(sql: "jsonb", kind: .jsonb))] }
        if base == "UUID" || base == "GUID" { return [Candidate(type: TranslatedType(sql: "uuid", kind: .uuid))] }
        if let (precision, scale) = precisionAndScale(in: declared) {
            return [
                Candidate(
                    type: TranslatedType(sql: "numeric(\(precision),\(scale))", kind: .numeric),
                    evidence: { fitsNumeric($0, integerDigits: precision - scale) },
                    comparesAsInSource: true
                )
            ]
        }
        return [Candidate(type: TranslatedType(sql: "numeric", kind: .numeric), comparesAsInSource: true)]
    }

    /// A column without a declared type holds whatever was put in it: its values decide.
    private static func untypedCandidates() -> [Candidate] {
        [
            Candidate(type: bigint, evidence: { if case .integer = $0 { true } else { false } }, needsValues: true, comparesAsInSource: true) {
                "inferred bigint: no declared type; all \(count($0)) values are integers"
            },
            Candidate(type: double, evidence: isNumber, needsValues: true, comparesAsInSource: true) {
                "inferred double precision: no declared type; all \(count($0)) values are numbers"
            },
        ]
            + textRefinements()
            + [
                Candidate(type: text, evidence: { if case .text = $0 { true } else { false } }, comparesAsInSource: true) {
                    $0 == 0 ? "no declared type and no values: text" : "no declared type; all \(count($0)) values are text"
                },
                Candidate(type: bytea, evidence: { if case .blob = $0 { true } else { false } }, needsValues: true) {
                    "inferred bytea: no declared type; all \(count($0)) values are blobs"
                },
            ]
    }

    /// Text whose every value is something more precise. Each evidence check is the conversion's own test (or
    /// stricter), so the conversion is not tried again.
    private static func textRefinements() -> [Candidate] {
        var candidates = [
            Candidate(type: date, evidence: isDateText, needsValues: true) {
                "inferred date: all \(count($0)) values are dates (YYYY-MM-DD)"
            },
            Candidate(type: timestamptz, evidence: isTimestampText, needsValues: true) {
                "inferred timestamptz: all \(count($0)) values are ISO 8601 or SQLite timestamps (UTC unless they say)"
            },
            Candidate(type: TranslatedType(sql: "uuid", kind: .uuid), evidence: isCanonicalUUID, needsValues: true) {
                "inferred uuid: all \(count($0)) values are canonical UUIDs"
            },
            Candidate(type: TranslatedType(sql: "jsonb", kind: .jsonb), evidence: isJSONContainer, needsValues: true) {
                "inferred jsonb: all \(count($0)) values are JSON objects or arrays"
            },
        ]
        for index in candidates.indices { candidates[index].evidenceImpliesConversion = true }
        return candidates
    }

    private static func timestampText(declared: String) -> Candidate {
        var candidate = Candidate(type: timestamptz, evidence: isTimestampText) {
            "inferred timestamptz from \(declared): all \(count($0)) values are ISO 8601 or SQLite timestamps "
                + "(UTC unless they say)"
        }
        candidate.evidenceImpliesConversion = true
        return candidate
    }

    private static func epochNumbers(declared: String) -> Candidate {
        Candidate(type: timestamptz, evidence: isNumber, needsValues: true) {
            "inferred timestamptz from \(declared): all \(count($0)) values are Unix epoch numbers "
                + "(seconds, or milliseconds from 1e11)"
        }
    }

    /// DuckDB declares exact types; VARCHAR gets the same refinements as SQLite's text.
    private static func duckDBCandidates(_ column: SourceColumn) -> [Candidate] {
        let declared = column.declaredType.uppercased().trimmingSpaces
        if declared == "VARCHAR" || declared.hasPrefix("VARCHAR(") {
            return textRefinements() + [Candidate(type: text, comparesAsInSource: true)]
        }
        if declared.hasSuffix("[]") {
            let element = duckDBType(String(declared.dropLast(2)))
            if let element, !element.sql.hasSuffix("]"), element.sql != "jsonb" {
                return [
                    Candidate(
                        type: TranslatedType(sql: element.sql + "[]", kind: .array(of: element.kind)),
                        comparesAsInSource: true
                    )
                ]
            }
            return [Candidate(type: TranslatedType(sql: "jsonb", kind: .jsonb), reason: { _ in "\(declared) as jsonb" })]
        }
        if let type = duckDBType(declared) {
            if declared.hasPrefix("ENUM") {
                return [Candidate(type: type, reason: { _ in "DuckDB \(declared) as text" })]
            }
            return [Candidate(type: type, comparesAsInSource: true)]
        }
        return [Candidate(type: text, reason: { _ in "DuckDB type \(declared) has no PostgreSQL counterpart: text" })]
    }

    private static func duckDBType(_ declared: String) -> TranslatedType? {
        if let (precision, scale) = precisionAndScale(in: declared), declared.hasPrefix("DECIMAL") {
            return TranslatedType(sql: "numeric(\(precision),\(scale))", kind: .numeric)
        }
        switch declared {
        case "BOOLEAN": return boolean
        case "TINYINT", "SMALLINT", "UTINYINT": return TranslatedType(sql: "smallint", kind: .smallint)
        case "INTEGER", "USMALLINT": return TranslatedType(sql: "integer", kind: .integer)
        case "BIGINT", "UINTEGER": return bigint
        case "UBIGINT": return TranslatedType(sql: "numeric(20,0)", kind: .numeric)
        case "HUGEINT", "UHUGEINT": return TranslatedType(sql: "numeric(39,0)", kind: .numeric)
        case "FLOAT", "REAL": return TranslatedType(sql: "real", kind: .real)
        case "DOUBLE": return double
        case "DATE": return date
        case "TIME": return TranslatedType(sql: "time", kind: .time)
        case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATETIME":
            return TranslatedType(sql: "timestamp", kind: .timestamp)
        case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ": return timestamptz
        case "INTERVAL": return TranslatedType(sql: "interval", kind: .interval)
        case "UUID": return TranslatedType(sql: "uuid", kind: .uuid)
        case "BLOB": return bytea
        case "JSON": return TranslatedType(sql: "jsonb", kind: .jsonb)
        case "VARCHAR": return text
        default:
            if declared.hasPrefix("ENUM") { return text }
            if declared.hasPrefix("STRUCT") || declared.hasPrefix("MAP") || declared.hasPrefix("UNION") {
                return TranslatedType(sql: "jsonb", kind: .jsonb)
            }
            return nil
        }
    }

    // MARK: - Evidence

    private static let isNumber: @Sendable (SourceValue) -> Bool = {
        switch $0 {
        case .integer, .real: true
        default: false
        }
    }

    private static let isTimestampText: @Sendable (SourceValue) -> Bool = {
        guard case .text(let text) = $0 else { return false }
        return TimestampText.parse(text) != nil
    }

    private static let isDateText: @Sendable (SourceValue) -> Bool = {
        guard case .text(let text) = $0, text.utf8.count == 10 else { return false }
        return TimestampText.parse(text) != nil
    }

    private static let isCanonicalUUID: @Sendable (SourceValue) -> Bool = {
        guard case .text(var text) = $0, text.utf8.count == 36 else { return false }
        return text.withUTF8 { bytes in
            for offset in 0..<36 {
                let byte = bytes[offset]
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                } else {
                    switch byte {
                    case 0x30...0x39, 0x41...0x46, 0x61...0x66: continue
                    default: return false
                    }
                }
            }
            return true
        }
    }

    private static let isJSONContainer: @Sendable (SourceValue) -> Bool = {
        guard case .text(let text) = $0,
            let first = text.utf8.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return false }
        return JSONText.isValid(text)
    }

    /// A number PostgreSQL stores in `numeric(p, s)` without overflow: at most `integerDigits` digits before
    /// the point (the fraction is rounded to the scale).
    private static func fitsNumeric(_ value: SourceValue, integerDigits: Int) -> Bool {
        let text: String
        switch value {
        case .integer(let integer): text = String(integer.magnitude)
        case .real(let real):
            guard real.isFinite else { return false }
            // Rounding to the scale may carry into one more digit; count it as the larger.
            text = String(UInt64(min(abs(real).rounded(.up), 1e19)))
        case .text(let decimal):
            guard ValueConversion.isDecimal(decimal), !decimal.lowercased().contains("e"),
                Double(decimal)?.isFinite == true
            else { return false }
            text = String(decimal.drop { $0 == "-" || $0 == "+" }.prefix { $0 != "." })
        default: return false
        }
        let digits = text.drop { $0 == "0" }.count
        return digits <= integerDigits
    }

    // MARK: - Declared type text

    /// `n` of `VARCHAR(n)`.
    private static func length(in declared: String) -> Int? {
        guard let (first, _) = numbers(in: declared), first > 0, first <= 10_485_760 else { return nil }
        return first
    }

    /// `p` and `s` of `DECIMAL(p,s)` (`s` 0 when left out), when PostgreSQL takes them.
    private static func precisionAndScale(in declared: String) -> (Int, Int)? {
        guard declared.hasPrefix("DECIMAL") || declared.hasPrefix("NUMERIC"),
            let (precision, scale) = numbers(in: declared), (1...1000).contains(precision), (0...precision).contains(scale)
        else { return nil }
        return (precision, scale)
    }

    /// The one or two numbers in the parentheses of a declared type.
    private static func numbers(in declared: String) -> (Int, Int)? {
        guard let open = declared.firstIndex(of: "("), let close = declared.lastIndex(of: ")"), open < close else {
            return nil
        }
        let parts = declared[declared.index(after: open)..<close].split(separator: ",").map {
            Int($0.trimmingSpaces)
        }
        guard let first = parts.first ?? nil else { return nil }
        if parts.count == 1 { return (first, 0) }
        guard parts.count == 2, let second = parts[1] else { return nil }
        return (first, second)
    }

    /// `12,408`.
    static func count(_ number: Int) -> String {
        var digits = String(number)
        var position = digits.count - 3
        while position > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: position))
            position -= 3
        }
        return digits
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and newlines.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

extension TargetKind {
    /// The kind of a type as SQL spells it (`bigint`, `varchar(20)`, `timestamp with time zone`, `text[]`), for a
    /// type given on the command line; `.other` for what is not recognised.
    init(spelling: String) {
        let lowered = spelling.lowercased().trimmingSpaces
        if lowered.hasSuffix("[]") {
            self = .array(of: TargetKind(spelling: String(lowered.dropLast(2))))
            return
        }
        let base = lowered.prefix { $0 != "(" }.trimmingSpaces
        switch base {
        case "smallint", "int2": self = .smallint
        case "integer", "int", "int4": self = .integer
        case "bigint", "int8": self = .bigint
        case "numeric", "decimal": self = .numeric
        case "real", "float4": self = .real
        case "double precision", "float8", "float": self = .double
        case "boolean", "bool": self = .boolean
        case "timestamptz", "timestamp with time zone": self = .timestampWithTimeZone
        case "timestamp", "timestamp without time zone": self = .timestamp
        case "date": self = .date
        case "time", "time without time zone": self = .time
        case "json": self = .json
        case "jsonb": self = .jsonb
        case "uuid": self = .uuid
        case "bytea": self = .bytea
        case "interval": self = .interval
        case "text": self = .text(maximumLength: nil)
        case "varchar", "character varying", "char", "character":
            let digits = lowered.drop { $0 != "(" }.dropFirst().prefix { $0.isNumber }
            self = .text(maximumLength: Int(digits))
        default: self = .other
        }
    }
}
