import Foundation
import MigrateKit
import MigrateTestSupport
import PostgresClient
import Testing

/// `revision --autogenerate`'s lock-safe series on every fixture pair of the corpus: the revisions, applied in
/// order, take A to B; their down sections, last to first, take it back to A; and `migrate check`'s linter,
/// with every table of A counted as big, finds no error but the rules that have no lock-safe form.
@Suite struct LockSafeSeriesTests {
    /// Rules whose statements PostgreSQL offers no lock-safe form of that a schema diff could write: a type
    /// change that rewrites the table, renames (a rename is one statement the old release cannot follow),
    /// a new `NOT NULL` column without a default (rows need a value: a backfill only the author can write),
    /// a volatile default (the same), a narrowed type and an enum rebuilt without a label.
    static let rulesWithoutSafeForm: Set<LintRule> = [
        .alterColumnTypeRewrite, .narrowColumnType, .renameTable, .renameColumn, .addColumnNotNullWithoutDefault,
        .addColumnVolatileDefault, .dropEnumValue,
    ]

    /// An index dropped and built again, not concurrently.
    static let indexRebuild: Set<LintRule> = [.dropIndexNotConcurrently, .createIndexNotConcurrently]

    /// Fixtures whose change has a part no lock-safe form exists for, the rules it raises, and why. A fixture
    /// listed here that no longer raises them fails the test, so the list cannot go stale.
    static let plainForms: [String: (rules: Set<LintRule>, why: String)] = [
        "10_column_generated": (
            [.dropColumn, .createIndexNotConcurrently], "a column turned generated, and its index"
        ),
        "14_primary_key_change": ([.addUniqueWithoutIndex], "a primary key replaced under the same name"),
        "21_enum_remove_value": (indexRebuild, "an enum rebuilt without a label, and the indexes that use it"),
        "36_partitioned_tables": (indexRebuild, "no index of a partitioned table is built or dropped concurrently"),
        "37_partition_changes": ([.dropTable], "a new partition key re-creates the table"),
        "49_constraint_using_function": (indexRebuild, "an index on a function whose result type changes"),
        "53_large_schema_changes": (indexRebuild.union([.dropColumn]), "a column turned generated; an enum rebuilt"),
        "54_type_change_with_dependent_check": (indexRebuild, "an index on a column whose type changes"),
        "55_rename_column_used_by_view": (indexRebuild, "an index of a renamed column (definitions compare as text)"),
        "63_table_inheritance": ([.dropTable], "a table that changes parents is re-created"),
        "65_partition_bound_with_enum_rebuild": (indexRebuild, "an enum rebuilt without a label, and its indexes"),
        "73_text_search_dictionaries": (indexRebuild, "an index using a re-created text search configuration"),
    ]

    @Test(arguments: DiffHarness.fixtureNames())
    func seriesConvergesAndPassesLint(_ fixture: String) throws {
        var options = try SchemaDiffConvergenceTests.options(fixture)
        let setUp = try DiffHarness.privilegesSetUp(fixture)
        let privileges = setUp != nil
        options.comparesPrivileges = privileges
        try SchemaDiffConvergenceTests.withFixtureSQL(fixture) { sourceSQL, targetSQL in
            try DiffHarness.withPair(from: sourceSQL, to: targetSQL, setUp: setUp) { source, target, fresh in
                let series = try Self.series(
                    from: try DiffHarness.snapshot(source, privileges: privileges),
                    in: target,
                    options: options
                )
                #expect(!series.isEmpty, "\(fixture): the two schemas should differ")
                let shown = Self.show(series)
                if ProcessInfo.processInfo.environment["MIGRATE_DIFF_SHOW"] == fixture { print(shown) }

                for revision in series.revisions {
                    try DiffHarness.apply(revision.plan.up, nonTransactional: !revision.isTransactional, to: source)
                }
                let upDifference = try DiffHarness.schemaDifference(source, target, privileges: privileges)
                #expect(upDifference == nil, "\(fixture): pg_dump differs after up:\n\(upDifference ?? "")\n\(shown)")
                for revision in series.revisions.reversed() {
                    try DiffHarness.apply(revision.plan.down, nonTransactional: !revision.isTransactional, to: source)
                }
                let downDifference = try DiffHarness.schemaDifference(source, fresh, privileges: privileges)
                #expect(
                    downDifference == nil,
                    "\(fixture): pg_dump differs after down:\n\(downDifference ?? "")\n\(shown)"
                )
                try Self.expectLintPasses(fixture, series, shown: shown)
            }
        }
    }

    /// `migrate check`'s linter on the series, offline (every table of A counts as big): no error but those of
    /// ``rulesWithoutSafeForm`` and the fixture's ``plainForms``.
    static func expectLintPasses(_ fixture: String, _ series: AutogeneratedSeries, shown: String) throws {
        let report = Linter(settings: LintSettings(), catalog: LintCatalog())
            .lint(try revisions(series), isPostDeploy: { $0.phase == .post })
        #expect(report.problems.isEmpty, "\(fixture): \(report.problems)")
        let failing = report.findings.filter { $0.isFailing && !rulesWithoutSafeForm.contains($0.rule) }
        let allowed = plainForms[fixture]?.rules ?? []
        let errors = failing.filter { !allowed.contains($0.rule) }
        if let plain = plainForms[fixture] {
            #expect(
                !failing.isEmpty,
                "\(fixture) is listed as having no lock-safe form (\(plain.why)) but passes lint: unlist it"
            )
        }
        #expect(
            errors.isEmpty,
            "\(fixture): \(errors.map { "\($0.rule.rawValue) at line \($0.line) of \($0.file): \($0.reason)" })\n\(shown)"
        )
    }

    static func series(from current: CatalogSnapshot, in target: TestDatabase, options: SchemaDiffOptions) throws
        -> AutogeneratedSeries
    {
        let connection = try target.connect()
        defer { connection.close() }
        let canonicalizer = DefinitionCanonicalizer(connection: connection)
        defer { canonicalizer.finish() }
        return try SchemaDiff.series(
            from: current,
            to: try CatalogReader.read(
                connection,
                options: CatalogReadOptions(readsPrivileges: options.comparesPrivileges)
            ),
            options: options,
            canonicalizer: canonicalizer,
            lockSafe: true
        )
    }

    /// The series as revision files, each the parent of the next, parsed as `migrate check` reads them.
    static func revisions(_ series: AutogeneratedSeries) throws -> [Revision] {
        var parents: [String] = []
        return try series.revisions.enumerated().map { position, planned in
            let id = String(format: "%012x", position + 1)
            let template = RevisionTemplate(
                id: id,
                parents: parents,
                message: "part \(position + 1)",
                created: RevisionTimestamp(Date(timeIntervalSince1970: 0)),
                isTransactional: planned.isTransactional,
                phase: planned.phase,
                upSQL: planned.plan.upSQL,
                downSQL: planned.plan.downSQL
            )
            parents = [id]
            return try RevisionFile.parse(try template.render(), path: "\(id)_part.sql")
        }
    }

    static func show(_ series: AutogeneratedSeries) -> String {
        series.revisions.map { revision in
            "-- \(revision.part) (\(revision.phase), transactional: \(revision.isTransactional))\n-- up\n"
                + revision.plan.upSQL + "-- down\n" + revision.plan.downSQL
        }.joined(separator: "\n")
    }
}
