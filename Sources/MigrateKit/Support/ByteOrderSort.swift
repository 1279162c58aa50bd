extension Array {
    /// Sorts by a string key in UTF-8 byte order, which for the ASCII ids and file names this sorts is what `<`
    /// gives, at a fraction of the cost: most comparisons are decided by the key's first 8 bytes as one
    /// integer; only a tie there compares the strings.
    mutating func sortByASCII(_ key: (Element) -> String) {
        var keyed = map { (leadingBytes: Self.leadingBytes(of: key($0)), element: $0) }
        keyed.sort {
            $0.leadingBytes != $1.leadingBytes ? $0.leadingBytes < $1.leadingBytes : key($0.element) < key($1.element)
        }
        self = keyed.map(\.element)
    }

    /// The first 8 UTF-8 bytes of `text`, big-endian, zero-padded: integers that order as the bytes do.
    private static func leadingBytes(of text: String) -> UInt64 {
        var text = text  // `withUTF8` is mutating; a native string is not copied.
        return text.withUTF8 { bytes in
            var value: UInt64 = 0
            for index in 0..<8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            return value
        }
    }
}
