extension CatalogQueries {
    /// Composite types (not a table's row type) with their attributes, and range types with their
    /// `AS RANGE (...)` options composed as pg_dump writes them: the operator class only when it is not the
    /// subtype's default, the collation only when it is not the subtype's. `regproc` prints functions
    /// schema-qualified (the `search_path` is empty) unless they are built in.
    static let compositeAndRangeTypes = """
        SELECT t.oid, t.typarray AS array_oid, t.typnamespace AS schema_oid, t.typname AS name, t.typtype AS kind,
            t.typrelid AS relation_oid, obj_description(t.oid, 'pg_type') AS comment,
            t.typacl IS NOT NULL AS has_privileges,
            ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0
                AND NOT a.attisdropped ORDER BY a.attnum) AS attribute_names,
            ARRAY(SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> at.typcollation
                    THEN ' COLLATE ' || quote_ident(acn.nspname) || '.' || quote_ident(aco.collname) ELSE '' END
                FROM pg_attribute a
                JOIN pg_type at ON at.oid = a.atttypid
                LEFT JOIN pg_collation aco ON aco.oid = a.attcollation
                LEFT JOIN pg_namespace acn ON acn.oid = aco.collnamespace
                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum) AS attribute_types,
            ARRAY(SELECT COALESCE(col_description(t.typrelid, a.attnum), '') FROM pg_attribute a
                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum) AS attribute_comments,
            concat_ws(', ',
                'SUBTYPE = ' || format_type(r.rngsubtype, NULL),
                CASE WHEN NOT opc.opcdefault THEN 'SUBTYPE_OPCLASS = ' || quote_ident(opn.nspname) || '.'
                    || quote_ident(opc.opcname) END,
                CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN 'COLLATION = '
                    || quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,
                CASE WHEN r.rngcanonical <> 0 THEN 'CANONICAL = ' || r.rngcanonical::regproc::text END,
                CASE WHEN r.rngsubdiff <> 0 THEN 'SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text END
            ) AS range_options,
            format_type(r.rngsubtype, NULL) AS subtype, m.oid AS multirange_oid, m.typarray AS multirange_array_oid, mn.nspname AS multirange_schema,
            m.typname AS multirange_name
        FROM pg_type t
        LEFT JOIN pg_class c ON c.oid = t.typrelid
        LEFT JOIN pg_range r ON r.rngtypid = t.oid
        LEFT JOIN pg_type st ON st.oid = r.rngsubtype
        LEFT JOIN pg_opclass opc ON opc.oid = r.rngsubopc
        LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
        LEFT JOIN pg_collation co ON co.oid = r.rngcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        LEFT JOIN pg_type m ON m.oid = (to_jsonb(r) ->> 'rngmultitypid')::oid
        LEFT JOIN pg_namespace mn ON mn.oid = m.typnamespace
        WHERE t.typnamespace = ANY($1::oid[])
            AND (t.typtype = 'r' OR (t.typtype = 'c' AND c.relkind = 'c'))
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                AND d.objid = t.oid AND d.deptype = 'e')
        """
}
