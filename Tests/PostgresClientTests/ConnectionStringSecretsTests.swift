import MigrateTestSupport
import PostgresClient
import Testing

@Suite("Passwords in connection strings")
struct ConnectionStringSecretsTests {
    @Test(arguments: [
        ("postgresql://app:se cret@db/x", "postgresql://app:****@db/x"),
        ("postgresql://app:a@b@db/x", "postgresql://app:****@db/x"),
        ("postgresql://app:a/b?c#d@db/x", "postgresql://app:****@db/x"),
        ("postgresql://app:secret%pw@localhost/db", "postgresql://app:****@localhost/db"),
        ("postgresql://app:@db/x", "postgresql://app:****@db/x"),
        ("postgresql://app:p'\"\\é@db/x", "postgresql://app:****@db/x"),
        ("host=db password=a b c dbname=x", "host=db password=**** dbname=x"),
        ("host=db password='it\\'s' dbname=x", "host=db password=**** dbname=x"),
        ("host=db password='unterminated dbname=x", "host=db password=****"),
        ("host=db PASSWORD=x sslpassword=y", "host=db PASSWORD=**** sslpassword=****"),
        ("password= dbname=x", "password= ****"),
        ("dbname=postgresql://u:pw@h/db host=x", "dbname=postgresql://u:****@h/db host=x"),
        ("postgresql://h/db?password=a&b&sslmode=disable", "postgresql://h/db?password=****&sslmode=disable"),
        ("postgresql://[::1]:5432/db", "postgresql://[::1]:5432/db"),
        ("host=db user=app", "host=db user=app"),
    ])
    func redactedMasksEveryPasswordRegion(input: String, expected: String) {
        #expect(ConnectionString.redacted(input) == expected)
    }

    @Test func secretsComeAsWrittenDecodedAndInPieces() {
        let uri = ConnectionString.secrets(in: "postgresql://u:se%20cret%21@h/db")
        #expect(uri.contains("se%20cret%21"))
        #expect(uri.contains("se cret!"))
        #expect(uri.contains("cret!"))
        let keyword = ConnectionString.secrets(in: "host=h password='it\\'s mine'")
        #expect(keyword.contains("'it\\'s mine'"))
        #expect(keyword.contains("it's mine"))
        #expect(keyword.contains("mine"))
        #expect(ConnectionString.secrets(in: "host=h user=u").isEmpty)
    }

    /// The messages libpq gives for the ways a connection string can be malformed: each quotes a piece of it.
    @Test(arguments: [
        // invalid percent-encoded token: "secret%pw"
        ("postgresql://u:secret%pw@localhost/db", ["secret%pw"]),
        // forbidden value %00 in percent-encoded value: "secret%00pw"
        ("postgresql://u:secret%00pw@localhost/db", ["secret%00pw"]),
        // unexpected character ... in URI: "<the whole URI>"
        ("postgresql://u:hunter2@[::1]x/db", ["hunter2"]),
        ("postgresql://u:tiny@[::1/db", ["tiny"]),
        // missing "=" after "b" in connection info string
        ("host=localhost password=abcd efgh", ["abcd", "efgh"]),
        ("host=localhost password=ab cd", ["ab", "cd"]),
        // unterminated quoted string
        ("host=localhost password='open sesame", ["open sesame", "sesame"]),
        // extra key/value separator "=" in URI query parameter: "..."
        ("postgresql://localhost/db?password=zz=top", ["zz=top"]),
        ("postgresql://localhost/db?password=a%zzb", ["a%zzb"]),
    ])
    func parseErrorsNeverQuoteThePassword(connectionString: String, secrets: [String]) throws {
        let error = try #require(throws: PostgresError.self) { try ConnectionString.options(connectionString) }
        #expect(error.code == .invalidConnectionString)
        for secret in secrets {
            #expect(!error.description.contains(secret), "\(error.description)")
            #expect(!error.description.contains("\"\(secret)\""), "\(error.description)")
        }
    }

    @Test func scrubMasksDecodedPiecesAndKeepsWording() throws {
        // A `/` in the password ends libpq's authority early: the rest becomes the port, quoted decoded.
        let url = "postgres://fuzz:XZzKqz%41wzjk%09KWwkXV%41ZVqV wWjJ/VXzwzq%41@127.0.0.1:7/db"
        #expect(try ConnectionString.options(url)["port"] == "XZzKqzAwzjk\tKWwkXVAZVqV wWjJ")
        let message = #"invalid integer value "XZzKqzAwzjk\#tKWwkXVAZVqV wWjJ" for connection option "port""#
        #expect(
            ConnectionString.scrub(message, secretsOf: url)
                == #"invalid integer value "****" for connection option "port""#
        )
        // Four bytes of a password in libpq's own words are not a copy of it.
        let refused = #"FATAL:  password authentication failed for user "app""#
        #expect(ConnectionString.scrub(refused, secretsOf: "host=/tmp password='wrong-password' user=app") == refused)
    }

    @Test func scrubKeepsWhatIsNotAPassword() {
        let message = #"connection to server at "127.0.0.1", port 1 failed: Connection refused"#
        #expect(ConnectionString.scrub(message, secretsOf: "postgresql://u:pw@127.0.0.1:1/db") == message)
        #expect(
            ConnectionString.scrub(#"missing "=" after "b" in connection info string"#, secretsOf: "password=a b")
                == #"missing "=" after "****" in connection info string"#
        )
        #expect(
            ConnectionString.scrub(#"in URI: "postgresql://u:pw@h:x:y/db""#, secretsOf: "postgresql://u:pw@h:x:y/db")
                == #"in URI: "postgresql://u:****@h:x:y/db""#
        )
    }

    /// Random passwords full of what breaks parsers, in every form a connection string can carry them, each either
    /// malformed or pointing at a closed port or a missing socket directory: no error may show the password.
    @Test func fuzzedPasswordsNeverReachAnError() throws {
        var random = SeededRandom(seed: 0x5EC2E7)
        for _ in 0..<300 {
            let password = PasswordFuzz.password(using: &random)
            for connectionString in PasswordFuzz.connectionStrings(password: password, using: &random) {
                let description: String
                do {
                    _ = try PostgresConnection(connectionString, connectTimeoutSeconds: 2)
                    Issue.record("connected with \(ConnectionString.redacted(connectionString))")
                    continue
                } catch {
                    description = error.description
                }
                for secret in PasswordFuzz.forbiddenTexts(password: password) {
                    #expect(
                        !description.contains(secret),
                        "password \(password.debugDescription) in \(connectionString.debugDescription): \(description)"
                    )
                }
                let redacted = ConnectionString.redacted(connectionString)
                for secret in PasswordFuzz.forbiddenTexts(password: password) {
                    #expect(!redacted.contains(secret), "\(password.debugDescription) in \(redacted.debugDescription)")
                }
            }
        }
    }
}
