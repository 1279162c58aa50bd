import PostgresClient

/// A connection string from `migrate.toml` (`database.url`, `database.shadow_url`), kept as written until it is
/// used.
///
/// Its `${VAR}` references are substituted by ``resolve(environment:)``, not when the file is loaded, so that
/// commands that need no database (offline SQL, `--url`, `DATABASE_URL`) work without the variables set. The
/// syntax of the references, and the connection string itself when it has none, is checked when the file is
/// loaded.
package struct ConnectionSetting: Sendable, Hashable, CustomStringConvertible {
    /// The value as written in the file, before substitution. May contain a password: show ``description``.
    package let template: String
    /// The dotted key it came from: `database.url` or `environments.production.database.url`.
    package let key: String
    /// Where the key is written.
    package let location: SourceLocation

    /// The connection string with its `${VAR}` references substituted from `environment`, checked by libpq.
    /// - Throws: ``MigrateError`` (`.configuration`) naming the key and the unset variable, or saying why libpq
    ///   rejects the string (with any password redacted).
    package func resolve(environment: [String: String]) throws(MigrateError) -> String {
        let value: String
        do throws(VariableSubstitution.Failure) {
            value = try VariableSubstitution.substitute(in: template, environment: environment)
        } catch {
            throw error.configurationError(key: key, location: location)
        }
        try Self.validate(value, key: key, location: location)
        return value
    }

    /// The setting as written, with any password replaced by `****`.
    package var description: String { ConnectionString.redacted(template) }

    /// Checks that a connection string (after substitution) is one libpq can parse.
    static func validate(_ value: String, key: String, location: SourceLocation) throws(MigrateError) {
        guard !value.isEmpty else {
            throw MigrateError(
                .configuration,
                "`\(key)` is empty",
                location: location,
                hint: "remove the key to use the default database, or give a postgresql:// URI or key=value string"
            )
        }
        do throws(PostgresError) {
            try ConnectionString.validate(value)
        } catch {
            // PostgresClient's message quotes the string with the password already redacted.
            throw MigrateError(.configuration, "`\(key)`: \(error.message)", location: location)
        }
    }
}

extension VariableSubstitution.Failure {
    /// The failure as a configuration error about the value of `key`.
    func configurationError(key: String, location: SourceLocation) -> MigrateError {
        let hint: String
        switch self {
        case .unset(let name):
            hint = "set \(name) in the environment, or change `\(key)`"
        case .strayDollar, .unterminated, .invalidName:
            hint = "write ${NAME} for an environment variable and $$ for a literal $"
        }
        return MigrateError(.configuration, "`\(key)` \(description)", location: location, hint: hint)
    }
}
