// One harness per parser that reads what a person or a file wrote: each takes arbitrary bytes, must not crash,
// and checks what must hold whatever the input. Built with `-sanitize=fuzzer -DFUZZING` (see `scripts/fuzz`),
// libFuzzer generates the inputs; built normally, the executable replays the files it is given once each.

import MigrateKit
import PostgresClient

/// A fuzz target: a name for `MigrateFuzz NAME` and a function that must accept any bytes.
struct FuzzHarness: Sendable {
    var name: String
    var summary: String
    var run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzHarness] = [
        FuzzHarness(name: "revision-file", summary: "RevisionFile.parse, from bytes and from a String") { bytes in
            let fromBytes = try? RevisionFile.parse(bytes, path: "versions/fuzz.sql")
            let fromString = try? RevisionFile.parse(String(decoding: bytes, as: UTF8.self), path: "versions/fuzz.sql")
            // Valid UTF-8 reads the same either way.
            if String(validating: bytes, as: UTF8.self) != nil {
                check(
                    (fromBytes == nil) == (fromString == nil),
                    "bytes and String parses disagree: \(fromBytes == nil ? "bytes failed" : "String failed")"
                )
            }
        },
        FuzzHarness(name: "configuration", summary: "ConfigurationLoader.parse of migrate.toml text") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let environment = ["DEV_URL": "postgresql://u:pw@localhost/dev", "MIGRATE_ENV": "staging"]
            for name in [nil, "production", "staging"] as [String?] {
                _ = try? ConfigurationLoader.parse(
                    text,
                    file: "migrate.toml",
                    projectRoot: "/project",
                    environmentName: name,
                    environment: environment
                )
            }
        },
        FuzzHarness(name: "target", summary: "RevisionTarget(parsing:), and its description parses back") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let target = try? RevisionTarget(parsing: text) else { return }
            let again = try? RevisionTarget(parsing: target.description)
            check(
                again == target,
                "`\(text)` parses to \(target), whose description parses to \(String(describing: again))"
            )
        },
        FuzzHarness(name: "url-masking", summary: "ConnectionString.redacted, secrets(in:), scrub") { bytes in
            urlMasking(bytes)
        },
    ]

    static func named(_ name: String) -> FuzzHarness? { all.first { $0.name == name } }
}

/// An invariant that failed: printed, then the process traps so that libFuzzer keeps the input.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant failed: \(message())") }
}

// MARK: - URL masking

private func urlMasking(_ bytes: [UInt8]) {
    // Any text at all: no crash.
    let any = String(decoding: bytes, as: UTF8.self)
    _ = ConnectionString.redacted(any)
    _ = ConnectionString.secrets(in: any)
    _ = ConnectionString.scrub("could not parse \"\(any)\": \(any)", secretsOf: any)

    // The input as a password, placed in a URI and in a key=value string: it never survives `redacted`, and a
    // message quoting it, as written or decoded, is scrubbed.
    let password = any
    guard !password.isEmpty, !password.contains("*") else { return }
    let encoded = percentEncoded(password)

    let uri = "postgresql://app:\(encoded)@db.internal:5432/app?sslmode=disable"
    check(
        ConnectionString.redacted(uri) == "postgresql://app:****@db.internal:5432/app?sslmode=disable",
        "password survives redacted(\(uri)): \(ConnectionString.redacted(uri))"
    )

    // Escaped over bytes: `'` followed by a combining mark is one Character, which `replacing` would not escape.
    var escaped: [UInt8] = []
    for byte in password.utf8 {
        if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "'") { escaped.append(UInt8(ascii: "\\")) }
        escaped.append(byte)
    }
    let keywordValue = "'" + String(decoding: escaped, as: UTF8.self) + "'"
    let keywords = "host=db.internal user=app password=\(keywordValue) dbname=app"
    check(
        ConnectionString.redacted(keywords) == "host=db.internal user=app password=**** dbname=app",
        "password survives redacted(\(keywords)): \(ConnectionString.redacted(keywords))"
    )

    // libpq's messages quote a token or a value as written; some messages could hold the decoded password.
    if password.utf8.count >= 4 {
        for (connectionString, written) in [(uri, encoded), (keywords, keywordValue)] {
            for message in [
                "invalid percent-encoded token: \"\(written)\"",
                "missing \"=\" after \"\(written)\" in connection info string",
                "password authentication failed for \(password) at \(written)",
            ] {
                let scrubbed = ConnectionString.scrub(message, secretsOf: connectionString)
                check(
                    !scrubbed.utf8.contains(password.utf8) && !scrubbed.utf8.contains(written.utf8),
                    "password survives scrub(\(message), \(connectionString)): \(scrubbed)"
                )
            }
        }
    }
}

/// Every byte but unreserved ASCII percent-encoded, as a user would write a password into a URI.
private func percentEncoded(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            out.append(byte)
        default:
            out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
        }
    }
    return String(decoding: out, as: UTF8.self)
}

extension String.UTF8View {
    fileprivate func contains(_ needle: String.UTF8View) -> Bool {
        let haystack = Array(self)
        let needle = Array(needle)
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains {
            haystack[$0..<($0 + needle.count)].elementsEqual(needle)
        }
    }
}
