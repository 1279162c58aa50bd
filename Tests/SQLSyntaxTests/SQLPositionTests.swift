import SQLSyntax
import Testing

@Suite("Byte offsets and character positions to lines and columns")
struct SQLPositionTests {
    // Line 1: "SELECT 'ä';" (12 bytes + \n), line 2: "  -- ö" then \r\n, line 3: "SELECT 1".
    private let script = SQLScript("SELECT 'ä';\n  -- ö\r\nSELECT 1")

    @Test("byte offsets map to the line and the character column")
    func byteOffsets() {
        #expect(script.position(ofByteOffset: 0) == SQLPosition(byteOffset: 0, line: 1, column: 1))
        #expect(script.position(ofByteOffset: 10) == SQLPosition(byteOffset: 10, line: 1, column: 10))
        #expect(script.position(ofByteOffset: 13) == SQLPosition(byteOffset: 13, line: 2, column: 1))
        #expect(script.position(ofByteOffset: 20) == SQLPosition(byteOffset: 20, line: 2, column: 7))
        #expect(script.position(ofByteOffset: 22) == SQLPosition(byteOffset: 22, line: 3, column: 1))
        #expect(script.position(ofByteOffset: 30) == SQLPosition(byteOffset: 30, line: 3, column: 9))
    }

    @Test("offsets outside the text are clamped to it")
    func clamping() {
        #expect(script.position(ofByteOffset: -5) == SQLPosition(byteOffset: 0, line: 1, column: 1))
        #expect(script.position(ofByteOffset: 1_000) == SQLPosition(byteOffset: 30, line: 3, column: 9))
    }

    @Test("1-based character positions in the whole script, as libpg_query reports them")
    func characterPositions() {
        #expect(script.position(ofCharacterPosition: 0) == nil)
        #expect(script.position(ofCharacterPosition: 1) == SQLPosition(byteOffset: 0, line: 1, column: 1))
        // Character 10 is the closing quote after "ä" (which takes two bytes).
        #expect(script.position(ofCharacterPosition: 10) == SQLPosition(byteOffset: 10, line: 1, column: 10))
        #expect(script.position(ofCharacterPosition: 21) == SQLPosition(byteOffset: 22, line: 3, column: 1))
        #expect(script.position(ofCharacterPosition: 500) == SQLPosition(byteOffset: 30, line: 3, column: 9))
    }

    @Test("the server's error position inside a statement maps to the script")
    func serverErrorPositions() throws {
        let source = SQLScript("CREATE TABLE t (id int);\n\n/* ü */ SELECT 'é',\n    nosuch FROM t;\n")
        let statements = try source.statements()
        let select = statements[1]
        #expect(select.text == "SELECT 'é',\n    nosuch FROM t")
        // The server counts characters in the statement's text: "SELECT 'é',\n    " is 16 of them.
        let position = source.position(ofServerErrorPosition: 17, in: select)
        #expect(position?.line == 4)
        #expect(position?.column == 5)
        #expect(position.map { source.position(ofByteOffset: $0.byteOffset) } == position)
        #expect(source.position(ofServerErrorPosition: 1, in: select) == select.start)
        #expect(source.position(ofServerErrorPosition: 0, in: select) == nil)
        // "at end of input" points just past the statement.
        let end = source.position(ofServerErrorPosition: 1_000, in: select)
        #expect(end?.byteOffset == select.byteRange.upperBound)
        #expect(end?.line == 4)
    }

    @Test("many statements on one long line get their columns in linear time")
    func longLine() throws {
        let count = 20_000
        let text = String(repeating: "SELECT 'é';", count: count)
        let statements = try SQLScript(text).statements()
        #expect(statements.count == count)
        #expect(
            statements.last?.start == SQLPosition(byteOffset: 12 * (count - 1), line: 1, column: 11 * (count - 1) + 1)
        )
    }
}
