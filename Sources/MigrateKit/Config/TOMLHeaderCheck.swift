// toml++ (inside TOMLKit) asserts, and so aborts the process, when a table header starts with a character no key
// can start with: `[# database]` (a section name commented out), `[.a]`, `[=]`. Such headers are found here
// first and reported as invalid TOML, like any other syntax error. Found by `scripts/fuzz`.

enum TOMLHeaderCheck {
    /// The line and column of the first table header (`[...]` or `[[...]]` starting a line at the top level)
    /// whose name starts with neither a bare-key character nor a quote, with that character (a line break when the
    /// name is missing).
    static func firstMalformedHeader(in text: String) -> (line: Int, column: Int, character: Character)? {
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0  // open `[` and `{` of a value, which may span lines
        var atLineStart = true

        func at(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        func isSpace(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        func starts(_ literal: String, at offset: Int) -> Bool {
            let literal = Array(literal.utf8)
            return offset + literal.count <= bytes.count
                && bytes[offset..<(offset + literal.count)].elementsEqual(literal)
        }
        func newline(at offset: Int) {
            line += 1
            lineStart = offset + 1
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                newline(at: index)
                atLineStart = true
                index += 1
                continue
            }
            if isSpace(byte) || byte == UInt8(ascii: "\r") {
                index += 1
                continue
            }
            if atLineStart, depth == 0, byte == UInt8(ascii: "[") {
                var position = index + 1
                if at(position) == UInt8(ascii: "[") { position += 1 }
                while isSpace(at(position)) { position += 1 }
                if let first = at(position), !isKeyStart(first) {
                    let prefix = String(decoding: bytes[lineStart..<position], as: UTF8.self)
                    let rest = String(decoding: bytes[position...], as: UTF8.self)
                    return (line, prefix.count + 1, rest.first ?? "\n")
                }
                // A header is one line; what follows it can only be a comment.
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            }
            atLineStart = false
            switch byte {
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let triple = String(repeating: String(UnicodeScalar(byte)), count: 3)
                let escapes = byte == UInt8(ascii: "\"")
                if starts(triple, at: index) {
                    index += 3
                    while index < bytes.count, !starts(triple, at: index) {
                        if escapes, bytes[index] == UInt8(ascii: "\\") { index += 1 }
                        if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { newline(at: index) }
                        index += 1
                    }
                    index += 3
                } else {
                    index += 1
                    while index < bytes.count, bytes[index] != byte, bytes[index] != UInt8(ascii: "\n") {
                        if escapes, bytes[index] == UInt8(ascii: "\\"), at(index + 1) != UInt8(ascii: "\n") {
                            index += 1
                        }
                        index += 1
                    }
                    if at(index) == byte { index += 1 }
                }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// An ASCII bare-key character (this toml++ takes no Unicode bare keys), a quote, or `]` (toml++ reports an
    /// empty name itself). A line break is none of them.
    private static func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""),
            UInt8(ascii: "'"), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }
}
