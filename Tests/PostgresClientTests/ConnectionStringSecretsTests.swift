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

/// Builds passwords and connection strings for the fuzz tests (here and in the CLI tests).
enum PasswordFuzz {
    /// Characters that break URI and keyword parsing, plus letters that make a password recognisable.
    static let troublemakers: [String] = [
        "%", "%00", "%2", "%zz", "%41", "'", "\"", "\\", " ", "  ", "@", "/", "?", "#", "&", "=", ":", "é", "日本",
        "\u{1F511}", "\t", "[", "]", ",",
    ]
    static let letters = Array("QXZJKWVqxzjkwv")

    static func password(using random: inout SeededRandom) -> String {
        var password = ""
        for _ in 0..<random.next(in: 2...6) {
            // A run of at least four distinctive letters between the troublemakers, so that what the test looks
            // for cannot appear in a message by chance.
            password += String(
                (0..<random.next(in: 4...6)).map { _ in letters[random.next(in: 0...(letters.count - 1))] }
            )
            password += troublemakers[random.next(in: 0...(troublemakers.count - 1))]
        }
        return password
    }

    /// The password as written in URIs (raw and percent-encoded), query parameters and keyword strings (quoted and
    /// not), against closed ports on 127.0.0.1 and a socket directory that does not exist.
    static func connectionStrings(password: String, using random: inout SeededRandom) -> [String] {
        let port = [1, 9, 2, 7][random.next(in: 0...3)]
        return [
            "postgresql://fuzz:\(password)@127.0.0.1:\(port)/db",
            "postgresql://fuzz:\(percentEncoded(password))@127.0.0.1:\(port)/db",
            "postgres://fuzz:\(password)@127.0.0.1:\(port)/db?connect_timeout=2",
            "postgresql://127.0.0.1:\(port)/db?user=fuzz&password=\(password)",
            "postgresql://127.0.0.1:\(port)/db?user=fuzz&password=\(percentEncoded(password))",
            "host=127.0.0.1 port=\(port) user=fuzz password=\(password) dbname=db",
            "host=127.0.0.1 port=\(port) password='\(keywordQuoted(password))' dbname=db",
            "host=/nonexistent/socket/dir password='\(keywordQuoted(password))' dbname=db",
            "postgresql://fuzz:\(percentEncoded(password))@%2Fnonexistent%2Fsocket/db",
            "dbname=postgresql://fuzz:\(percentEncoded(password))@127.0.0.1:\(port)/db",
        ]
    }

    /// What must never be shown: the password, its whitespace-separated pieces, and the distinctive runs in it.
    static func forbiddenTexts(password: String) -> [String] {
        var texts = [password, percentEncoded(password)]
        texts += password.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.utf8.count >= 4 }
        texts += password.split(whereSeparator: { !letters.contains($0) }).map(String.init).filter { $0.count >= 4 }
        return texts
    }

    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return encoded
    }

    static func keywordQuoted(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
    }
}

/// SplitMix64: the same sequence on every run, so a failure can be replayed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
