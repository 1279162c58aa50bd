/// Passwords full of what breaks connection-string parsers, and connection strings that carry them, for the tests that
/// check no password is ever shown (PostgresClient's errors, the CLI's output).
package enum PasswordFuzz {
    /// Characters that break URI and keyword parsing, plus letters that make a password recognisable.
    package static let troublemakers: [String] = [
        "%", "%00", "%2", "%zz", "%41", "'", "\"", "\\", " ", "  ", "@", "/", "?", "#", "&", "=", ":", "é", "日本",
        "\u{1F511}", "\t", "[", "]", ",",
    ]
    package static let letters = Array("QXZJKWVqxzjkwv")

    /// Passwords picked by hand: the ones reported against earlier versions, and one of each kind of trouble.
    package static let handPicked: [String] = [
        "secret%pw", "secret%00pw", "a b", "abcd efgh", "it's \"quoted\"", "back\\slash\\", "p@ss/word?#frag",
        "pässwörd日本🔑", "%%%%", "  spaced  out  ", "key=value pairs", "sslmode=require&password=z", "'unclosed",
    ]

    package static func password(using random: inout SeededRandom) -> String {
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
    ///
    /// A password written unquoted that holds ` word=` (or `&word=` in a query) is split there by libpq, as by
    /// `migrate`: what follows is an option, not the password, so those forms are left out for it.
    package static func connectionStrings(password: String, using random: inout SeededRandom) -> [String] {
        let port = [1, 9, 2, 7][random.next(in: 0...3)]
        var strings = [
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
        if holdsOption(password, after: { $0.isWhitespace }) {
            strings.removeAll { $0.contains(" password=\(password) ") }
        }
        if holdsOption(password, after: { $0 == "&" }) {
            strings.removeAll { $0.hasSuffix("&password=\(password)") }
        }
        return strings
    }

    /// Whether `text` has a separator followed by a keyword and `=` (spaces allowed before it after a whitespace).
    static func holdsOption(_ text: String, after isSeparator: (Character) -> Bool) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where isSeparator(character) {
            var next = index + 1
            while next < characters.count, characters[next].isWhitespace, character.isWhitespace { next += 1 }
            let start = next
            while next < characters.count, characters[next].isASCII,
                characters[next].isLetter || characters[next] == "_"
            {
                next += 1
            }
            guard next > start else { continue }
            while next < characters.count, characters[next].isWhitespace, character.isWhitespace { next += 1 }
            if next < characters.count, characters[next] == "=" { return true }
        }
        return false
    }

    /// What must never be shown: the password, its whitespace-separated pieces, and the distinctive runs in it.
    package static func forbiddenTexts(password: String) -> [String] {
        var texts = [password, percentEncoded(password)]
        texts += password.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.utf8.count >= 4 }
        texts += password.split(whereSeparator: { !letters.contains($0) }).map(String.init).filter { $0.count >= 4 }
        return texts
    }

    package static func percentEncoded(_ text: String) -> String {
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

    package static func keywordQuoted(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
    }
}

/// SplitMix64: the same sequence on every run, so a failure can be replayed.
package struct SeededRandom {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    package mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
