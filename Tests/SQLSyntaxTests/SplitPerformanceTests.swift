import SQLSyntax
import Testing

/// Splitting and parsing must stay linear in the size of the script: the engine splits every revision file
/// before it runs any. These tests print their timings (`swift test -c release --filter SplitPerformance`).
@Suite("Split performance")
struct SplitPerformanceTests {
    /// A script of `count` statements in the shapes revisions have: DDL, comments, dollar-quoted bodies,
    /// strings with semicolons and non-ASCII text.
    static func script(statements count: Int) -> String {
        var text = "-- generated revision\n"
        for index in 0..<count {
            switch index % 5 {
            case 0:
                text +=
                    "CREATE TABLE t\(index) (\n    id bigint PRIMARY KEY,\n    name text NOT NULL DEFAULT 'é;x'\n);\n"
            case 1:
                text += "/* index \(index) */ CREATE INDEX i\(index) ON t\(index - 1) (name);\n"
            case 2:
                text += """
                    CREATE FUNCTION f\(index)() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        NEW.name := 'ü;' || NEW.name;
                        RETURN NEW;
                    END;
                    $$;\n
                    """
            case 3:
                text += "INSERT INTO t\(index - 3) (id, name) VALUES (\(index), E'it\\'s; \(index)');\n"
            default:
                text += "ALTER TABLE t\(index - 4) ADD COLUMN \"Mixed;\(index)\" int; -- trailing\n"
            }
        }
        return text
    }

    private static func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        print("\(label): \(elapsed.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
        return (result, elapsed)
    }

    @Test("splitting 500 and 10,000 statements", arguments: [500, 10_000])
    func split(count: Int) throws {
        let source = SQLScript(Self.script(statements: count))
        let (statements, elapsed) = try Self.measure("split \(count) statements") { try source.statements() }
        #expect(statements.count == count)
        #expect(statements.last?.text.hasPrefix("ALTER TABLE t\(count - 5) ADD COLUMN") == true)
        // Generous, so that only a blow-up (quadratic work) fails it, even in a debug build on a busy machine.
        #expect(elapsed < .milliseconds(count * 2))
    }

    @Test("parsing 500 and 10,000 statements into trees", arguments: [500, 10_000])
    func parse(count: Int) throws {
        let source = SQLScript(Self.script(statements: count))
        let (statements, elapsed) = try Self.measure("parse \(count) statements") { try source.parsedStatements() }
        #expect(statements.count == count)
        #expect(elapsed < .milliseconds(count * 3))
    }

    @Test("quoting 10,000 identifiers")
    func quoting() {
        let names = (0..<10_000).map { $0 % 2 == 0 ? "column_\($0)" : ["select", "name", "Mixed", "user"][$0 % 4] }
        let (quoted, elapsed) = Self.measure("quote 10000 identifiers") { names.map(SQLIdentifier.quoteIfNeeded) }
        #expect(quoted[0] == "column_0")
        #expect(quoted[1] == "name")
        #expect(quoted[3] == "\"user\"")
        #expect(elapsed < .seconds(5))
    }
}
