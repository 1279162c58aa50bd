import SQLSyntax
import Testing

/// Scripts of the sizes large revisions reach split and parse whole, every statement in its place. How long
/// that takes is measured by `scripts/bench` (its upgrade section parses 500 revisions), not here.
@Suite("Large scripts")
struct LargeScriptTests {
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

    @Test("splitting 500 and 10,000 statements", arguments: [500, 10_000])
    func split(count: Int) throws {
        let source = SQLScript(Self.script(statements: count))
        let statements = try source.statements()
        #expect(statements.count == count)
        #expect(statements.last?.text.hasPrefix("ALTER TABLE t\(count - 5) ADD COLUMN") == true)
    }

    @Test("parsing 500 and 10,000 statements into trees", arguments: [500, 10_000])
    func parse(count: Int) throws {
        let source = SQLScript(Self.script(statements: count))
        let statements = try source.parsedStatements()
        #expect(statements.count == count)
        #expect(statements.last?.kind == "AlterTableStmt")
    }

    @Test("quoting 10,000 identifiers")
    func quoting() {
        let names = (0..<10_000).map { $0 % 2 == 0 ? "column_\($0)" : ["select", "name", "Mixed", "user"][$0 % 4] }
        let quoted = names.map(SQLIdentifier.quoteIfNeeded)
        #expect(quoted[0] == "column_0")
        #expect(quoted[1] == "name")
        #expect(quoted[3] == "\"user\"")
        #expect(quoted[9_999] == "\"user\"")
    }
}
