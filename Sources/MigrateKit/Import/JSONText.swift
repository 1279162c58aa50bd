/// JSON as `migrate import` needs it: whether text is valid JSON (RFC 8259) before it goes to a json or jsonb
/// column, and JSON values to compare when a verification reads them back.
package enum JSONText {
    /// A parsed JSON value. Numbers are kept as normalised decimal text, so `1.0`, `1` and `1e0` are equal as
    /// jsonb makes them; objects keep the last of duplicate keys, as jsonb does.
    indirect enum Value: Hashable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([Value])
        case object([String: Value])
    }

    /// `text` as a JSON string's contents, what goes between the quotes (as `JSONEncoder` writes it).
    package static func escaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Whether `text` is one valid JSON value.
    static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes, build: false)
            return (try? parser.document()) != nil
        }
    }

    /// The value of `text`; nil when it is not valid JSON.
    static func parse(_ text: String) -> Value? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes, build: true)
            return try? parser.document()
        }
    }

    /// The elements of a JSON array as text for a PostgreSQL array literal (`{"a","b",NULL}`); nil when `text`
    /// is not a JSON array. Nested arrays become nested braces; objects go in as their JSON text.
    static func arrayLiteral(_ text: String) -> String? {
        guard case .array(let elements)? = parse(text) else { return nil }
        return literal(elements)
    }

    private static func literal(_ elements: [Value]) -> String {
        "{"
            + elements.map { element in
                switch element {
                case .null: "NULL"
                case .array(let inner): literal(inner)
                default: quoted(element.scalarText)
                }
            }.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text.unicodeScalars {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.unicodeScalars.append(character)
        }
        return result + "\""
    }

    private struct Failure: Error {}

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let build: Bool
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, build: Bool) {
            self.bytes = bytes
            self.build = build
        }

        mutating func document() throws(Failure) -> Value {
            let value = try self.value()
            skipWhitespace()
            guard index == bytes.count else { throw Failure() }
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

        private mutating func value() throws(Failure) -> Value {
            skipWhitespace()
            guard index < bytes.count else { throw Failure() }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default: return .number(try number())
            }
        }

        private mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw Failure() }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Failure() }
            index += count
        }

        private mutating func object() throws(Failure) -> Value {
            depth += 1
            guard depth < 1000 else { throw Failure() }
            defer { depth -= 1 }
            index += 1
            var members: [String: Value] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure() }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Failure() }
                index += 1
                let member = try value()
                if build { members[key] = member }
                skipWhitespace()
                guard index < bytes.count else { throw Failure() }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                } else {
                    throw Failure()
                }
            }
        }

        private mutating func array() throws(Failure) -> Value {
            depth += 1
            guard depth < 1000 else { throw Failure() }
            defer { depth -= 1 }
            index += 1
            var elements: [Value] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                let element = try value()
                if build { elements.append(element) }
                skipWhitespace()
                guard index < bytes.count else { throw Failure() }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                } else {
                    throw Failure()
                }
            }
        }

        /// A string's value (only built when `build`); the opening quote is at `index`.
        private mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            var scalars = String.UnicodeScalarView()
            var escaped = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    guard build else { return "" }
                    if !escaped { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) }
                    return String(scalars)
                }
                guard byte >= 0x20 else { throw Failure() }
                if byte == UInt8(ascii: "\\") {
                    if !escaped, build {
                        scalars = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                            .unicodeScalars
                    }
                    escaped = true
                    index += 1
                    guard index < bytes.count else { throw Failure() }
                    let scalar: Unicode.Scalar
                    switch bytes[index] {
                    case UInt8(ascii: "\""): scalar = "\""
                    case UInt8(ascii: "\\"): scalar = "\\"
                    case UInt8(ascii: "/"): scalar = "/"
                    case UInt8(ascii: "b"): scalar = "\u{08}"
                    case UInt8(ascii: "f"): scalar = "\u{0C}"
                    case UInt8(ascii: "n"): scalar = "\n"
                    case UInt8(ascii: "r"): scalar = "\r"
                    case UInt8(ascii: "t"): scalar = "\t"
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), index + 2 < bytes.count,
                            bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw Failure() }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    default: throw Failure()
                    }
                    if build { scalars.append(scalar) }
                    index += 1
                } else {
                    if escaped, build {
                        // Copy one UTF-8 sequence.
                        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                        let end = min(index + length, bytes.count)
                        scalars.append(
                            contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                                .unicodeScalars
                        )
                        index = end
                    } else {
                        index += 1
                    }
                }
            }
            throw Failure()
        }

        /// Four hex digits after `\u`; leaves `index` on the last one.
        private mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 < bytes.count else { throw Failure() }
            var code: UInt32 = 0
            for _ in 0..<4 {
                index += 1
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: throw Failure()
                }
                code = code << 4 | UInt32(digit)
            }
            return code
        }

        /// A number, normalised: `-`, digits without leading zeros, and a base-10 exponent (`12e-1` for 1.2).
        private mutating func number() throws(Failure) -> String {
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var digits: [UInt8] = []
            var exponent = 0
            let integerStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if build { digits.append(bytes[index]) }
                index += 1
            }
            guard index > integerStart else { throw Failure() }
            if index - integerStart > 1, bytes[integerStart] == UInt8(ascii: "0") { throw Failure() }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    if build { digits.append(bytes[index]) }
                    exponent -= 1
                    index += 1
                }
                guard index > fractionStart else { throw Failure() }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                var exponentSign = 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    if bytes[index] == UInt8(ascii: "-") { exponentSign = -1 }
                    index += 1
                }
                let exponentStart = index
                var value = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    value = min(value * 10 + Int(bytes[index] - 0x30), 1_000_000)
                    index += 1
                }
                guard index > exponentStart else { throw Failure() }
                exponent += exponentSign * value
            }
            guard build else { return "" }
            while let first = digits.first, first == UInt8(ascii: "0") { digits.removeFirst() }
            while let last = digits.last, last == UInt8(ascii: "0") {
                digits.removeLast()
                exponent += 1
            }
            if digits.isEmpty { return "0" }
            return (negative ? "-" : "") + String(decoding: digits, as: UTF8.self) + "e" + String(exponent)
        }
    }
}

extension JSONText.Value {
    /// A scalar's text in an array literal: strings as they are, other values as JSON.
    fileprivate var scalarText: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let normalised): JSONText.Value.decimal(normalised)
        case .string(let text): text
        case .array, .object: json
        }
    }

    /// The value as compact JSON text.
    var json: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let normalised): Self.decimal(normalised)
        case .string(let text): Self.jsonString(text)
        case .array(let elements): "[" + elements.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { Self.jsonString($0.key) + ":" + $0.value.json }
                .joined(separator: ",") + "}"
        }
    }

    /// Normalised `digits e exponent` back to plain decimal notation.
    fileprivate static func decimal(_ normalised: String) -> String {
        guard let e = normalised.firstIndex(of: "e") else { return normalised }
        var digits = String(normalised[..<e])
        var sign = ""
        if digits.hasPrefix("-") {
            sign = "-"
            digits.removeFirst()
        }
        let exponent = Int(normalised[normalised.index(after: e)...]) ?? 0
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
        let point = digits.count + exponent
        if point > 0 {
            return sign + digits.prefix(point) + "." + digits.dropFirst(point)
        }
        return sign + "0." + String(repeating: "0", count: -point) + digits
    }

    private static func jsonString(_ text: String) -> String {
        "\"" + JSONText.escaped(text) + "\""
    }
}
