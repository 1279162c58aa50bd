import PostgresClient
import Testing

/// Passwords `scripts/fuzz` found surviving a scrub.
@Suite struct ConnectionStringSecretsFuzzFindingsTests {
    /// A password that starts with a combining mark (U+035E) forms one Character with the space before it in a
    /// message, so a Character-wise search for it failed and the password was shown.
    @Test func passwordStartingWithACombiningMarkIsScrubbed() {
        let password = "\u{35E}" + String(repeating: "\u{FFFD}", count: 6) + "/"
        let connectionString = "host=db.internal user=app password='\(password)' dbname=app"
        let message = "password authentication failed for \(password) at '\(password)'"
        let scrubbed = ConnectionString.scrub(message, secretsOf: connectionString)
        #expect(!scrubbed.utf8.elementsEqual(message.utf8))
        #expect(scrubbed == "password authentication failed for **** at ****")
        #expect(ConnectionString.redacted(connectionString) == "host=db.internal user=app password=**** dbname=app")
    }

    @Test func decodedPasswordStartingWithACombiningMarkIsScrubbed() {
        let scrubbed = ConnectionString.scrub(
            "password \u{301}abcd rejected",
            secretsOf: "postgresql://u:%CC%81abcd@h/db"
        )
        #expect(scrubbed == "password **** rejected")
    }
}
