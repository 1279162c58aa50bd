import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

/// No output of `migrate` contains a password, whatever the password holds and however the
/// connection fails (a malformed string, a closed port, a missing socket directory, a role the server does not know).
@Suite("No password in the CLI's output")
struct PasswordLeakTests {
    /// The commands run with each connection string: connecting ones, JSON output, and the one that prints the URL.
    static let commands: [[String]] = [["current"], ["db", "url"], ["current", "--json"], ["status"]]

    /// Each seed gives a random password and a share of the hand-picked ones (the seeds run in parallel).
    @Test(arguments: 0..<8)
    func fuzzedPasswordsNeverReachStdoutOrStderr(seed: Int) throws {
        var random = SeededRandom(seed: 0xC11_5EC2E7 &+ UInt64(seed))
        var passwords = (0..<1).map { _ in PasswordFuzz.password(using: &random) }
        passwords += PasswordFuzz.handPicked.enumerated().filter { $0.offset % 8 == seed }.map(\.element)
        let server = try Self.unknownRoleOnTestServer()
        try TemporaryDirectory.with { project in
            try project.write("migrate.toml", "[database]\nurl = \"${FUZZ_URL}\"\n")
            for password in passwords {
                var connectionStrings = PasswordFuzz.connectionStrings(password: password, using: &random)
                connectionStrings.append(server + " password='\(PasswordFuzz.keywordQuoted(password))'")
                for (index, connectionString) in connectionStrings.enumerated() {
                    // Every string as --url; every third also as DATABASE_URL and through migrate.toml's ${FUZZ_URL}.
                    var runs: [(arguments: [String], environment: [String: String])] = [
                        (["--url", connectionString], [:])
                    ]
                    if index % 3 == seed % 3 {
                        runs.append(([], ["DATABASE_URL": connectionString]))
                        runs.append(([], ["FUZZ_URL": connectionString]))
                    }
                    for (runIndex, run) in runs.enumerated() {
                        let command = Self.commands[random.next(in: 0...(Self.commands.count - 1))]
                        for arguments in runIndex == 0 ? [["current"], command] : [command] {
                            let output = try MigrateExecutable.run(
                                run.arguments + arguments,
                                in: project.path,
                                environment: run.environment
                            )
                            Self.expectNoPassword(password, in: output, running: arguments, with: connectionString)
                        }
                    }
                }
            }
        }
    }

    /// A reported case, word for word, and what each command prints for it.
    @Test(arguments: ["postgresql://u:secret%pw@localhost/db", "postgresql://u:secret%00pw@localhost/db"])
    func reportedURLShowsNoPassword(url: String) throws {
        try TemporaryDirectory.with { project in
            let current = try MigrateExecutable.run(["--url", url, "current"], in: project.path)
            #expect(current.status == .exited(1))
            #expect(current.standardError.contains("postgresql://u:****@localhost/db"), "\(current.standardError)")
            #expect(current.standardError.contains("percent-encoded"), "\(current.standardError)")
            Self.expectNoPassword(
                url.contains("%00") ? "secret%00pw" : "secret%pw",
                in: current,
                running: ["current"],
                with: url
            )

            let printed = try MigrateExecutable.run(["--url", url, "db", "url"], in: project.path)
            #expect(printed.standardOutput == "postgresql://u:****@localhost/db\n")
        }
    }

    @Test func keywordPasswordWithASpaceShowsNoPiece() throws {
        try TemporaryDirectory.with { project in
            let url = "host=127.0.0.1 port=1 password=abcd efgh"
            let output = try MigrateExecutable.run(["--url", url, "current"], in: project.path)
            #expect(output.status == .exited(1))
            #expect(output.standardError.contains(#"missing "=" after "****""#), "\(output.standardError)")
            Self.expectNoPassword("abcd efgh", in: output, running: ["current"], with: url)
        }
    }

    /// `postgres:postgres`, as many development setups have it: the password is masked, the user name is not (it is
    /// shown on purpose, and masking it everywhere would garble every line).
    @Test func passwordEqualToTheUserNameMasksOnlyThePassword() throws {
        try TemporaryDirectory.with { project in
            let url = "postgresql://postgres:postgres@127.0.0.1:1/postgres"
            let printed = try MigrateExecutable.run(["--url", url, "db", "url"], in: project.path)
            #expect(printed.standardOutput == "postgresql://postgres:****@127.0.0.1:1/postgres\n")
        }
    }

    /// A connection string for the test server as a role it does not have: the server itself refuses it.
    static func unknownRoleOnTestServer() throws -> String {
        let options = try ConnectionString.options(try TestServer.adminConnectionString())
        var server = options.filter { ["host", "port", "hostaddr"].contains($0.key) }
        server["user"] = "no_such_role_for_fuzzing"
        server["dbname"] = "postgres"
        return ConnectionString.render(server)
    }

    static func expectNoPassword(
        _ password: String,
        in output: ProcessOutput,
        running arguments: [String],
        with connectionString: String
    ) {
        let shown = output.standardOutput + output.standardError
        #expect(!shown.contains("Fatal error"), "\(shown)")
        for secret in PasswordFuzz.forbiddenTexts(password: password) {
            #expect(
                !shown.contains(secret),
                "migrate \(arguments.joined(separator: " ")) with \(connectionString.debugDescription) shows \(secret.debugDescription): \(shown)"
            )
        }
    }
}
