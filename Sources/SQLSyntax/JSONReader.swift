/// Reads the JSON libpg_query produces into ``SyntaxNode`` values in one pass over the bytes.
///
/// `JSONDecoder` through ``SyntaxNode``'s `Decodable` conformance has to guess each value's type by trying
/// and catching errors, which made parsing a 500-statement script take a second; this reader looks at the
/// first byte instead and is some thirty times faster. It reads RFC 8259 JSON; numbers are read leniently (as
/// Swift's `Double` reads them), since the input is libpg_query's own output.
struct JSONReader {
    /// Malformed JSON, with the byte offset where reading stopped.
    struct Malformed: Error {
        var offset: Int
        /// Nested deeper than ``maximumDepth``, rather than malformed.
        var isTooDeep = false
    }

    /// Which values to skip: below the objects at `depth` (the outermost value is at depth 0), a field's value
    /// is kept `levels(key)` levels deep (1: the value itself, without what it contains; 0: not at all).
    struct Cut {
        var depth: Int
        var levels: (String) -> Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private let cut: Cut?
    /// Values deeper than this are skipped over and read as `null`.
    private var keptDepth = Int.max

    /// The value that `json` holds.
    /// - Parameter cut: Values to skip over rather than read, as `null`: several times faster, and skipping
    ///   needs no recursion, so such values may nest any number of levels. Everything is read by default.
    /// - Throws: ``Malformed`` if `json` is not a single well-formed JSON value.
    static func read(_ json: [UInt8], cut: Cut? = nil) throws(Malformed) -> SyntaxNode {
        try json.withUnsafeBufferPointer { (buffer) throws(Malformed) -> SyntaxNode in
            var reader = JSONReader(bytes: buffer, cut: cut)
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            guard reader.index == buffer.count else { throw Malformed(offset: reader.index) }
            return value
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, cut: Cut?) {
        self.bytes = bytes
        self.cut = cut
    }

    /// Reading recurses once per level, and so do `==`, `description` and deallocation of the result: a bound
    /// keeps them all far from the stack's end. Real statements nest a few dozen levels; a chain of some 1,500
    /// `+` operators reaches this.
    static let maximumDepth = 5_000

    private mutating func readValue(depth: Int) throws(Malformed) -> SyntaxNode {
        skipWhitespace()
        if depth > keptDepth {
            try skipValue()
            return .null
        }
        guard depth < Self.maximumDepth else { throw Malformed(offset: index, isTooDeep: true) }
        guard index < bytes.count else { throw Malformed(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try readLiteral("null", .null)
        default: return .number(try readNumber())
        }
    }

    private mutating func readObject(depth: Int) throws(Malformed) -> SyntaxNode {
        index += 1
        var fields: [String: SyntaxNode] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(fields) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed(offset: index) }
            let key = try readString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw Malformed(offset: index) }
            if let cut, cut.depth == depth {
                keptDepth = depth + cut.levels(key)
                fields[key] = try readValue(depth: depth + 1)
                keptDepth = .max
            } else {
                fields[key] = try readValue(depth: depth + 1)
            }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw Malformed(offset: index) }
        return .object(fields)
    }

    private mutating func readArray(depth: Int) throws(Malformed) -> SyntaxNode {
        index += 1
        var elements: [SyntaxNode] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw Malformed(offset: index) }
        return .array(elements)
    }

    /// Moves past one value without building it: strings are stepped over (escapes included) and brackets
    /// counted. Checks only that strings end and brackets close: the input is libpg_query's own output.
    private mutating func skipValue() throws(Malformed) {
        guard index < bytes.count else { throw Malformed(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var open = 0
            repeat {
                guard index < bytes.count else { throw Malformed(offset: index) }
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    try skipString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): open += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): open -= 1
                default: break
                }
                index += 1
            } while open > 0
        case UInt8(ascii: "\""):
            try skipString()
        default:
            // A number, true, false or null: up to the next delimiter.
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return
                default: index += 1
                }
            }
        }
    }

    /// Moves past the string starting at `index`, to just after its closing quote.
    private mutating func skipString() throws(Malformed) {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        throw Malformed(offset: index)
    }

    private mutating func readString() throws(Malformed) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return value
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw Malformed(offset: index) }
            index += 1
        }
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &utf8)
            case 0..<0x20:
                throw Malformed(offset: index - 1)
            default:
                utf8.append(byte)
            }
        }
        throw Malformed(offset: index)
    }

    private mutating func readEscape(into utf8: inout [UInt8]) throws(Malformed) {
        guard index < bytes.count else { throw Malformed(offset: index) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var value = try readHex4()
            if (0xD800..<0xDC00).contains(value) {
                // A high surrogate must be followed by `\u` and a low one; together they are one scalar.
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                    throw Malformed(offset: index)
                }
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: index) }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw Malformed(offset: index) }
            utf8.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw Malformed(offset: index - 1)
        }
    }

    private mutating func readHex4() throws(Malformed) -> UInt32 {
        guard bytes.count - index >= 4 else { throw Malformed(offset: index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed(offset: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func readNumber() throws(Malformed) -> Double {
        let start = index
        var isInteger = true
        var integer: Int64 = 0
        var negative = false
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let digitsStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // Small integers (locations, enum values) are the common case and need no text conversion.
                if integer < Int64(1) << 52 {
                    integer = integer * 10 + Int64(byte - UInt8(ascii: "0"))
                } else {
                    isInteger = false
                }
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            {
                isInteger = false
            } else {
                break
            }
            index += 1
        }
        guard index > digitsStart else { throw Malformed(offset: start) }
        if isInteger { return Double(negative ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Malformed(offset: start) }
        return value
    }

    private mutating func readLiteral(_ word: StaticString, _ value: SyntaxNode) throws(Malformed) -> SyntaxNode {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw Malformed(offset: index) }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw Malformed(offset: index + offset)
        }
        index += count
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` if it comes next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
