import TOMLKit

/// The settings a `migrate.toml` writes, checked for structure (known sections and keys, values of the right
/// TOML type) but not yet interpreted: no `${VAR}` substitution, no parsing of times.
struct ConfigurationDocument {
    /// A value as TOML typed it.
    enum Value: Hashable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
    }

    /// One key of one section, as written.
    struct Setting {
        var key: ConfigurationSchema.Key
        /// The full key path: `["environments", "production", "migrations", "lock_timeout"]`.
        var path: [String]
        var value: Value
        /// Where its value starts (the file only, when the scan could not place it).
        var valueLocation: SourceLocation

        var dottedPath: String { ConfigurationSchema.dotted(path) }
    }

    /// The settings outside `[environments]`.
    private(set) var settings: [ConfigurationSchema.Key: Setting] = [:]
    /// The settings of each `[environments.NAME]`.
    private(set) var environments: [String: [ConfigurationSchema.Key: Setting]] = [:]
    /// Rule severities of `[lint]` (`create-index-not-concurrently = "warning"`), outside `[environments]`.
    private(set) var lintRules: [LintRule: RuleSetting] = [:]
    /// Rule severities of each `[environments.NAME.lint]`.
    private(set) var environmentLintRules: [String: [LintRule: RuleSetting]] = [:]

    /// One rule's severity in `[lint]`, as written.
    struct RuleSetting {
        var rule: LintRule
        var path: [String]
        var value: String
        var valueLocation: SourceLocation
    }

    private let file: String
    private let index: TOMLKeyIndex
    private var problems: [MigrateError] = []

    /// Reads the parsed document `table`, whose text `index` has scanned.
    /// - Throws: ``MigrateError`` (`.configuration`) for the first problem in file order: an unknown section or
    ///   key, or a value of the wrong type.
    init(table: TOMLTable, index: TOMLKeyIndex, file: String) throws(MigrateError) {
        self.file = file
        self.index = index
        settings = readSections(of: table, at: [])
        if let first = problems.min(by: Self.isEarlier) { throw first }
    }

    /// Environment names in a stable (sorted) order.
    var environmentNames: [String] { environments.keys.sorted() }

    /// Every setting in the file: top level first, then environments by name, each in key order.
    var allSettings: [Setting] {
        let layers = [settings] + environmentNames.compactMap { environments[$0] }
        return layers.flatMap { layer in ConfigurationSchema.Key.allCases.compactMap { layer[$0] } }
    }

    /// Orders problems by where they are, those without a line last; stable for equal positions.
    static func isEarlier(_ a: MigrateError, _ b: MigrateError) -> Bool {
        let a = (a.location?.line ?? .max, a.location?.column ?? .max)
        let b = (b.location?.line ?? .max, b.location?.column ?? .max)
        return a < b
    }

    // MARK: - Reading

    /// Reads the sections of the top level (`path` empty) or of one environment.
    private mutating func readSections(of table: TOMLTable, at path: [String]) -> [ConfigurationSchema.Key: Setting] {
        var settings: [ConfigurationSchema.Key: Setting] = [:]
        for name in table.keys.sorted() {
            guard let value = table[name] else { continue }
            let sectionPath = path + [name]
            if path.isEmpty && name == ConfigurationSchema.environmentsTable {
                readEnvironments(value, at: sectionPath)
                continue
            }
            guard let section = ConfigurationSchema.Section(rawValue: name) else {
                reportUnknownSection(sectionPath, value: value)
                continue
            }
            guard let sectionTable = value.table else {
                reportWrongType(
                    sectionPath,
                    expected: "a table (a [\(ConfigurationSchema.dotted(sectionPath))] section)",
                    actual: value
                )
                continue
            }
            for keyName in sectionTable.keys.sorted() {
                guard let keyValue = sectionTable[keyName] else { continue }
                let keyPath = sectionPath + [keyName]
                if section == .lint, let rule = LintRule(rawValue: keyName) {
                    readRule(rule, keyValue, at: keyPath, environment: path.isEmpty ? nil : path[1])
                    continue
                }
                guard let key = ConfigurationSchema.key(named: keyName, in: section) else {
                    reportUnknownKey(keyPath, in: section)
                    continue
                }
                let typed: Value
                switch (key.kind, keyValue.type) {
                case (_, .string): typed = .string(keyValue.string ?? "")
                case (.time, .int), (.count, .int): typed = .integer(keyValue.int ?? 0)
                case (.flag, .bool): typed = .boolean(keyValue.bool ?? false)
                default:
                    reportWrongType(keyPath, expected: key.kind.expectation, actual: keyValue)
                    continue
                }
                settings[key] = Setting(
                    key: key,
                    path: keyPath,
                    value: typed,
                    valueLocation: location(of: keyPath, value: true)
                )
            }
        }
        return settings
    }

    private mutating func readRule(
        _ rule: LintRule,
        _ value: any TOMLValueConvertible,
        at path: [String],
        environment: String?
    ) {
        guard value.type == .string, let text = value.string else {
            reportWrongType(
                path,
                expected: "a string (" + ConfigurationSchema.list(LintSettings.ruleValues, conjunction: "or") + ")",
                actual: value
            )
            return
        }
        let setting = RuleSetting(rule: rule, path: path, value: text, valueLocation: location(of: path, value: true))
        if let environment {
            environmentLintRules[environment, default: [:]][rule] = setting
        } else {
            lintRules[rule] = setting
        }
    }

    private mutating func readEnvironments(_ value: any TOMLValueConvertible, at path: [String]) {
        guard let table = value.table else {
            reportWrongType(path, expected: "a table of environments ([environments.NAME] sections)", actual: value)
            return
        }
        for name in table.keys.sorted() {
            guard let environment = table[name] else { continue }
            let environmentPath = path + [name]
            guard let environmentTable = environment.table else {
                reportWrongType(
                    environmentPath,
                    expected: "a table (an [\(ConfigurationSchema.dotted(environmentPath))] section)",
                    actual: environment
                )
                continue
            }
            environments[name] = readSections(of: environmentTable, at: environmentPath)
        }
    }

    // MARK: - Problems

    /// A name at the top level or directly in an environment that is not a section.
    private mutating func reportUnknownSection(_ path: [String], value: any TOMLValueConvertible) {
        let name = path[path.count - 1]
        let parent = Array(path.dropLast())
        let isTopLevel = parent.isEmpty
        var allowed = ConfigurationSchema.Section.allCases.map(\.rawValue)
        if isTopLevel { allowed.append(ConfigurationSchema.environmentsTable) }
        let place = isTopLevel ? "at the top level" : "in [\(ConfigurationSchema.dotted(parent))]"
        let allowedText = "allowed \(place): " + ConfigurationSchema.list(allowed)

        var message: String
        var hint = allowedText
        if value.type == .table || value.type == .array {
            message = "unknown section `\(ConfigurationSchema.dotted(path))`"
            if let suggestion = ConfigurationSchema.closest(to: name, among: allowed) {
                message += "; did you mean `\(ConfigurationSchema.dotted(parent + [suggestion]))`?"
            } else if !isTopLevel && name == ConfigurationSchema.environmentsTable {
                hint = "environments cannot be nested; " + allowedText
            }
        } else {
            message = "unknown key `\(ConfigurationSchema.dotted(path))` \(place)"
            // A key written outside its section: point at the section it belongs to.
            if let key = ConfigurationSchema.Key(rawValue: name) {
                message += "; did you mean `\(ConfigurationSchema.dotted(parent + [key.section.rawValue, name]))`?"
            }
            hint = "settings belong in sections; " + allowedText
        }
        problems.append(MigrateError(.configuration, message, location: location(of: path), hint: hint))
    }

    private mutating func reportUnknownKey(_ path: [String], in section: ConfigurationSchema.Section) {
        let name = path[path.count - 1]
        let sectionPath = Array(path.dropLast())
        let allowed = section.allowedNames
        var message = "unknown key `\(ConfigurationSchema.dotted(path))`"
        if let suggestion = ConfigurationSchema.closest(to: name, among: allowed) {
            message += "; did you mean `\(suggestion)`?"
        } else if let key = ConfigurationSchema.Key(rawValue: name) {
            // The right key in the wrong section.
            let correct = Array(sectionPath.dropLast()) + [key.section.rawValue, name]
            message += "; `\(name)` belongs in [\(key.section.rawValue)]: `\(ConfigurationSchema.dotted(correct))`"
        }
        let hint = "[\(ConfigurationSchema.dotted(sectionPath))] allows " + ConfigurationSchema.list(allowed)
        problems.append(MigrateError(.configuration, message, location: location(of: path), hint: hint))
    }

    private mutating func reportWrongType(_ path: [String], expected: String, actual: any TOMLValueConvertible) {
        let message = "`\(ConfigurationSchema.dotted(path))` must be \(expected), not \(Self.describe(actual.type))"
        problems.append(MigrateError(.configuration, message, location: location(of: path)))
    }

    /// A TOML type as a message names it, with its article.
    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a floating-point number"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time of day"
        case .dateTime: "a date-time"
        }
    }

    private func location(of path: [String], value: Bool = false) -> SourceLocation {
        guard let entry = index.entry(for: path) else { return SourceLocation(file: file) }
        let position = value ? entry.value : entry.key
        return SourceLocation(file: file, line: position.line, column: position.column)
    }
}
