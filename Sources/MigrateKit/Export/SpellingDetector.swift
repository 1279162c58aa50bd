/// Picks, for `migrate export --like`, the spelling an original SQLite column used: from the values it holds
/// (a sample), else from its declared type.
enum SpellingDetector {
    /// How many non-null values of each column are looked at.
    static let sampleSize = 500

    /// The spelling for a PostgreSQL column of `kind` written into an SQLite column declared `declaredType` that
    /// holds `samples`.
    static func spelling(kind: TargetKind, typeName: String, declaredType: String, samples: [SourceValue])
        -> ExportSpelling
    {
        let integers = samples.filter { if case .integer = $0 { true } else { false } }.count
        let reals = samples.filter { if case .real = $0 { true } else { false } }.count
        let texts = samples.compactMap { if case .text(let text) = $0 { text } else { nil } }
        let blobs = samples.filter { if case .blob = $0 { true } else { false } }.count
        let numbers = integers + reals
        let affinity = Affinity(declaredType)
        switch kind {
        case .timestampWithTimeZone, .timestamp, .date:
            if numbers > texts.count {
                let milliseconds = samples.contains {
                    switch $0 {
                    case .integer(let value): abs(value) >= 100_000_000_000
                    case .real(let value): abs(value) >= 100_000_000_000
                    default: false
                    }
                }
                return .epoch(milliseconds: milliseconds)
            }
            if let form = timestampForm(texts) { return .instantText(form) }
            if affinity == .integer || affinity == .real { return .epoch(milliseconds: false) }
            return .instantText(kind == .date ? TimestampSpelling(dateOnly: true) : .sqlite)
        case .boolean:
            if let words = booleanWords(texts), texts.count >= numbers {
                return .booleanText(true: words.0, false: words.1)
            }
            return .booleanInteger
        case .uuid:
            if blobs > texts.count { return .uuidBlob }
            guard let sample = texts.first(where: { UUIDText.digits($0) != nil }) else {
                return .uuidText(uppercase: false, hyphens: true, braces: false)
            }
            return .uuidText(
                uppercase: sample.contains { $0.isUppercase },
                hyphens: sample.contains("-"),
                braces: sample.hasPrefix("{")
            )
        case .smallint, .integer, .bigint:
            return texts.count > numbers ? .text : .integer
        case .real, .double:
            return texts.count > numbers ? .text : .real
        case .numeric:
            if texts.count > numbers { return .text }
            if numbers > 0 { return .number }
            return affinity == .text || affinity == .blob ? .text : .number
        case .bytea:
            return texts.count > blobs ? .text : .blob
        default:
            return .text
        }
    }

    /// The text form most of `texts` share; nil when none is a point in time.
    static func timestampForm(_ texts: [String]) -> TimestampSpelling? {
        var counts: [TimestampSpelling: Int] = [:]
        for text in texts {
            if let form = form(of: text) { counts[form, default: 0] += 1 }
        }
        // Most common first; ties broken by a fixed order so the choice is deterministic.
        return counts.max { left, right in
            left.value != right.value ? left.value < right.value : "\(left.key)" > "\(right.key)"
        }?.key
    }

    /// The form of one timestamp text: `YYYY-MM-DD`, separator, `HH:MM:SS`, fraction, zone.
    static func form(of text: String) -> TimestampSpelling? {
        guard TimestampText.parse(text) != nil else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count > 10 else { return TimestampSpelling(dateOnly: true) }
        var form = TimestampSpelling(separator: bytes[10] == UInt8(ascii: "T") ? "T" : " ")
        var index = 11
        while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x3A { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            var digits = 0
            index += 1
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                digits += 1
                index += 1
            }
            form.fractionDigits = digits
        }
        let zone = String(decoding: bytes[index...], as: UTF8.self).trimmingPrefix(" ")
        switch zone.count {
        case 0: form.zone = ""
        case 1: form.zone = "Z"
        case 3 where zone.hasPrefix("+") || zone.hasPrefix("-"): form.zone = "+00"
        case 3: form.zone = " UTC"
        case 5: form.zone = "+0000"
        default: form.zone = "+00:00"
        }
        return form
    }

    /// The words for true and false a column uses, in its case; nil when it holds no such word.
    static func booleanWords(_ texts: [String]) -> (String, String)? {
        let pairs: [(String, String)] = [
            ("true", "false"), ("t", "f"), ("yes", "no"), ("y", "n"), ("1", "0"), ("on", "off"),
        ]
        for text in texts {
            for (yes, no) in pairs where text.lowercased() == yes || text.lowercased() == no {
                let upper = text == text.uppercased() && text != text.lowercased()
                let capitalised = !upper && text.first?.isUppercase == true
                func spelled(_ word: String) -> String {
                    upper ? word.uppercased() : capitalised ? word.prefix(1).uppercased() + word.dropFirst() : word
                }
                return (spelled(yes), spelled(no))
            }
        }
        return nil
    }

    /// SQLite's column affinity of a declared type (its rules, in order).
    enum Affinity {
        case integer, text, blob, real, numeric

        init(_ declared: String) {
            let type = declared.uppercased()
            if type.contains("INT") {
                self = .integer
            } else if type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") {
                self = .text
            } else if type.contains("BLOB") || type.isEmpty {
                self = .blob
            } else if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") {
                self = .real
            } else {
                self = .numeric
            }
        }
    }
}
