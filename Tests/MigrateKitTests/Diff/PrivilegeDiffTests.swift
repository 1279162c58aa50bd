import Foundation
import MigrateTestSupport
import PostgresClient
import Testing

@testable import MigrateKit

/// Owners and privileges (`--privileges`): what is compared only when asked, the statements between two
/// ACLs, and the error for roles the server lacks. The convergence cases are fixtures 110-129.
@Suite struct PrivilegeDiffTests {
    /// A role name no other test uses, created for one test.
    private static func uniqueRole() -> String {
        "p15c_ghost_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    private static func execute(_ sql: String, in database: TestDatabase) throws {
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute(sql)
    }

    @Test func withoutTheOptionGrantsAreOnlyNoted() throws {
        try TestDatabase.with { current in
            try TestDatabase.with { desired in
                try Self.execute("CREATE TABLE t (id int);", in: current)
                try Self.execute("CREATE TABLE t (id int); GRANT SELECT ON t TO PUBLIC;", in: desired)
                let plan = try DiffHarness.plan(
                    from: try DiffHarness.snapshot(current),
                    to: try DiffHarness.snapshot(desired),
                    in: desired
                )
                #expect(plan.isEmpty)
                #expect(
                    plan.warnings.contains { $0.hasPrefix("privileges (GRANT/REVOKE) are not compared; 1 object(s)") }
                )
                #expect(plan.warnings.contains { $0.contains("--privileges") })

                let compared = try DiffHarness.plan(
                    from: try DiffHarness.snapshot(current, privileges: true),
                    to: try DiffHarness.snapshot(desired, privileges: true),
                    in: desired,
                    options: SchemaDiffOptions(comparesPrivileges: true)
                )
                #expect(compared.upSQL == "GRANT SELECT ON TABLE \"public\".\"t\" TO PUBLIC;\n")
                #expect(compared.downSQL == "REVOKE SELECT ON TABLE \"public\".\"t\" FROM PUBLIC;\n")
                #expect(!compared.warnings.contains { $0.hasPrefix("privileges") })
            }
        }
    }

    @Test func readsOwnersAclsAndDefaultPrivileges() throws {
        try TestDatabase.with { database in
            try Self.execute(
                """
                CREATE TABLE t (id int, secret text);
                REVOKE ALL ON t FROM PUBLIC;
                GRANT SELECT (secret) ON t TO PUBLIC;
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON TYPES TO PUBLIC;
                """,
                in: database
            )
            let privileges = try #require(try DiffHarness.snapshot(database, privileges: true).privileges)
            let me = privileges.connectingRole
            #expect(!me.isEmpty)
            #expect(privileges.existingRoles.contains(me))
            let table = try #require(privileges.objects[.table(ObjectName("public", "t"))])
            #expect(table.owner == me)
            #expect(table.grants.contains(PrivilegeGrant(grantee: me, privilege: "SELECT", grantable: false)))
            #expect(!table.grants.contains { $0.grantee.isEmpty })
            #expect(
                privileges.objects[.column(ObjectName("public", "t"), "secret")]
                    == ObjectPrivileges(
                        owner: nil,
                        grants: [PrivilegeGrant(grantee: "", privilege: "SELECT", grantable: false)]
                    )
            )
            #expect(privileges.objects[.column(ObjectName("public", "t"), "id")] == nil)
            // No ACL of its own: the default, EXECUTE for PUBLIC and the owner.
            let function = try #require(
                privileges.objects[.function(FunctionIdentity(name: ObjectName("public", "f"), argumentTypes: ""))]
            )
            #expect(function.grants.map(\.grantee).sorted() == ["", me])
            #expect(
                privileges.defaultPrivileges[DefaultPrivilegeKey(role: me, schema: "public", objectType: "T")]
                    == [PrivilegeGrant(grantee: "", privilege: "USAGE", grantable: false)]
            )
            #expect(privileges.builtInGrants(kind: "f", owner: "x").count == 2)
        }
    }

    @Test func aRoleMissingOnTheCurrentServerIsAnErrorNamingItAndItsObjects() throws {
        let ghost = Self.uniqueRole()
        try TestDatabase.with { current in
            try TestDatabase.with { desired in
                try Self.execute("CREATE TABLE t (id int);", in: current)
                try Self.execute(
                    "CREATE ROLE \(ghost) NOLOGIN; CREATE TABLE t (id int); GRANT SELECT ON t TO \(ghost);",
                    in: desired
                )
                let wanted = try DiffHarness.snapshot(desired, privileges: true)
                // The role goes away, as if the current side's server never had it.
                try Self.execute("REVOKE ALL ON t FROM \(ghost); DROP ROLE \(ghost);", in: desired)
                let before = try DiffHarness.snapshot(current, privileges: true)
                #expect(before.privileges?.existingRoles.contains(ghost) == false)
                let error = try #require(throws: MigrateError.self) {
                    try SchemaDiff.plan(from: before, to: wanted, options: SchemaDiffOptions(comparesPrivileges: true))
                }
                #expect(error.code == .schemaSource)
                #expect(error.message.contains("1 role(s) that do not exist"))
                #expect(error.message.contains("\(ghost): grantee on table public.t"))
                #expect(error.hint?.contains("migrate never creates them") == true)
            }
        }
    }

    @Test func aMissingRoleInTheDesiredSqlGetsAHint() throws {
        let ghost = Self.uniqueRole()
        let error = try #require(throws: MigrateError.self) {
            try ShadowDatabase.with(server: try TestServer.adminConnectionString()) { shadow in
                try shadow.apply(sql: "CREATE TABLE t (id int);\nGRANT SELECT ON t TO \(ghost);\n", file: "schema.sql")
            }
        }
        #expect(error.code == .schemaSource)
        #expect(error.message.contains("role \"\(ghost)\" does not exist"))
        #expect(error.location?.file == "schema.sql")
        #expect(error.hint?.contains("migrate never creates them") == true)
    }

    @Test func comparingWithoutReadingIsAnInternalError() {
        let error = #expect(throws: MigrateError.self) {
            try SchemaDiff.plan(
                from: CatalogSnapshot(),
                to: CatalogSnapshot(),
                options: SchemaDiffOptions(comparesPrivileges: true)
            )
        }
        #expect(error?.code == .internal)
    }

    // MARK: - Statements between two ACLs

    private static func grant(_ grantee: String, _ privilege: String, option: Bool = false) -> PrivilegeGrant {
        PrivilegeGrant(grantee: grantee, privilege: privilege, grantable: option)
    }

    @Test func writesTheFewestStatementsPerGrantee() {
        let statements = PrivilegeStatements.changes(
            from: [
                Self.grant("me", "SELECT"), Self.grant("me", "INSERT"), Self.grant("app", "SELECT", option: true),
                Self.grant("app", "UPDATE"), Self.grant("", "SELECT"),
            ],
            to: [
                Self.grant("me", "SELECT"), Self.grant("app", "SELECT"), Self.grant("app", "INSERT", option: true),
                Self.grant("app", "DELETE"), Self.grant("app", "UPDATE", option: true), Self.grant("x y", "TRIGGER"),
            ],
            on: PrivilegeStatements.Target(object: "TABLE \"public\".\"t\""),
            connectingRole: "me"
        )
        #expect(
            statements == [
                "REVOKE SELECT ON TABLE \"public\".\"t\" FROM PUBLIC",
                "REVOKE GRANT OPTION FOR SELECT ON TABLE \"public\".\"t\" FROM \"app\"",
                "GRANT DELETE ON TABLE \"public\".\"t\" TO \"app\"",
                "GRANT INSERT, UPDATE ON TABLE \"public\".\"t\" TO \"app\" WITH GRANT OPTION",
                "REVOKE INSERT ON TABLE \"public\".\"t\" FROM CURRENT_USER",
                "GRANT TRIGGER ON TABLE \"public\".\"t\" TO \"x y\"",
            ]
        )
    }

    @Test func columnAndDefaultPrivilegeTargets() {
        let columns = PrivilegeStatements.changes(
            from: [],
            to: [Self.grant("app", "UPDATE"), Self.grant("app", "SELECT")],
            on: PrivilegeStatements.Target(object: "TABLE \"public\".\"t\"", columns: " (\"c\")"),
            connectingRole: "me"
        )
        #expect(columns == ["GRANT SELECT (\"c\"), UPDATE (\"c\") ON TABLE \"public\".\"t\" TO \"app\""])
        let defaults = PrivilegeStatements.changes(
            from: [Self.grant("", "EXECUTE")],
            to: [],
            on: PrivilegeStatements.Target(prefix: "ALTER DEFAULT PRIVILEGES FOR ROLE \"o\" ", object: "FUNCTIONS"),
            connectingRole: "me"
        )
        #expect(defaults == ["ALTER DEFAULT PRIVILEGES FOR ROLE \"o\" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"])
    }

    @Test func anOwnerChangeRewritesTheAclAsPostgreSQLDoes() {
        let renamed = PrivilegeGrant.renaming(
            "old",
            to: "new",
            in: [Self.grant("old", "SELECT"), Self.grant("new", "SELECT", option: true), Self.grant("", "INSERT")]
        )
        #expect(renamed == [Self.grant("", "INSERT"), Self.grant("new", "SELECT", option: true)])
    }

    // MARK: - Configuration

    @Test func configurationKeyTurnsItOn() throws {
        #expect(try parseConfiguration("").autogenerate.privileges == false)
        #expect(try parseConfiguration("[autogenerate]\nprivileges = true\n").autogenerate.privileges == true)
        let error = try #require(throws: MigrateError.self) {
            try parseConfiguration("[autogenerate]\nprivileges = \"yes\"\n")
        }
        #expect(error.message == "`autogenerate.privileges` must be true or false (a boolean), not a string")
        #expect(error.location?.line == 2)
        let number = try #require(throws: MigrateError.self) {
            try parseConfiguration("[autogenerate]\nprivileges = 1\n")
        }
        #expect(number.message == "`autogenerate.privileges` must be true or false (a boolean), not an integer")
    }
}
