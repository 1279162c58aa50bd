/// One statement of a script, as PostgreSQL's grammar delimits it.
package struct SQLStatement: Sendable, Hashable {
    /// The statement from its first token to its last: no leading or trailing whitespace or comments, no `;`.
    /// This is the text to send to the server.
    package var text: String
    /// Where `text` lies in the UTF-8 bytes of the script.
    package var byteRange: Range<Int>
    /// The position of the first token (`start.byteOffset == byteRange.lowerBound`).
    package var start: SQLPosition
    /// The line of the statement's last character.
    package var endLine: Int

    package init(text: String, byteRange: Range<Int>, start: SQLPosition, endLine: Int) {
        self.text = text
        self.byteRange = byteRange
        self.start = start
        self.endLine = endLine
    }

    /// The line of the first token, from 1.
    package var line: Int { start.line }
    /// The column of the first token, from 1, in characters.
    package var column: Int { start.column }
}
