/// PostgreSQL's text form of one-dimensional arrays: `{a,"b c",NULL,"d\"e"}`.
///
/// Catalog queries return `text[]` and `name[]` columns in this form; reading needs only the output format of
/// `array_out` (elements quoted when needed, backslash escapes inside quotes). Writing quotes every element,
/// which `array_in` reads whatever the element's text.
package enum PostgresArrayLiteral {
    /// The array literal of `elements`, `nil` standing for NULL: `{"a","b c",NULL,"d\"e"}`. Cast it to the
    /// array type wanted (`'...'::text[]`, `::float8[]`): each element is read by that type's input function.
    package static func make(_ elements: some Sequence<String?>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        var isFirst = true
        for element in elements {
            if !isFirst { bytes.append(UInt8(ascii: ",")) }
            isFirst = false
            guard var element else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            element.withUTF8 { utf8 in
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                    bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

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
