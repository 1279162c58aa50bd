/// The sections and keys `migrate.toml` may contain, and how to name them in messages.
enum ConfigurationSchema {
    /// The table holding one `[environments.NAME]` table per environment.
    static let environmentsTable = "environments"

    /// A section of settings; it can appear at the top level and inside each environment.
    enum Section: String, CaseIterable {
        case database
        case migrations
        case autogenerate
        case lint

        /// The keys this section allows, in the order the README documents them.
        var keys: [Key] { Key.allCases.filter { $0.section == self } }

        /// The names this section allows: its keys, and for `[lint]` also every rule's name.
        var allowedNames: [String] {
            keys.map(\.rawValue) + (self == .lint ? LintRule.allCases.map(\.rawValue) : [])
        }
    }

    /// What a key's value must be.
    enum Kind {
        /// A string.
        case string
        /// A time: a string such as `"5s"`, or an integer number of milliseconds.
        case time
        /// A whole number, zero or more.
        case count
        /// `true` or `false`.
        case flag

        /// What a message says the value should have been.
        var expectation: String {
            switch self {
            case .string: "a string"
            case .time: "a time such as \"5s\" (a string), or an integer number of milliseconds"
            case .count: "a whole number (an integer, zero or more)"
            case .flag: "true or false (a boolean)"
            }
        }
    }

    enum Key: String, CaseIterable {
        case url
        case shadowURL = "shadow_url"
        case directory
        case versionTable = "version_table"
        case versionTableSchema = "version_table_schema"
        case transaction
        case lockTimeout = "lock_timeout"
        case statementTimeout = "statement_timeout"
        case lockWait = "lock_wait"
        case schema
        case privileges
        case smallTableRows = "small_table_rows"
        case maxHeads = "max_heads"

        var section: Section {
            switch self {
            case .url, .shadowURL: .database
            case .directory, .versionTable, .versionTableSchema, .transaction, .lockTimeout, .statementTimeout,
                .lockWait:
                .migrations
            case .schema, .privileges: .autogenerate
            case .smallTableRows, .maxHeads: .lint
            }
        }

        var kind: Kind {
            switch self {
            case .lockTimeout, .statementTimeout, .lockWait: .time
            case .smallTableRows, .maxHeads: .count
            case .privileges: .flag
            default: .string
            }
        }

        /// Whether values of this key are connection strings, which may hold a password and are never shown
        /// unredacted.
        var isConnectionString: Bool { self == .url || self == .shadowURL }
    }

    /// The key in `section` named `name`, if the section has one.
    static func key(named name: String, in section: Section) -> Key? {
        Key(rawValue: name).flatMap { $0.section == section ? $0 : nil }
    }

    // MARK: - Naming paths

    /// A key path as TOML writes it: `environments.production.database.url`, quoting parts that are not bare
    /// keys (`environments."eu west".database`).
    static func dotted(_ path: [String]) -> String {
        path.map(quotedIfNeeded).joined(separator: ".")
    }

    private static func quotedIfNeeded(_ part: String) -> String {
        let isBare =
            !part.isEmpty
            && part.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "_" || scalar == "-"
            }
        return isBare ? part : basicString(part)
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped. TOML's escapes are JSON's, but
    /// TOML also wants DEL escaped.
    static func basicString(_ value: String) -> String {
        "\"" + JSONText.escaped(value).replacing("\u{7F}", with: "\\u007f") + "\""
    }

    /// A list of names for a message: `` `a`, `b` and `c` `` (or `` `a`, `b` or `c` ``).
    static func list(_ names: [String], conjunction: String = "and") -> String {
        let quoted = names.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + quoted[quoted.count - 1]
    }

    // MARK: - Suggestions

    /// The candidate closest to `name` in spelling, if it is close enough to be a likely typo.
    ///
    /// Compares case-insensitively, allowing one edit for names of up to four characters, two up to nine,
    /// and three beyond; a tie goes to the earlier candidate, so the answer is stable.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        let allowed = lowered.count <= 4 ? 1 : (lowered.count <= 9 ? 2 : 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= allowed, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
