/// Just enough of the protobuf wire format to read libpg_query's scan result (the protobuf-c headers are not
/// available, and the message is small: a list of tokens made of varints).
struct ProtobufReader {
    static let varint = 0
    static let fixed64 = 1
    static let lengthDelimited = 2
    static let fixed32 = 5

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// A base-128 varint, least significant group first; `nil` if truncated or longer than 10 bytes.
    mutating func readVarint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    /// A field key: field number and wire type.
    mutating func readTag() -> (field: Int, wireType: Int)? {
        guard let key = readVarint(), key >> 3 <= UInt64(Int32.max) else { return nil }
        return (Int(key >> 3), Int(key & 0x7))
    }

    /// The payload of a length-delimited field (an embedded message, a string or packed values).
    mutating func readLengthDelimited() -> UnsafeRawBufferPointer? {
        guard let length = readVarint(), length <= UInt64(bytes.count - index) else { return nil }
        let start = index
        index += Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }

    /// Skips a field's value of the given wire type; `false` for unknown wire types or truncated input.
    mutating func skip(wireType: Int) -> Bool {
        switch wireType {
        case Self.varint: return readVarint() != nil
        case Self.lengthDelimited: return readLengthDelimited() != nil
        case Self.fixed64: return advance(8)
        case Self.fixed32: return advance(4)
        default: return false
        }
    }

    private mutating func advance(_ count: Int) -> Bool {
        guard bytes.count - index >= count else { return false }
        index += count
        return true
    }
}
