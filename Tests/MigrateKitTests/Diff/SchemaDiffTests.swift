import Testing

@testable import MigrateKit

/// Planning on hand-built snapshots: decisions that need no database.
@Suite struct SchemaDiffTests {
    let t = ObjectName("public", "t")

    func snapshot(_ tables: CatalogTable..., enums: [CatalogEnum] = []) -> CatalogSnapshot {
        var snapshot = CatalogSnapshot()
        snapshot.schemas["public"] = CatalogSchema(name: "public")
        for table in tables { snapshot.tables[table.name] = table }
        for value in enums { snapshot.enums[value.name] = value }
        return snapshot
    }

    func table(_ columns: CatalogColumn..., constraints: [CatalogConstraint] = [], comment: String? = nil)
        -> CatalogTable
    {
        CatalogTable(
            name: t,
            columns: columns,
            constraints: Dictionary(uniqueKeysWithValues: constraints.map { ($0.name, $0) }),
            comment: comment
        )
    }

    let id = CatalogColumn(name: "id", type: "integer", notNull: true)

    @Test func identicalSchemasGiveAnEmptyPlan() throws {
        let schema = snapshot(table(id, CatalogColumn(name: "name", type: "text")))
        let plan = try SchemaDiff.plan(from: schema, to: schema)
        #expect(plan.isEmpty)
        #expect(plan.down.isEmpty)
        #expect(plan.upSQL.isEmpty)
    }

    @Test func droppingAColumnIsMarkedDestructive() throws {
        let before = snapshot(table(id, CatalogColumn(name: "legacy", type: "text")))
        let after = snapshot(table(id))
        let plan = try SchemaDiff.plan(from: before, to: after)
        #expect(
            plan.upSQL
                == "-- DESTRUCTIVE: drops column public.t.legacy\nALTER TABLE \"public\".\"t\" DROP COLUMN \"legacy\";\n"
        )
        #expect(plan.destructiveChanges == ["drops column public.t.legacy"])
        #expect(plan.downSQL == "ALTER TABLE \"public\".\"t\" ADD COLUMN \"legacy\" text;\n")
        #expect(plan.downDestructiveChanges.isEmpty)
    }

    @Test func aDropAndAnAddOfTheSameShapeIsReportedNotGuessed() throws {
        let before = snapshot(table(id, CatalogColumn(name: "surname", type: "text")))
        let after = snapshot(table(id, CatalogColumn(name: "last_name", type: "text")))
        let plan = try SchemaDiff.plan(from: before, to: after)
        #expect(plan.up.map(\.sql).contains("ALTER TABLE \"public\".\"t\" DROP COLUMN \"surname\""))
        #expect(plan.possibleRenames.count == 1)
        #expect(plan.possibleRenames.first?.renameOption == "column:public.t.surname=last_name")

        let renamed = try SchemaDiff.plan(
            from: before,
            to: after,
            options: SchemaDiffOptions(renames: [try RenameSpec(parsing: "t.surname=last_name")])
        )
        #expect(renamed.upSQL == "ALTER TABLE \"public\".\"t\" RENAME COLUMN \"surname\" TO \"last_name\";\n")
        #expect(renamed.downSQL == "ALTER TABLE \"public\".\"t\" RENAME COLUMN \"last_name\" TO \"surname\";\n")
        #expect(renamed.possibleRenames.isEmpty)
        #expect(renamed.destructiveChanges.isEmpty)
    }

    @Test func aCommentHintRenamesAColumn() throws {
        let before = snapshot(table(id, CatalogColumn(name: "surname", type: "text")))
        let hinted = CatalogColumn(
            name: "last_name",
            type: "text",
            comment: "migrate:renamed-from surname\nfamily name"
        )
        let plan = try SchemaDiff.plan(from: before, to: snapshot(table(id, hinted)))
        #expect(
            plan.up.map(\.sql) == [
                "ALTER TABLE \"public\".\"t\" RENAME COLUMN \"surname\" TO \"last_name\"",
                "COMMENT ON COLUMN \"public\".\"t\".\"last_name\" IS 'migrate:renamed-from surname\nfamily name'",
            ]
        )
        let ignored = try SchemaDiff.plan(
            from: before,
            to: snapshot(table(id, hinted)),
            options: SchemaDiffOptions(followsRenameHints: false)
        )
        #expect(ignored.destructiveChanges == ["drops column public.t.surname"])
    }

    @Test func renamesThatNameNothingOrTooMuchAreErrors() throws {
        let before = snapshot(table(id, CatalogColumn(name: "a", type: "text")))
        let after = snapshot(table(id, CatalogColumn(name: "b", type: "text")))
        for (text, phrase) in [
            ("t.missing=b", "names no table or column"),
            ("t.a=nowhere", "which the desired schema lacks"),
            ("t.a=id", "collides"),
        ] {
            #expect {
                try SchemaDiff.plan(
                    from: before,
                    to: after,
                    options: SchemaDiffOptions(renames: [try RenameSpec(parsing: text)])
                )
            } throws: { error in
                (error as? MigrateError)?.code == .usage && "\(error)".contains(phrase)
            }
        }
    }

    @Test func constraintsThatDifferOnlyInNameAreRenamed() throws {
        let check = CatalogConstraint(name: "old_check", kind: .check, definition: "CHECK ((id > 0))", columns: ["id"])
        var renamed = check
        renamed.name = "t_id_check"
        let plan = try SchemaDiff.plan(
            from: snapshot(table(id, constraints: [check])),
            to: snapshot(table(id, constraints: [renamed]))
        )
        #expect(plan.upSQL == "ALTER TABLE \"public\".\"t\" RENAME CONSTRAINT \"old_check\" TO \"t_id_check\";\n")
        #expect(plan.downSQL == "ALTER TABLE \"public\".\"t\" RENAME CONSTRAINT \"t_id_check\" TO \"old_check\";\n")
    }

    @Test func addingEnumValuesPlacesThemAndUsingThemNeedsNoTransaction() throws {
        let mood = ObjectName("public", "mood")
        let column = CatalogColumn(name: "m", type: "public.mood", defaultExpression: "'sad'::public.mood")
        var using = column
        using.defaultExpression = "'ok'::public.mood"
        let before = snapshot(table(id, column), enums: [CatalogEnum(name: mood, values: ["sad", "happy"])])
        let unused = snapshot(
            table(id, column),
            enums: [CatalogEnum(name: mood, values: ["meh", "sad", "ok", "happy"])]
        )
        let plan = try SchemaDiff.plan(from: before, to: unused)
        #expect(
            plan.up.map(\.sql) == [
                "ALTER TYPE \"public\".\"mood\" ADD VALUE 'meh' BEFORE 'sad'",
                "ALTER TYPE \"public\".\"mood\" ADD VALUE 'ok' AFTER 'sad'",
            ]
        )
        #expect(!plan.requiresNonTransactional)
        // Down removes the values: a rebuild, destructive, but transactional.
        #expect(plan.downDestructiveChanges.count == 1)
        #expect(plan.downNonTransactionalReason == nil)

        let used = snapshot(table(id, using), enums: [CatalogEnum(name: mood, values: ["meh", "sad", "ok", "happy"])])
        let usedPlan = try SchemaDiff.plan(from: before, to: used)
        #expect(usedPlan.requiresNonTransactional)
        #expect(usedPlan.nonTransactionalReason?.contains("'ok'") == true)
        #expect(usedPlan.warnings.contains { $0.contains("-- migrate:transaction false") })
    }

    @Test func reorderingEnumValuesRebuildsTheTypeWithoutLosingData() throws {
        let mood = ObjectName("public", "mood")
        let before = snapshot(enums: [CatalogEnum(name: mood, values: ["a", "b"])])
        let after = snapshot(enums: [CatalogEnum(name: mood, values: ["b", "a"])])
        let plan = try SchemaDiff.plan(from: before, to: after)
        #expect(
            plan.up.map(\.sql) == [
                "ALTER TYPE \"public\".\"mood\" RENAME TO \"mood_migrate_old\"",
                "CREATE TYPE \"public\".\"mood\" AS ENUM ('b', 'a')",
                "DROP TYPE \"public\".\"mood_migrate_old\"",
            ]
        )
        #expect(plan.destructiveChanges.isEmpty)
    }

    @Test func aViewOnAColumnWhoseTypeChangesIsRecreatedAroundTheChange() throws {
        let amount = CatalogColumn(name: "amount", type: "integer")
        var wider = amount
        wider.type = "bigint"
        wider.typeWithoutModifiers = "bigint"
        let view = CatalogView(
            name: ObjectName("public", "v"),
            isMaterialized: false,
            definition: " SELECT t.amount FROM public.t",
            columns: [ViewColumn(name: "amount", type: "integer")]
        )
        var before = snapshot(table(id, amount))
        before.views[view.name] = view
        before.dependencies = [CatalogDependency(.view(view.name), on: .column(t, "amount"))]
        before.assignmentCasts = [TypeCast("integer", "bigint")]
        var after = snapshot(table(id, wider))
        var newView = view
        newView.columns = [ViewColumn(name: "amount", type: "bigint")]
        after.views[view.name] = newView
        after.dependencies = before.dependencies
        let plan = try SchemaDiff.plan(from: before, to: after)
        #expect(
            plan.up.map(\.sql) == [
                "DROP VIEW \"public\".\"v\"",
                "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"amount\" TYPE bigint",
                "CREATE VIEW \"public\".\"v\" AS\n SELECT t.amount FROM public.t",
            ]
        )
        #expect(plan.destructiveChanges.isEmpty)
        #expect(plan.downDestructiveChanges == ["changes the type of column public.t.amount from bigint to integer"])
    }

    @Test func planningIsDeterministic() throws {
        var before = CatalogSnapshot()
        var after = CatalogSnapshot()
        for index in 0..<50 {
            let name = ObjectName("public", "t\(index)")
            before.tables[name] = CatalogTable(name: name, columns: [CatalogColumn(name: "a", type: "integer")])
            after.tables[ObjectName("public", "u\(index)")] = CatalogTable(
                name: ObjectName("public", "u\(index)"),
                columns: [CatalogColumn(name: "b", type: "text")]
            )
        }
        let first = try SchemaDiff.plan(from: before, to: after)
        let second = try SchemaDiff.plan(from: before, to: after)
        #expect(first == second)
        #expect(first.up.count == 100)
        #expect(first.up.first?.sql == "DROP TABLE \"public\".\"t0\"")
    }
}
