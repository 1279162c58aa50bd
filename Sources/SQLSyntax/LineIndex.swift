/// The start of every line of a text, computed once, so that byte offsets turn into line and column without
/// walking the text from its beginning each time.
struct LineIndex: Sendable {
    /// Byte offset where each line starts; the first line starts at 0.
    let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                starts.append(index)
            } else if byte == UInt8(ascii: "\r") {
                // `\r\n` is one line break: it ends at the `\n`.
                if index < count && bytes[index] == UInt8(ascii: "\n") { continue }
                starts.append(index)
            }
        }
        lineStarts = starts
    }

    /// The 1-based line holding the byte at `offset` (the last line for the end of the text).
    func line(ofByteOffset offset: Int) -> Int {
        // The last line start that is <= offset.
        var low = 0
        var high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return low + 1
    }

    /// The position of `offset`, counting the column from the start of its line.
    func position(ofByteOffset offset: Int, in bytes: [UInt8]) -> SQLPosition {
        let line = line(ofByteOffset: offset)
        let column = 1 + Self.scalarCount(bytes, from: lineStarts[line - 1], to: offset)
        return SQLPosition(byteOffset: offset, line: line, column: column)
    }

    /// The number of Unicode scalars in `bytes[from..<to]`: every byte that is not a UTF-8 continuation byte.
    static func scalarCount(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        guard from < to else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for index in from..<to where buffer[index] & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The byte offset of the 0-based `characterIndex`-th Unicode scalar of `bytes[from..<to]`, or `to` when the
    /// range holds fewer scalars.
    static func byteOffset(ofCharacterIndex characterIndex: Int, in bytes: [UInt8], from: Int, to: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var seen = 0
            var index = from
            while index < to {
                if buffer[index] & 0xC0 != 0x80 {
                    if seen == characterIndex { return index }
                    seen += 1
                }
                index += 1
            }
            return to
        }
    }
}

/// Turns increasing byte offsets into positions in time proportional to the text, even when a long line holds
/// many statements (a minified script): the column is counted on from the previous offset on the same line.
struct PositionCursor {
    private let lines: LineIndex
    private var last = SQLPosition(byteOffset: 0, line: 1, column: 1)

    init(_ lines: LineIndex) {
        self.lines = lines
    }

    mutating func position(ofByteOffset offset: Int, in bytes: [UInt8]) -> SQLPosition {
        let line = lines.line(ofByteOffset: offset)
        let position: SQLPosition
        if line == last.line && offset >= last.byteOffset {
            let column = last.column + LineIndex.scalarCount(bytes, from: last.byteOffset, to: offset)
            position = SQLPosition(byteOffset: offset, line: line, column: column)
        } else {
            position = lines.position(ofByteOffset: offset, in: bytes)
        }
        last = position
        return position
    }
}
