/// How `migrate export` writes one PostgreSQL column's values into SQLite: the storage class and the text form.
///
/// A plain export uses one spelling per PostgreSQL type (the README's table); `--like` picks, per column, the
/// spelling the original SQLite file used (``SpellingDetector``).
package enum ExportSpelling: Sendable, Hashable, CustomStringConvertible {
    /// PostgreSQL's text, as TEXT (timestamps already in `YYYY-MM-DD HH:MM:SS[.ffffff]` UTC, uuids lower case).
    case text
    /// An INTEGER.
    case integer
    /// A REAL; NaN (which SQLite would store as NULL) as the TEXT `NaN`.
    case real
    /// An INTEGER when the value is whole and fits, else a REAL: numbers as an app's untyped column holds them.
    case number
    /// 0 and 1.
    case booleanInteger
    /// Two words, such as `true`/`false` or `t`/`f`.
    case booleanText(true: String, false: String)
    /// A point in time as text in the given form (UTC).
    case instantText(TimestampSpelling)
    /// A point in time as a Unix epoch number: an INTEGER when whole in the unit, else a REAL.
    case epoch(milliseconds: Bool)
    /// A uuid as text in the given form.
    case uuidText(uppercase: Bool, hyphens: Bool, braces: Bool)
    /// A uuid as its 16 bytes.
    case uuidBlob
    /// bytea as a BLOB.
    case blob

    package var description: String {
        switch self {
        case .text: "text as PostgreSQL prints it"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .number: "INTEGER or REAL"
        case .booleanInteger: "0/1"
        case .booleanText(let yes, let no): "'\(yes)'/'\(no)'"
        case .instantText(let form): "text '\(form.example)'"
        case .epoch(let milliseconds): milliseconds ? "Unix epoch milliseconds" : "Unix epoch seconds"
        case .uuidText(let uppercase, let hyphens, let braces):
            "text '\(UUIDText.spell("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", uppercase: uppercase, hyphens: hyphens, braces: braces))'"
        case .uuidBlob: "16-byte BLOB"
        case .blob: "BLOB"
        }
    }
}

/// A text form of points in time: `YYYY-MM-DD`, then a separator and `HH:MM:SS`, a fraction, and a zone suffix.
package struct TimestampSpelling: Sendable, Hashable {
    /// Only the date, when the value is a midnight (else the full form with a space).
    package var dateOnly = false
    /// `" "` or `"T"`.
    package var separator = " "
    /// Fraction digits always written (3 for JavaScript's `.000`); nil: only when not zero, as few as needed.
    package var fractionDigits: Int?
    /// `""`, `"Z"`, `"+00:00"`, `"+0000"` or `"+00"`.
    package var zone = ""

    package init(dateOnly: Bool = false, separator: String = " ", fractionDigits: Int? = nil, zone: String = "") {
        self.dateOnly = dateOnly
        self.separator = separator
        self.fractionDigits = fractionDigits
        self.zone = zone
    }

    /// SQLite's own form (`CURRENT_TIMESTAMP`): `YYYY-MM-DD HH:MM:SS`.
    package static let sqlite = TimestampSpelling()

    var example: String { format(1_709_647_629_250_000) }

    /// The instant (microseconds since 1970 UTC) in this form.
    func format(_ micros: Int64) -> String {
        let dayLength: Int64 = 86_400_000_000
        var days = micros / dayLength
        var timeOfDay = micros % dayLength
        if timeOfDay < 0 {
            days -= 1
            timeOfDay += dayLength
        }
        let date = TimestampText.formatDate(days * dayLength)
        if dateOnly && timeOfDay == 0 { return date }
        let seconds = timeOfDay / 1_000_000
        let fraction = timeOfDay % 1_000_000
        var text =
            date + separator + Self.pad(seconds / 3600) + ":" + Self.pad(seconds / 60 % 60) + ":"
            + Self.pad(seconds % 60)
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        if let fixed = fractionDigits, fixed > 0 {
            // More digits than the form has when the value needs them: nothing is rounded away.
            var kept = digits
            while kept.count > fixed, kept.last == "0" { kept.removeLast() }
            text += "." + kept
        } else if fraction != 0 {
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text + zone
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Uuid text forms.
enum UUIDText {
    /// `canonical` (lower case, hyphenated) in another form.
    static func spell(_ canonical: String, uppercase: Bool, hyphens: Bool, braces: Bool) -> String {
        var text = hyphens ? canonical : canonical.replacing("-", with: "")
        if uppercase { text = text.uppercased() }
        return braces ? "{" + text + "}" : text
    }

    /// The 32 hex digits of a uuid in any of the forms, lower case; nil for anything else.
    static func digits(_ text: String) -> String? {
        let digits = text.lowercased().filter { $0 != "-" && $0 != "{" && $0 != "}" }
        return digits.count == 32 && digits.allSatisfy(\.isHexDigit) ? digits : nil
    }
}
