extension Revision {
    /// Words that name positions in the graph in targets, so no revision id or branch label may be one of them
    /// (compared without regard to case).
    package static let reservedWords: Set<String> = ["head", "heads", "base", "none", "current"]

    /// Whether `text` can be a revision id or branch label: `[A-Za-z0-9_]+`, not a reserved word.
    package static func isValidIdentifier(_ text: some StringProtocol) -> Bool {
        var text = String(text)
        // Over the contiguous UTF-8 storage: this runs for every id in every file.
        let isWellFormed = text.withUTF8 { !$0.isEmpty && $0.allSatisfy(isIdentifierByte) }
        guard isWellFormed else { return false }
        // Only words of a reserved word's length can be one; skip lowercasing the rest (ids are often 12 long).
        return !(4...7).contains(text.utf8.count) || !reservedWords.contains(text.lowercased())
    }

    /// Whether `byte` is one of `[A-Za-z0-9_]`.
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// A new random revision id: 12 lowercase hexadecimal characters (48 bits).
    package static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return randomID(using: &generator)
    }

    /// A new revision id drawn from `generator`: 12 lowercase hexadecimal characters.
    package static func randomID(using generator: inout some RandomNumberGenerator) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        let bits = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<12 {
            bytes[index] = hexDigits[Int((bits >> UInt64(4 * (11 - index))) & 0xF)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
