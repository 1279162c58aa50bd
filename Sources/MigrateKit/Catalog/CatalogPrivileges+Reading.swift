import PostgresClient

extension CatalogPrivileges {
    /// Reads owners, ACLs, default privileges and role names for the objects `snapshot` holds (objects it
    /// left out, such as extension members and the version tables, are left out here too).
    /// - Throws: ``MigrateError`` when a query fails.
    static func read(_ connection: PostgresConnection, for snapshot: CatalogSnapshot) throws(MigrateError)
        -> CatalogPrivileges
    {
        func query(_ sql: String, _ what: String) throws(MigrateError) -> [QueryResult.Row] {
            do {
                return try connection.query(sql).rows
            } catch {
                throw CatalogReader.failure(error, while: "reading \(what) from the catalog")
            }
        }
        let role = try query("SELECT current_user::text AS name", "the connecting role").first?.string("name") ?? ""
        var privileges = CatalogPrivileges(connectingRole: role)
        privileges.existingRoles = Set(try query(Queries.roles, "roles").map { $0.string("name") })
        for row in try query(Queries.builtInDefaults, "default ACLs") {
            let kind = row.string("kind")
            var defaults = privileges.builtInDefaults[kind] ?? BuiltInDefault()
            if row.bool("public") == true {
                defaults.publicPrivileges.append(row.string("privilege"))
            } else {
                defaults.ownerPrivileges.append(row.string("privilege"))
            }
            privileges.builtInDefaults[kind] = defaults
        }
        for row in try query(Queries.objects, "owners and privileges") {
            guard let key = Self.key(of: row, in: snapshot) else { continue }
            let grants = Self.grants(row.textArray("grants"))
            if case .column = key, grants.isEmpty { continue }
            privileges.objects[key] = ObjectPrivileges(owner: row["owner"], grants: grants)
        }
        for row in try query(Queries.defaultPrivileges, "default privileges") {
            let schema = row["schema"]
            if let schema, snapshot.schemas[schema] == nil { continue }
            let key = DefaultPrivilegeKey(
                role: row.string("role"),
                schema: schema,
                objectType: row.string("object_type")
            )
            privileges.defaultPrivileges[key] = Self.grants(row.textArray("grants"))
        }
        return privileges
    }

    /// The snapshot's key for an object row, or `nil` when the snapshot does not hold the object.
    private static func key(of row: QueryResult.Row, in snapshot: CatalogSnapshot) -> ObjectKey? {
        let schema = row.string("schema_name")
        let name = ObjectName(schema, row.string("name"))
        let detail = row.string("detail")
        switch row.string("class") {
        case "schema":
            return snapshot.schemas[schema] != nil ? .schema(schema) : nil
        case "type":
            return snapshot.enums[name] != nil || snapshot.domains[name] != nil ? .type(name) : nil
        case "relation":
            if snapshot.tables[name] != nil { return .table(name) }
            if snapshot.views[name] != nil { return .view(name) }
            if snapshot.sequences[name] != nil { return .sequence(name) }
            return nil
        case "function":
            let identity = FunctionIdentity(name: name, argumentTypes: detail)
            return snapshot.functions[identity] != nil ? .function(identity) : nil
        case "collation":
            return snapshot.collations[name] != nil ? .collation(name) : nil
        case "column":
            if let table = snapshot.tables[name] {
                return table.column(detail) != nil ? .column(name, detail) : nil
            }
            if let view = snapshot.views[name] {
                return view.columns.contains { $0.name == detail } ? .column(name, detail) : nil
            }
            return nil
        default:
            return nil
        }
    }

    /// Grants from `aclexplode` rows encoded as `t|f PRIVILEGE grantee` (grantee last: it may hold spaces).
    private static func grants(_ encoded: [String]) -> [PrivilegeGrant] {
        encoded.compactMap { text in
            let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            return PrivilegeGrant(grantee: String(parts[2]), privilege: String(parts[1]), grantable: parts[0] == "t")
        }.sorted()
    }

    /// The queries; they run with `search_path = ''` like the rest of the reader.
    private enum Queries {
        static let roles = "SELECT rolname::text AS name FROM pg_roles"

        /// What `acldefault` gives the owner (grantee 10 here) and `PUBLIC` for each kind.
        static let builtInDefaults = """
            SELECT k.kind::text AS kind, e.grantee = 0 AS public, e.privilege_type AS privilege
            FROM unnest(ARRAY['r', 's', 'f', 'T', 'n']::"char"[]) AS k(kind),
                LATERAL aclexplode(acldefault(k.kind, 10::oid)) e
            """

        /// One ACL as `t|f PRIVILEGE grantee` strings, `PUBLIC` being the empty name.
        private static func exploded(_ acl: String) -> String {
            """
            ARRAY(SELECT CASE WHEN e.is_grantable THEN 't' ELSE 'f' END || ' ' || e.privilege_type || ' '
                    || CASE WHEN e.grantee = 0 THEN '' ELSE pg_get_userbyid(e.grantee)::text END
                FROM aclexplode(\(acl)) e)
            """
        }

        /// Owners and ACLs (the default for the kind when there is none), and column ACLs that exist.
        static let objects = """
            WITH objects(class, schema_oid, name, detail, owner_oid, acl) AS (
                SELECT 'schema', n.oid, '', '', n.nspowner, COALESCE(n.nspacl, acldefault('n', n.nspowner))
                FROM pg_namespace n
                UNION ALL
                SELECT 'type', t.typnamespace, t.typname::text, '', t.typowner,
                    COALESCE(t.typacl, acldefault('T', t.typowner))
                FROM pg_type t WHERE t.typtype IN ('e', 'd')
                UNION ALL
                SELECT 'relation', c.relnamespace, c.relname::text, '', c.relowner,
                    COALESCE(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
                FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
                UNION ALL
                SELECT 'function', p.pronamespace, p.proname::text, oidvectortypes(p.proargtypes), p.proowner,
                    COALESCE(p.proacl, acldefault('f', p.proowner))
                FROM pg_proc p
                UNION ALL
                SELECT 'collation', co.collnamespace, co.collname::text, '', co.collowner, NULL::aclitem[]
                FROM pg_collation co
                UNION ALL
                SELECT 'column', c.relnamespace, c.relname::text, a.attname::text, NULL::oid, a.attacl
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
                    AND c.relkind IN ('r', 'p', 'v', 'm')
            )
            SELECT o.class, n.nspname::text AS schema_name, o.name, o.detail,
                pg_get_userbyid(o.owner_oid)::text AS owner, \(exploded("o.acl")) AS grants
            FROM objects o
            JOIN pg_namespace n ON n.oid = o.schema_oid
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            """

        static let defaultPrivileges = """
            SELECT pg_get_userbyid(d.defaclrole)::text AS role, n.nspname::text AS schema,
                d.defaclobjtype::text AS object_type, \(exploded("d.defaclacl")) AS grants
            FROM pg_default_acl d
            LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
            """
    }
}
