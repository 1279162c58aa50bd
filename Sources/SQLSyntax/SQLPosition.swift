/// A place in SQL text: a UTF-8 byte offset, and the 1-based line and column a person would look for.
///
/// Columns count Unicode scalars (code points), which is what PostgreSQL calls characters in error positions;
/// a tab counts as one column. Lines end at `\n`, `\r\n` or a lone `\r`.
package struct SQLPosition: Sendable, Hashable, CustomStringConvertible {
    /// Offset of the place in the UTF-8 bytes of the text, from 0.
    package var byteOffset: Int
    /// Line number, from 1.
    package var line: Int
    /// Column number in characters (Unicode scalars), from 1.
    package var column: Int

    package init(byteOffset: Int, line: Int, column: Int) {
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
    }

    /// `line:column`, to be appended to a file name.
    package var description: String { "\(line):\(column)" }
}
