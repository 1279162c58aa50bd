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
