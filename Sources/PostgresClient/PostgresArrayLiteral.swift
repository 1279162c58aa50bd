/// Reads PostgreSQL's text output of one-dimensional arrays: `{a,"b c",NULL,"d\"e"}`.
///
/// Catalog queries return `text[]` and `name[]` columns in this form; only the output format of
/// `array_out` needs to be understood (elements quoted when needed, backslash escapes inside quotes).
package enum PostgresArrayLiteral {
    /// The elements of a one-dimensional array literal; unquoted `NULL` elements are left out.
    package static func parse(_ literal: String) -> [String] {
        var literal = literal
        return literal.withUTF8(parse(bytes:))
    }

    // Over UTF-8 bytes rather than Characters (grapheme breaking made this ten times slower): every byte with
    // a meaning here is ASCII, and the bytes of a multi-byte character are never ASCII. An element without
    // backslashes is decoded straight from its slice of the literal.
    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard bytes.first == UInt8(ascii: "{") else { return [] }
        var elements: [String] = []
        var index = bytes.startIndex + 1
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "}"):
                return elements
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "\""):
                let (element, end) = quotedElement(bytes, from: index + 1)
                elements.append(element)
                index = end
            default:
                var end = index
                while end < bytes.endIndex, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "}") {
                    end += 1
                }
                let element = UnsafeBufferPointer(rebasing: bytes[index..<end])
                if !element.elementsEqual("NULL".utf8) { elements.append(String(decoding: element, as: UTF8.self)) }
                index = end
            }
        }
        return elements
    }

    /// The element whose text starts at `start` (just after its opening quote), and the index after its
    /// closing quote. A backslash takes the next byte literally (for a multi-byte character, its first byte).
    private static func quotedElement(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int) {
        var index = start
        var unescaped: [UInt8]?
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let element =
                    unescaped.map { String(decoding: $0, as: UTF8.self) }
                    ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                return (element, index + 1)
            case UInt8(ascii: "\\"):
                if unescaped == nil { unescaped = Array(bytes[start..<index]) }
                index += 1
                if index < bytes.endIndex { unescaped!.append(bytes[index]) }
            default:
                unescaped?.append(bytes[index])
            }
            index += 1
        }
        // No closing quote: take what there is.
        return (String(decoding: unescaped ?? Array(bytes[start...]), as: UTF8.self), bytes.endIndex)
    }
}
