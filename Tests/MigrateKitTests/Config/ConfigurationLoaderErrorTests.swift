import Testing

@testable import MigrateKit

/// Every way `migrate.toml` can be wrong, and that each message names the file, the line and the key.
@Suite struct ConfigurationLoaderErrorTests {
    private func failure(
        _ text: String,
        env: String? = nil,
        environment: [String: String] = [:]
    ) throws -> MigrateError {
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration(text, env: env, environment: environment)
        }
        #expect(error.code == .configuration)
        #expect(error.code.exitCode == 2)
        return error
    }

    // MARK: - TOML syntax

    @Test func malformedTOMLGivesLineColumnAndTOMLKitsMessage() throws {
        let error = try failure(
            """
            [migrations]
            lock_timeout = "5s"
            directory = 
            """
        )
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 3, column: 13))
        #expect(error.message.hasPrefix("invalid TOML: "))
        #expect(error.message.contains("Error while parsing key-value pair: encountered end-of-file"))
        #expect(error.description.hasPrefix("migrate.toml:3:13: invalid TOML: "))
    }

    @Test func duplicateTableIsReportedByTOMLKit() throws {
        let error = try failure("[database]\nurl = \"a\"\n\n[database]\n")
        #expect(error.location?.line == 4)
        #expect(error.message.contains("database"))
    }

    @Test func nulCharacterIsReportedWithItsPosition() throws {
        let error = try failure("[migrations]\ndirectory = \"a\u{0}b\"\n")
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 2, column: 15))
        #expect(error.message.contains("NUL"))
    }

    // MARK: - Unknown names

    @Test func unknownKeyNamesItsPathSuggestsAndListsTheAllowedKeys() throws {
        let error = try failure(
            """
            [migrations]
            directory = "m"
              lock_timout = "5s"
            """
        )
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 3, column: 3))
        #expect(error.message == "unknown key `migrations.lock_timout`; did you mean `lock_timeout`?")
        #expect(
            error.hint
                == "[migrations] allows `directory`, `version_table`, `version_table_schema`, `transaction`, "
                + "`lock_timeout`, `statement_timeout` and `lock_wait`"
        )
        #expect(error.description.hasPrefix("migrate.toml:3:3: unknown key"))
    }

    @Test func unknownKeyInAnEnvironmentHasTheFullPath() throws {
        let error = try failure(
            """
            [environments.production.database]
            url = "host=db"
            shadow_ulr = "host=localhost"
            """
        )
        #expect(error.location?.line == 3)
        #expect(error.message.contains("`environments.production.database.shadow_ulr`"))
        #expect(error.message.contains("did you mean `shadow_url`?"))
        #expect(error.hint?.contains("[environments.production.database] allows `url` and `shadow_url`") == true)
    }

    @Test func unknownKeyWithoutCloseMatchGetsNoGuess() throws {
        let error = try failure("[autogenerate]\nrenderer = \"x\"\n")
        #expect(error.message == "unknown key `autogenerate.renderer`")
        #expect(error.hint == "[autogenerate] allows `schema` and `privileges`")
    }

    @Test func keyInTheWrongSectionPointsToItsSection() throws {
        let error = try failure("[database]\nlock_timeout = \"1s\"\n")
        #expect(error.message.contains("unknown key `database.lock_timeout`"))
        #expect(error.message.contains("`lock_timeout` belongs in [migrations]: `migrations.lock_timeout`"))
        #expect(error.location?.line == 2)
    }

    @Test func keyOutsideAnySection() throws {
        let error = try failure("# comment\nurl = \"postgresql://localhost/app\"\n")
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 2, column: 1))
        #expect(error.message == "unknown key `url` at the top level; did you mean `database.url`?")
        #expect(error.hint?.contains("`database`, `migrations`, `autogenerate`, `lint` and `environments`") == true)
    }

    @Test func unknownSectionSuggestsTheClosestOne() throws {
        let error = try failure("[migrations]\n\n[datbase]\nurl = \"x\"\n")
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 3, column: 1))
        #expect(error.message == "unknown section `datbase`; did you mean `database`?")
        #expect(
            error.hint
                == "allowed at the top level: `database`, `migrations`, `autogenerate`, `lint` and `environments`"
        )
    }

    @Test func unknownSectionInsideAnEnvironment() throws {
        let error = try failure("[environments.staging.migration]\nlock_wait = \"1s\"\n")
        #expect(error.location?.line == 1)
        #expect(error.message.contains("unknown section `environments.staging.migration`"))
        #expect(error.message.contains("did you mean `environments.staging.migrations`?"))
        #expect(
            error.hint?.contains("in [environments.staging]: `database`, `migrations`, `autogenerate` and `lint`")
                == true
        )
    }

    @Test func environmentsDoNotNest() throws {
        let error = try failure("[environments.a.environments.b]\n")
        #expect(error.message.contains("unknown section `environments.a.environments`"))
        #expect(error.hint?.contains("environments cannot be nested") == true)
    }

    @Test func quotedNamesAreQuotedInMessages() throws {
        let error = try failure("[environments.\"eu west\".migrations]\n\"lock timeout\" = \"1s\"\n")
        #expect(error.message.contains("`environments.\"eu west\".migrations.\"lock timeout\"`"))
        #expect(error.location?.line == 2)
    }

    @Test func firstProblemInTheFileIsReported() throws {
        let error = try failure(
            """
            [migrations]
            zzz = 1
            [autogenerate]
            aaa = 1
            """
        )
        // `autogenerate.aaa` sorts first, but `migrations.zzz` comes first in the file.
        #expect(error.message.contains("`migrations.zzz`"))
        #expect(error.location?.line == 2)
    }

    // MARK: - Types

    @Test func keyOfTheWrongTypeSaysWhatWasExpected() throws {
        let error = try failure("[migrations]\nversion_table = 42\n")
        #expect(error.message == "`migrations.version_table` must be a string, not an integer")
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 2, column: 1))
    }

    @Test(arguments: [
        ("[migrations]\nlock_timeout = true\n", "`migrations.lock_timeout` must be a time such as \"5s\"", "a boolean"),
        ("[migrations]\nlock_wait = 1.5\n", "`migrations.lock_wait` must be a time", "a floating-point number"),
        ("[database]\nurl = [\"a\"]\n", "`database.url` must be a string", "an array"),
        ("[autogenerate]\nschema = 2024-01-01\n", "`autogenerate.schema` must be a string", "a date"),
        ("database = \"postgresql://x\"\n", "`database` must be a table (a [database] section)", "a string"),
        ("[[migrations]]\n", "`migrations` must be a table", "an array"),
        ("environments = 1\n", "`environments` must be a table of environments", "an integer"),
        ("[environments]\nproduction = \"x\"\n", "`environments.production` must be a table", "a string"),
    ])
    func wrongTypes(text: String, expected: String, actual: String) throws {
        let error = try failure(text)
        #expect(error.message.hasPrefix(expected))
        #expect(error.message.hasSuffix("not \(actual)"))
        #expect(error.location?.line != nil)
    }

    // MARK: - Values

    @Test func badTimeNamesKeyLineAndUnits() throws {
        let error = try failure("[migrations]\nstatement_timeout = \"30 sec\"\n")
        #expect(error.location == SourceLocation(file: "migrate.toml", line: 2, column: 21))
        #expect(error.message.contains("`migrations.statement_timeout` unknown time unit \"sec\""))
        #expect(error.message.contains("ms, s, min, h, d"))
    }

    @Test(arguments: [
        ("lock_timeout = -1", "is negative"),
        ("lock_timeout = \"-5s\"", "is negative"),
        ("lock_wait = \"1.5s\"", "is not a whole number"),
        ("lock_wait = \"30d\"", "2147483647 ms"),
        ("statement_timeout = 3000000000", "2147483647 ms"),
        ("statement_timeout = \"\"", "is empty"),
    ])
    func badTimes(line: String, expected: String) throws {
        let error = try failure("[migrations]\n\(line)\n")
        #expect(error.message.contains(expected))
        #expect(error.location?.line == 2)
    }

    @Test func badTransactionModeSuggestsAndListsTheModes() throws {
        let error = try failure("[migrations]\ntransaction = \"per_revision\"\n")
        #expect(error.location?.line == 2)
        #expect(
            error.message
                == "`migrations.transaction` is \"per_revision\"; it must be `per-revision` or `all`; "
                + "did you mean `per-revision`?"
        )
        #expect(error.hint?.contains("the whole batch in one transaction") == true)

        let unlike = try failure("[migrations]\ntransaction = \"none\"\n")
        #expect(!unlike.message.contains("did you mean"))
    }

    @Test func identifiersMayHaveAtMost63Bytes() throws {
        let longest = String(repeating: "t", count: 63)
        #expect(
            try parseConfiguration("[migrations]\nversion_table = \"\(longest)\"\n").migrations.versionTable == longest
        )

        let tooLong = String(repeating: "t", count: 64)
        let error = try failure("[migrations]\nversion_table = \"\(tooLong)\"\n")
        #expect(error.message.contains("`migrations.version_table` is 64 bytes long"))
        #expect(error.message.contains("truncates names to 63 bytes"))
        #expect(error.location?.line == 2)

        // Bytes, not characters: 32 two-byte letters are 64 bytes.
        let multibyte = try failure("[migrations]\nversion_table_schema = \"\(String(repeating: "é", count: 32))\"\n")
        #expect(multibyte.message.contains("`migrations.version_table_schema` is 64 bytes long"))
    }

    @Test func identifiersMustNotBeEmpty() throws {
        let error = try failure("[environments.x.migrations]\nversion_table_schema = \"\"\n")
        #expect(error.message.contains("`environments.x.migrations.version_table_schema` is empty"))
    }

    @Test func pathsMustNotBeEmpty() throws {
        let error = try failure("[migrations]\ndirectory = \"\"\n")
        #expect(error.message == "`migrations.directory` is empty")
    }

    @Test func invalidConnectionStringIsReportedRedacted() throws {
        let error = try failure("[database]\nshadow_url = \"host=db password=hunter2 colour=blue\"\n")
        #expect(error.location?.line == 2)
        #expect(error.message.contains("`database.shadow_url`"))
        #expect(error.message.contains("colour"))
        #expect(error.message.contains("password=****"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test func emptyConnectionStringIsAnError() throws {
        let error = try failure("[database]\nurl = \"\"\n")
        #expect(error.message == "`database.url` is empty")
    }

    @Test func substitutedConnectionStringIsCheckedWhenUsed() throws {
        let configuration = try parseConfiguration("[database]\nurl = \"${URL}\"\n")
        let url = try #require(configuration.database.url)
        let error = try #require(throws: MigrateError.self) {
            try url.resolve(environment: ["URL": "postgresql://app:hunter2@db:5432/app?colour=blue"])
        }
        #expect(error.message.contains("`database.url`"))
        #expect(!error.description.contains("hunter2"))
    }
}
