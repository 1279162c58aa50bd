import Testing

@testable import MigrateKit

@Suite struct DeparsedNameTests {
    @Test func printsLikeTheServer() {
        #expect(DeparsedName.printed("orders") == "orders")
        #expect(DeparsedName.printed("order_2") == "order_2")
        #expect(DeparsedName.printed("Orders") == "\"Orders\"")
        #expect(DeparsedName.printed("my table") == "\"my table\"")
        #expect(DeparsedName.printed("a\"b") == "\"a\"\"b\"")
        #expect(DeparsedName.printed("2x") == "\"2x\"")
        #expect(DeparsedName.printed(ObjectName("public", "T")) == "public.\"T\"")
    }

    @Test func replacesIdentifiersButNotStringLiterals() {
        let check = "CHECK (((fullname <> ''::text) AND (fullname <> 'fullname'::text)))"
        #expect(
            DeparsedName.replacingIdentifier("fullname", with: "display_name", in: check)
                == "CHECK (((display_name <> ''::text) AND (display_name <> 'fullname'::text)))"
        )
        #expect(
            DeparsedName.replacingIdentifier(
                "v",
                with: "value",
                in: "WHEN ((new.v IS NOT NULL)) EXECUTE FUNCTION f(v2)"
            )
                == "WHEN ((new.value IS NOT NULL)) EXECUTE FUNCTION f(v2)"
        )
        #expect(
            DeparsedName.replacingIdentifier("Old Name", with: "new", in: #" USING btree ("Old Name", other)"#)
                == " USING btree (new, other)"
        )
        #expect(DeparsedName.replacingIdentifier("a", with: "b", in: "'it''s a' || a") == "'it''s a' || b")
    }
}
