import Testing

@testable import MigrateKit

@Suite struct ColumnTypeChangeTests {
    func change(_ from: String, _ fromBare: String, _ to: String, _ toBare: String) -> ColumnTypeChange {
        ColumnTypeChange(
            from: CatalogColumn(name: "c", type: from, typeWithoutModifiers: fromBare),
            to: CatalogColumn(name: "c", type: to, typeWithoutModifiers: toBare)
        )
    }

    @Test func wideningChanges() {
        #expect(change("integer", "integer", "bigint", "bigint").isWidening)
        #expect(
            change("character varying(20)", "character varying", "character varying(50)", "character varying")
                .isWidening
        )
        #expect(change("character varying(20)", "character varying", "text", "text").isWidening)
        #expect(change("numeric(6,2)", "numeric", "numeric(10,2)", "numeric").isWidening)
        #expect(change("numeric(6,2)", "numeric", "numeric", "numeric").isWidening)
        #expect(change("integer[]", "integer[]", "bigint[]", "bigint[]").isWidening)
        #expect(change("text", "text", "character varying", "character varying").isWidening)
    }

    @Test func narrowingChanges() {
        #expect(!change("bigint", "bigint", "integer", "integer").isWidening)
        #expect(
            !change("character varying(50)", "character varying", "character varying(10)", "character varying")
                .isWidening
        )
        #expect(!change("text", "text", "character varying(10)", "character varying").isWidening)
        #expect(!change("numeric(10,2)", "numeric", "numeric(10,3)", "numeric").isWidening)
        #expect(!change("numeric", "numeric", "numeric(10,2)", "numeric").isWidening)
        #expect(!change("text", "text", "integer", "integer").isWidening)
        #expect(!change("integer", "integer", "numeric(5,0)", "numeric").isWidening)
    }

    @Test func usingClauseFollowsTheCasts() {
        let casts: Set<TypeCast> = [TypeCast("integer", "bigint"), TypeCast("text", "integer")]
        #expect(change("integer", "integer", "bigint", "bigint").convertsImplicitly(casts: casts))
        #expect(
            change("character varying(5)", "character varying", "character varying(9)", "character varying")
                .convertsImplicitly(casts: casts)
        )
        #expect(!change("text", "text", "integer", "integer").convertsImplicitly(casts: [TypeCast("integer", "text")]))
        #expect(
            change("text", "text", "integer", "integer").usingExpression(column: "\"c\"", casts: []) == "\"c\"::integer"
        )
        #expect(
            change("jsonb", "jsonb", "public.hstore", "public.hstore").usingExpression(column: "\"c\"", casts: [])
                == "\"c\"::text::public.hstore"
        )
        #expect(
            change("integer", "integer", "bigint", "bigint").usingExpression(column: "\"c\"", casts: casts)
                == "\"c\"::bigint"
        )
    }
}
