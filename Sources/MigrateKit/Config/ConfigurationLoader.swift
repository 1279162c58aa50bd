import TOMLKit

/// Reads `migrate.toml`, applies the chosen environment's overrides and `${VAR}` references, and checks every
/// value, producing a ``MigrateConfiguration``.
package enum ConfigurationLoader {
    /// The configuration file looked for in the current directory when `--config` is not given.
    package static let fileName = "migrate.toml"
    /// The environment variable that chooses an environment when `--env` is not given.
    package static let environmentVariable = "MIGRATE_ENV"

    /// Loads the configuration for a run.
    ///
    /// - Parameters:
    ///   - configPath: `--config PATH`; the file must exist, and its directory becomes the project root. When
    ///     `nil`, `migrate.toml` in `currentDirectory` is read if it exists, and defaults apply if not.
    ///   - environmentName: `--env NAME`; when `nil`, `MIGRATE_ENV` from `environment` (if not empty).
    ///   - environment: the process environment, for `${VAR}` references and `MIGRATE_ENV`.
    ///   - currentDirectory: the absolute directory relative paths start from.
    /// - Throws: ``MigrateError`` (`.configuration`) with the file, line and column and what was expected;
    ///   `.io` when an existing file cannot be read.
    package static func load(
        configPath: String?,
        environmentName: String?,
        environment: [String: String],
        currentDirectory: String
    ) throws(MigrateError) -> MigrateConfiguration {
        let shownPath = configPath ?? fileName
        let absolutePath = FileSystemPath.absolute(shownPath, base: currentDirectory)
        let projectRoot = FileSystemPath.directory(of: absolutePath)

        guard let kind = FileKind(at: absolutePath) else {
            if configPath != nil {
                throw MigrateError(
                    .configuration,
                    "configuration file \(shownPath) does not exist",
                    location: SourceLocation(file: shownPath),
                    hint: "check the path given to --config (relative paths start from \(currentDirectory))"
                )
            }
            if let chosen = chosenEnvironment(environmentName, environment) {
                throw MigrateError(
                    .configuration,
                    "environment `\(chosen.name)` (from \(chosen.source)) is not defined: there is no \(fileName) in "
                        + projectRoot,
                    hint: "run migrate from the project root, or give --config PATH"
                )
            }
            return MigrateConfiguration(projectRoot: projectRoot, origin: .defaults(searched: absolutePath))
        }
        guard kind != .directory else {
            throw MigrateError(
                .configuration,
                "\(shownPath) is a directory, not a configuration file",
                location: SourceLocation(file: shownPath),
                hint: "give the path of the file itself, such as \(shownPath)/\(fileName)"
            )
        }
        guard let text = String(validating: try WholeFile.bytes(at: absolutePath, shownAs: shownPath), as: UTF8.self)
        else {
            throw MigrateError(
                .configuration,
                "\(shownPath) is not UTF-8 text",
                location: SourceLocation(file: shownPath),
                hint: "TOML files must be encoded in UTF-8"
            )
        }
        return try parse(
            text,
            file: shownPath,
            projectRoot: projectRoot,
            environmentName: environmentName,
            environment: environment
        )
    }

    /// Builds the configuration from the text of a configuration file.
    ///
    /// - Parameters:
    ///   - text: the file's content.
    ///   - file: the path messages name.
    ///   - projectRoot: the absolute directory relative paths in the file start from.
    ///   - environmentName: `--env NAME`; when `nil`, `MIGRATE_ENV` from `environment` (if not empty).
    ///   - environment: the process environment, for `${VAR}` references and `MIGRATE_ENV`.
    /// - Throws: ``MigrateError`` (`.configuration`): invalid TOML, unknown sections or keys, wrong types,
    ///   an undefined environment, an unset variable, an invalid value. When there are several problems of one
    ///   kind, the first in the file is reported.
    package static func parse(
        _ text: String,
        file: String,
        projectRoot: String,
        environmentName: String?,
        environment: [String: String]
    ) throws(MigrateError) -> MigrateConfiguration {
        let table = try parseTOML(text, file: file)
        let document = try ConfigurationDocument(table: table, index: TOMLKeyIndex(scanning: text), file: file)

        var configuration = MigrateConfiguration(projectRoot: projectRoot, origin: .file(file))
        var effective = document.settings
        if let chosen = chosenEnvironment(environmentName, environment) {
            guard let overrides = document.environments[chosen.name] else {
                throw undefinedEnvironment(chosen, defined: document.environmentNames, file: file)
            }
            effective.merge(overrides) { _, override in override }
            configuration.environmentName = chosen.name
        }

        // Every value is checked, also those of other environments and those an override hides, so a mistake
        // shows up before the deploy that would use it; only values in effect are substituted and kept.
        var problems: [MigrateError] = []
        for setting in document.allSettings {
            let inEffect = effective[setting.key]?.path == setting.path
            var scratch = configuration
            do throws(MigrateError) {
                if inEffect {
                    try apply(setting, to: &configuration, environment: environment)
                } else {
                    try apply(setting, to: &scratch, environment: nil)
                }
            } catch {
                problems.append(error)
            }
        }
        var effectiveRules = document.lintRules
        if let name = configuration.environmentName {
            effectiveRules.merge(document.environmentLintRules[name] ?? [:]) { _, override in override }
        }
        let allRules = [document.lintRules] + document.environmentNames.compactMap { document.environmentLintRules[$0] }
        for setting in allRules.flatMap({ $0.values }) {
            do throws(MigrateError) {
                let severity = try ruleSeverity(setting)
                if effectiveRules[setting.rule]?.path == setting.path {
                    configuration.lint.severities[setting.rule] = .some(severity)
                }
            } catch {
                problems.append(error)
            }
        }
        if let first = problems.min(by: ConfigurationDocument.isEarlier) { throw first }
        return configuration
    }

    /// A rule's value in `[lint]`: `"off"` (`nil`) or a severity.
    private static func ruleSeverity(_ setting: ConfigurationDocument.RuleSetting) throws(MigrateError) -> LintSeverity?
    {
        if setting.value == "off" { return nil }
        if let severity = LintSeverity(rawValue: setting.value) { return severity }
        var message =
            "`\(ConfigurationSchema.dotted(setting.path))` is \"\(setting.value)\"; it must be "
            + ConfigurationSchema.list(LintSettings.ruleValues, conjunction: "or")
        if let suggestion = ConfigurationSchema.closest(to: setting.value, among: LintSettings.ruleValues) {
            message += "; did you mean `\(suggestion)`?"
        }
        throw MigrateError(
            .configuration,
            message,
            location: setting.valueLocation,
            hint: "off: the rule does not run; info, warning: listed; error: `migrate check` fails"
        )
    }

    // MARK: - TOML

    private static func parseTOML(_ text: String, file: String) throws(MigrateError) -> TOMLTable {
        // TOMLKit hands the text to C++ as a C string, which would silently end at a NUL.
        if let nul = text.unicodeScalars.firstIndex(of: "\0") {
            let lines = text.unicodeScalars[..<nul].split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.count
            let column = (lines.last?.count ?? 0) + 1
            throw MigrateError(
                .configuration,
                "invalid TOML: the file contains a NUL character",
                location: SourceLocation(file: file, line: line, column: column)
            )
        }
        if let header = TOMLHeaderCheck.firstMalformedHeader(in: text) {
            throw MigrateError(
                .configuration,
                "invalid TOML: a table name cannot start with '\(header.character)'",
                location: SourceLocation(file: file, line: header.line, column: header.column)
            )
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            // toml++ reports line 0 when it has no position; show none rather than a wrong one.
            let location =
                begin.line > 0
                ? SourceLocation(file: file, line: begin.line, column: begin.column > 0 ? begin.column : nil)
                : SourceLocation(file: file)
            throw MigrateError(.configuration, "invalid TOML: \(error.description)", location: location)
        } catch {
            throw MigrateError(.configuration, "invalid TOML: \(error)", location: SourceLocation(file: file))
        }
    }

    // MARK: - Environments

    private struct ChosenEnvironment {
        var name: String
        /// `--env` or `MIGRATE_ENV`, for messages.
        var source: String
    }

    private static func chosenEnvironment(_ flag: String?, _ environment: [String: String]) -> ChosenEnvironment? {
        if let flag { return ChosenEnvironment(name: flag, source: "--env") }
        if let name = environment[environmentVariable], !name.isEmpty {
            return ChosenEnvironment(name: name, source: environmentVariable)
        }
        return nil
    }

    private static func undefinedEnvironment(
        _ chosen: ChosenEnvironment,
        defined: [String],
        file: String
    ) -> MigrateError {
        let quotedName = ConfigurationSchema.dotted([chosen.name])
        let message = "environment `\(chosen.name)` (from \(chosen.source)) is not defined in \(file)"
        if defined.isEmpty {
            return MigrateError(
                .configuration,
                message + "; it defines no environments",
                location: SourceLocation(file: file),
                hint: "add an [environments.\(quotedName)] section"
            )
        }
        return MigrateError(
            .configuration,
            message + "; defined: " + ConfigurationSchema.list(defined),
            location: SourceLocation(file: file),
            hint: "choose one of those with --env or \(environmentVariable), or add [environments.\(quotedName)]"
        )
    }

    // MARK: - Values

    /// Interprets `setting` into `configuration`.
    ///
    /// `environment` is the process environment for a value in effect, and `nil` for one that is not (another
    /// environment's, or hidden by an override): then only the syntax of its `${VAR}`s is checked, and the value
    /// is interpreted only if it uses none. Connection strings keep their variables (see ``ConnectionSetting``).
    private static func apply(
        _ setting: ConfigurationDocument.Setting,
        to configuration: inout MigrateConfiguration,
        environment: [String: String]?
    ) throws(MigrateError) {
        let key = setting.dottedPath
        let location = setting.valueLocation
        let written: String
        switch setting.value {
        case .integer(let rows) where setting.key == .smallTableRows:
            guard rows >= 0 else {
                throw MigrateError(.configuration, "`\(key)` is \(rows); it must be zero or more", location: location)
            }
            configuration.lint.smallTableRows = rows
            return
        case .integer(let heads) where setting.key == .maxHeads:
            guard heads >= 1 else {
                throw MigrateError(.configuration, "`\(key)` is \(heads); it must be 1 or more", location: location)
            }
            configuration.lint.maxHeads = heads
            return
        case .integer(let milliseconds):
            let time = try timeSetting(milliseconds: milliseconds, key: key, location: location)
            assign(time, to: setting.key, in: &configuration)
            return
        case .boolean(let value):
            configuration.autogenerate.privileges = value
            return
        case .string(let string):
            written = string
        }

        let text: String
        do throws(VariableSubstitution.Failure) {
            let usesVariables = try !VariableSubstitution.variableNames(in: written).isEmpty
            if !usesVariables {
                text = try VariableSubstitution.substitute(in: written, environment: [:])  // for `$$`
            } else if setting.key.isConnectionString {
                // Substituted when used (see ConnectionSetting), so it can only be checked then.
                assign(
                    ConnectionSetting(template: written, key: key, location: location),
                    to: setting.key,
                    in: &configuration
                )
                return
            } else if let environment {
                text = try VariableSubstitution.substitute(in: written, environment: environment)
            } else {
                return  // Not in effect, and its value depends on variables that need not be set now.
            }
        } catch {
            throw error.configurationError(key: key, location: location)
        }

        switch setting.key {
        case .url, .shadowURL:
            try ConnectionSetting.validate(text, key: key, location: location)
            assign(
                ConnectionSetting(template: written, key: key, location: location),
                to: setting.key,
                in: &configuration
            )
        case .directory:
            configuration.migrations.directory = try path(text, key: key, location: location)
        case .schema:
            configuration.autogenerate.schema = try path(text, key: key, location: location)
        case .versionTable:
            configuration.migrations.versionTable = try identifier(text, key: key, location: location)
        case .versionTableSchema:
            configuration.migrations.versionTableSchema = try identifier(text, key: key, location: location)
        case .transaction:
            configuration.migrations.transaction = try transactionMode(text, key: key, location: location)
        case .privileges:
            throw MigrateError(
                .configuration,
                "`\(key)` must be \(setting.key.kind.expectation), not a string",
                location: location,
                hint: "write it without quotes: privileges = true"
            )
        case .smallTableRows, .maxHeads:
            throw MigrateError(
                .configuration,
                "`\(key)` must be \(setting.key.kind.expectation), not a string",
                location: location,
                hint: "write it without quotes: \(setting.key.rawValue) = \(setting.key == .maxHeads ? "2" : "10000")"
            )
        case .lockTimeout, .statementTimeout, .lockWait:
            let time: TimeoutSetting
            do throws(TimeoutSetting.ParseError) {
                time = try TimeoutSetting(parsing: text)
            } catch {
                throw MigrateError(.configuration, "`\(key)` \(error)", location: location)
            }
            assign(time, to: setting.key, in: &configuration)
        }
    }

    private static func assign(
        _ connection: ConnectionSetting,
        to key: ConfigurationSchema.Key,
        in configuration: inout MigrateConfiguration
    ) {
        if key == .url { configuration.database.url = connection }
        if key == .shadowURL { configuration.database.shadowURL = connection }
    }

    private static func assign(
        _ time: TimeoutSetting,
        to key: ConfigurationSchema.Key,
        in configuration: inout MigrateConfiguration
    ) {
        switch key {
        case .lockTimeout: configuration.migrations.lockTimeout = time
        case .statementTimeout: configuration.migrations.statementTimeout = time
        case .lockWait: configuration.migrations.lockWait = time
        default: break
        }
    }

    private static func timeSetting(
        milliseconds: Int,
        key: String,
        location: SourceLocation
    ) throws(MigrateError) -> TimeoutSetting {
        do throws(TimeoutSetting.ParseError) {
            return try TimeoutSetting(Int64(milliseconds), .milliseconds)
        } catch {
            throw MigrateError(.configuration, "`\(key)` \(error)", location: location)
        }
    }

    private static func path(_ text: String, key: String, location: SourceLocation) throws(MigrateError) -> String {
        guard !text.isEmpty else {
            throw MigrateError(
                .configuration,
                "`\(key)` is empty",
                location: location,
                hint: "give a path relative to the project root, or remove the key to use the default"
            )
        }
        return text
    }

    /// PostgreSQL keeps the first 63 bytes of a longer name (NAMEDATALEN - 1), so a longer name would silently
    /// mean a different table than the one written.
    private static func identifier(_ text: String, key: String, location: SourceLocation) throws(MigrateError) -> String
    {
        guard !text.isEmpty else {
            throw MigrateError(
                .configuration,
                "`\(key)` is empty; a PostgreSQL name needs at least one character",
                location: location
            )
        }
        let bytes = text.utf8.count
        guard bytes <= 63 else {
            throw MigrateError(
                .configuration,
                "`\(key)` is \(bytes) bytes long (\"\(text)\"); PostgreSQL truncates names to 63 bytes",
                location: location,
                hint: "choose a name of at most 63 bytes"
            )
        }
        return text
    }

    private static func transactionMode(
        _ text: String,
        key: String,
        location: SourceLocation
    ) throws(MigrateError) -> TransactionMode {
        if let mode = TransactionMode(rawValue: text) { return mode }
        let allowed = TransactionMode.allCases.map(\.rawValue)
        var message = "`\(key)` is \"\(text)\"; it must be " + ConfigurationSchema.list(allowed, conjunction: "or")
        if let suggestion = ConfigurationSchema.closest(to: text, among: allowed) {
            message += "; did you mean `\(suggestion)`?"
        }
        throw MigrateError(
            .configuration,
            message,
            location: location,
            hint: "per-revision: one transaction per revision; all: the whole batch in one transaction"
        )
    }
}
