import MigrateKit
import Testing

@Suite struct RenameSpecTests {
    @Test func parsesTableDotColumn() throws {
        let spec = try RenameSpec(parsing: "orders.customer_id=client_id")
        #expect(spec.kind == .unspecified)
        #expect(spec.path == ["orders", "customer_id"])
        #expect(spec.newName == "client_id")
    }

    @Test func parsesKindPrefixes() throws {
        let column = try RenameSpec(parsing: "column:public.orders.customer_id=client_id")
        #expect(column.kind == .column)
        #expect(column.path == ["public", "orders", "customer_id"])
        let table = try RenameSpec(parsing: "table:public.customers=clients")
        #expect(table.kind == .table)
        #expect(table.path == ["public", "customers"])
        #expect(table.newName == "clients")
    }

    @Test func quotedPartsMayHoldDotsAndQuotes() throws {
        let spec = try RenameSpec(parsing: #""my.table"."a""b"="new=name""#)
        #expect(spec.path == ["my.table", "a\"b"])
        #expect(spec.newName == "new=name")
        #expect(try RenameSpec(parsing: spec.description) == spec)
    }

    /// The possible-rename message prints the option as one shell word; what the shell hands back parses to
    /// the same rename, whatever the names hold (quotes, dots, spaces, `=`, a single quote, capitals).
    @Test(arguments: [
        ["public", "orders", "customer_id", "client_id"],
        ["public", "My Table", "a\"b", "it's=new"],
        ["sales", "line.items", "Qty", "quantity"],
    ])
    func possibleRenameOptionSurvivesTheShell(_ names: [String]) throws {
        let spec = RenameSpec(kind: .column, path: Array(names.prefix(3)), newName: names[3])
        let word = PossibleRename.shellQuoted(spec.description)
        // What a POSIX shell makes of the word: single-quoted stretches taken literally.
        var unquoted = ""
        var inQuotes = false
        var characters = word[...]
        while let character = characters.popFirst() {
            if character == "'" {
                inQuotes.toggle()
            } else if character == "\\", !inQuotes, let next = characters.popFirst() {
                unquoted.append(next)
            } else {
                unquoted.append(character)
            }
        }
        #expect(try RenameSpec(parsing: unquoted) == spec)
        let plainName = names.allSatisfy { $0.allSatisfy { $0.isLetter || $0 == "_" } }
        #expect((word == spec.description) == plainName)
    }

    @Test(arguments: [
        "orders.customer_id",
        "orders.customer_id=",
        "a.b.c.d=e",
        "column:orders=x",
        "table:a.b.c=d",
        "a=b=c",
        "\"unclosed.x=y",
        ".x=y",
    ])
    func rejectsMalformedText(_ text: String) {
        #expect {
            try RenameSpec(parsing: text)
        } throws: { error in
            guard let error = error as? MigrateError else { return false }
            return error.code == .usage && error.message.contains(text)
        }
    }
}
