extension CatalogQueries {
    /// Whether the database holds any object ``definedObjects`` reads (or an extension's, which it leaves out):
    /// anything past the built-in OIDs in their catalogs. Cheap to plan and run, unlike ``definedObjects``.
    static let anyDefinedObject = """
        SELECT EXISTS (SELECT FROM pg_rewrite WHERE oid >= 16384 AND rulename <> '_RETURN')
            OR EXISTS (SELECT FROM pg_operator WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_opclass WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_opfamily WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_cast WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_conversion WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_ts_config WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_ts_dict WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_ts_parser WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_ts_template WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_statistic_ext WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_event_trigger)
            OR EXISTS (SELECT FROM pg_language WHERE oid >= 16384)
            OR EXISTS (SELECT FROM pg_transform)
            OR EXISTS (SELECT FROM pg_am WHERE oid >= 16384) AS present
        """

    /// Objects one `CREATE` statement defines (``CatalogDefinedObject``), every kind in one query: the
    /// statement composed from the catalog, names qualified (the session's `search_path` is empty, so
    /// `regproc`, `regoperator`, `regdictionary` and `format_type` qualify all but `pg_catalog`'s), what can
    /// change in place as `settings` (key, value, key, value...), and `pg_identify_object`'s identity.
    ///
    /// Extension members are left out in each branch (``notExtensionMember(_:_:)``: as an array, which plans
    /// faster than an anti-join), before any definition is composed: an extension such as btree_gist brings
    /// hundreds.
    ///
    /// An operator class lists the members that depend on it; the members of its family that depend on the
    /// family alone (loose members, and cross-type members PostgreSQL moves there) are the family's
    /// settings. Shell operators (no function yet) are left out: `CREATE OPERATOR` makes them for a
    /// commutator or negator that does not exist yet.
    static let definedObjects = """
        WITH members AS (
            SELECT d.classid, d.objid, d.refclassid, d.refobjid
            FROM pg_depend d
            WHERE d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass)
                AND d.refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass) AND d.deptype IN ('a', 'i')
        ),
        member_clauses AS (
            SELECT m.refclassid AS owner_class, m.refobjid AS owner,
                'OPERATOR ' || o.amopstrategy || ' (' || format_type(o.amoplefttype, NULL) || ', '
                    || format_type(o.amoprighttype, NULL) || ')' AS member,
                'OPERATOR ' || o.amopstrategy || ' ' || o.amopopr::regoperator::text
                    || CASE WHEN o.amoppurpose = 'o' THEN ' FOR ORDER BY ' || quote_ident(sn.nspname) || '.'
                        || quote_ident(sf.opfname) ELSE '' END AS clause,
                1 AS rank, o.amopstrategy AS number, o.amoplefttype AS left_type, o.amoprighttype AS right_type
            FROM pg_amop o
            JOIN members m ON m.classid = 'pg_amop'::regclass AND m.objid = o.oid
            LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily
            LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
            UNION ALL
            SELECT m.refclassid, m.refobjid,
                'FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
                    || format_type(p.amprocrighttype, NULL) || ')',
                'FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
                    || format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure::text,
                2, p.amprocnum, p.amproclefttype, p.amprocrighttype
            FROM pg_amproc p
            JOIN members m ON m.classid = 'pg_amproc'::regclass AND m.objid = p.oid
        ),
        found(class, oid, kind, schema_oid, name, relation_oid, signature, definition, settings) AS (
            SELECT 'pg_rewrite'::regclass, r.oid, 'RULE', NULL::oid, r.rulename::text, r.ev_class, NULL,
                regexp_replace(pg_get_ruledef(r.oid), ';\\s*$', ''),
                CASE WHEN r.ev_enabled <> 'O' THEN ARRAY['enabled', r.ev_enabled::text] END
            FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
            WHERE r.rulename <> '_RETURN' AND c.relnamespace = ANY($1::oid[])
                AND \(notExtensionMember("r", "pg_rewrite"))
            UNION ALL
            SELECT 'pg_operator'::regclass, o.oid, 'OPERATOR', o.oprnamespace, o.oprname::text, NULL,
                ' (' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', '
                    || format_type(o.oprright, NULL) || ')',
                'CREATE OPERATOR ' || quote_ident(n.nspname) || '.' || o.oprname || ' (' || concat_ws(', ',
                    'FUNCTION = ' || o.oprcode::regproc::text,
                    CASE WHEN o.oprleft <> 0 THEN 'LEFTARG = ' || format_type(o.oprleft, NULL) END,
                    'RIGHTARG = ' || format_type(o.oprright, NULL),
                    CASE WHEN o.oprcom <> 0
                        THEN 'COMMUTATOR = OPERATOR(' || quote_ident(cn.nspname) || '.' || c.oprname || ')' END,
                    CASE WHEN o.oprnegate <> 0
                        THEN 'NEGATOR = OPERATOR(' || quote_ident(gn.nspname) || '.' || g.oprname || ')' END,
                    CASE WHEN o.oprrest <> 0 THEN 'RESTRICT = ' || o.oprrest::regproc::text END,
                    CASE WHEN o.oprjoin <> 0 THEN 'JOIN = ' || o.oprjoin::regproc::text END,
                    CASE WHEN o.oprcanhash THEN 'HASHES' END,
                    CASE WHEN o.oprcanmerge THEN 'MERGES' END) || ')',
                NULL
            FROM pg_operator o
            JOIN pg_namespace n ON n.oid = o.oprnamespace
            LEFT JOIN pg_operator c ON c.oid = o.oprcom
            LEFT JOIN pg_namespace cn ON cn.oid = c.oprnamespace
            LEFT JOIN pg_operator g ON g.oid = o.oprnegate
            LEFT JOIN pg_namespace gn ON gn.oid = g.oprnamespace
            WHERE o.oprnamespace = ANY($1::oid[]) AND o.oprcode <> 0
                AND \(notExtensionMember("o", "pg_operator"))
            UNION ALL
            SELECT 'pg_opfamily'::regclass, f.oid, 'OPERATOR FAMILY', f.opfnamespace, f.opfname::text, NULL,
                ' USING ' || quote_ident(a.amname),
                'CREATE OPERATOR FAMILY ' || quote_ident(n.nspname) || '.' || quote_ident(f.opfname)
                    || ' USING ' || quote_ident(a.amname),
                ARRAY(SELECT x
                    FROM member_clauses mc, LATERAL unnest(ARRAY[mc.member, mc.clause]) WITH ORDINALITY AS u(x, i)
                    WHERE mc.owner_class = 'pg_opfamily'::regclass AND mc.owner = f.oid
                    ORDER BY mc.rank, mc.number, mc.left_type, mc.right_type, u.i)
            FROM pg_opfamily f
            JOIN pg_namespace n ON n.oid = f.opfnamespace
            JOIN pg_am a ON a.oid = f.opfmethod
            WHERE f.opfnamespace = ANY($1::oid[]) AND \(notExtensionMember("f", "pg_opfamily"))
            UNION ALL
            SELECT 'pg_opclass'::regclass, c.oid, 'OPERATOR CLASS', c.opcnamespace, c.opcname::text, NULL,
                ' USING ' || quote_ident(a.amname),
                'CREATE OPERATOR CLASS ' || quote_ident(n.nspname) || '.' || quote_ident(c.opcname)
                    || CASE WHEN c.opcdefault THEN ' DEFAULT' ELSE '' END
                    || ' FOR TYPE ' || format_type(c.opcintype, NULL) || ' USING ' || quote_ident(a.amname)
                    || ' FAMILY ' || quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) || ' AS '
                    || concat_ws(', ',
                        (SELECT string_agg(mc.clause, ', ' ORDER BY mc.rank, mc.number, mc.left_type, mc.right_type)
                            FROM member_clauses mc WHERE mc.owner_class = 'pg_opclass'::regclass AND mc.owner = c.oid),
                        CASE WHEN c.opckeytype <> 0 THEN 'STORAGE ' || format_type(c.opckeytype, NULL) END),
                NULL
            FROM pg_opclass c
            JOIN pg_namespace n ON n.oid = c.opcnamespace
            JOIN pg_am a ON a.oid = c.opcmethod
            JOIN pg_opfamily f ON f.oid = c.opcfamily
            JOIN pg_namespace fn ON fn.oid = f.opfnamespace
            WHERE c.opcnamespace = ANY($1::oid[]) AND \(notExtensionMember("c", "pg_opclass"))
            UNION ALL
            SELECT 'pg_cast'::regclass, c.oid, 'CAST', NULL, NULL, NULL,
                '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')',
                'CREATE CAST (' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ') '
                    || CASE c.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text
                        WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END
                    || CASE c.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END,
                NULL
            FROM pg_cast c
            WHERE c.oid >= 16384 AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass
                AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
            UNION ALL
            SELECT 'pg_conversion'::regclass, c.oid, 'CONVERSION', c.connamespace, c.conname::text, NULL, '',
                'CREATE ' || CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END || 'CONVERSION '
                    || quote_ident(n.nspname) || '.' || quote_ident(c.conname)
                    || ' FOR ' || quote_literal(pg_encoding_to_char(c.conforencoding))
                    || ' TO ' || quote_literal(pg_encoding_to_char(c.contoencoding))
                    || ' FROM ' || c.conproc::regproc::text,
                NULL
            FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.connamespace = ANY($1::oid[]) AND \(notExtensionMember("c", "pg_conversion"))
            UNION ALL
            SELECT 'pg_ts_parser'::regclass, p.oid, 'TEXT SEARCH PARSER', p.prsnamespace, p.prsname::text, NULL, '',
                'CREATE TEXT SEARCH PARSER ' || quote_ident(n.nspname) || '.' || quote_ident(p.prsname) || ' ('
                    || concat_ws(', ',
                    'START = ' || p.prsstart::regproc::text, 'GETTOKEN = ' || p.prstoken::regproc::text,
                    'END = ' || p.prsend::regproc::text, 'LEXTYPES = ' || p.prslextype::regproc::text,
                    CASE WHEN p.prsheadline <> 0 THEN 'HEADLINE = ' || p.prsheadline::regproc::text END) || ')',
                NULL
            FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
            WHERE p.prsnamespace = ANY($1::oid[]) AND \(notExtensionMember("p", "pg_ts_parser"))
            UNION ALL
            SELECT 'pg_ts_template'::regclass, t.oid, 'TEXT SEARCH TEMPLATE', t.tmplnamespace, t.tmplname::text, NULL,
                '',
                'CREATE TEXT SEARCH TEMPLATE ' || quote_ident(n.nspname) || '.' || quote_ident(t.tmplname) || ' ('
                    || concat_ws(', ',
                    CASE WHEN t.tmplinit <> 0 THEN 'INIT = ' || t.tmplinit::regproc::text END,
                    'LEXIZE = ' || t.tmpllexize::regproc::text) || ')',
                NULL
            FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
            WHERE t.tmplnamespace = ANY($1::oid[]) AND \(notExtensionMember("t", "pg_ts_template"))
            UNION ALL
            SELECT 'pg_ts_dict'::regclass, d.oid, 'TEXT SEARCH DICTIONARY', d.dictnamespace, d.dictname::text, NULL, '',
                'CREATE TEXT SEARCH DICTIONARY ' || quote_ident(n.nspname) || '.' || quote_ident(d.dictname)
                    || ' (TEMPLATE = ' || quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname)
                    || COALESCE(', ' || d.dictinitoption, '') || ')',
                NULL
            FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
            JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
            WHERE d.dictnamespace = ANY($1::oid[]) AND \(notExtensionMember("d", "pg_ts_dict"))
            UNION ALL
            SELECT 'pg_ts_config'::regclass, c.oid, 'TEXT SEARCH CONFIGURATION', c.cfgnamespace, c.cfgname::text, NULL,
                '',
                'CREATE TEXT SEARCH CONFIGURATION ' || quote_ident(n.nspname) || '.' || quote_ident(c.cfgname)
                    || ' (PARSER = ' || quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) || ')',
                ARRAY(SELECT x FROM (
                        SELECT t.alias,
                            string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno) AS dictionaries
                        FROM pg_ts_config_map m JOIN ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype
                        WHERE m.mapcfg = c.oid GROUP BY t.alias) mapping,
                    LATERAL unnest(ARRAY[mapping.alias, mapping.dictionaries]) WITH ORDINALITY AS u(x, i)
                    ORDER BY mapping.alias, u.i)
            FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
            JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
            WHERE c.cfgnamespace = ANY($1::oid[]) AND \(notExtensionMember("c", "pg_ts_config"))
            UNION ALL
            SELECT 'pg_statistic_ext'::regclass, s.oid, 'STATISTICS', s.stxnamespace, s.stxname::text, s.stxrelid, '',
                pg_get_statisticsobjdef(s.oid),
                CASE WHEN COALESCE(to_jsonb(s) ->> 'stxstattarget', '-1') <> '-1'
                    THEN ARRAY['statistics', to_jsonb(s) ->> 'stxstattarget'] END
            FROM pg_statistic_ext s
            WHERE s.stxnamespace = ANY($1::oid[]) AND \(notExtensionMember("s", "pg_statistic_ext"))
            UNION ALL
            SELECT 'pg_event_trigger'::regclass, e.oid, 'EVENT TRIGGER', NULL, e.evtname::text, NULL, '',
                'CREATE EVENT TRIGGER ' || quote_ident(e.evtname) || ' ON ' || quote_ident(e.evtevent)
                    || COALESCE(' WHEN TAG IN (' || (SELECT string_agg(quote_literal(tag), ', ' ORDER BY position)
                        FROM unnest(e.evttags) WITH ORDINALITY AS tags(tag, position)) || ')', '')
                    || ' EXECUTE FUNCTION ' || e.evtfoid::regproc::text || '()',
                CASE WHEN e.evtenabled <> 'O' THEN ARRAY['enabled', e.evtenabled::text] END
            FROM pg_event_trigger e
            WHERE \(notExtensionMember("e", "pg_event_trigger"))
            UNION ALL
            SELECT 'pg_language'::regclass, l.oid, 'LANGUAGE', NULL, l.lanname::text, NULL, '',
                'CREATE ' || CASE WHEN l.lanpltrusted THEN 'TRUSTED ' ELSE '' END
                    || 'LANGUAGE ' || quote_ident(l.lanname)
                    || ' HANDLER ' || l.lanplcallfoid::regproc::text
                    || CASE WHEN l.laninline <> 0 THEN ' INLINE ' || l.laninline::regproc::text ELSE '' END
                    || CASE WHEN l.lanvalidator <> 0 THEN ' VALIDATOR ' || l.lanvalidator::regproc::text ELSE '' END,
                NULL
            FROM pg_language l WHERE l.oid >= 16384
                AND \(notExtensionMember("l", "pg_language"))
            UNION ALL
            SELECT 'pg_transform'::regclass, t.oid, 'TRANSFORM', NULL, NULL, NULL,
                'FOR ' || format_type(t.trftype, NULL) || ' LANGUAGE ' || quote_ident(l.lanname),
                'CREATE TRANSFORM FOR ' || format_type(t.trftype, NULL) || ' LANGUAGE ' || quote_ident(l.lanname)
                    || ' ('
                    || concat_ws(', ', CASE WHEN t.trffromsql <> 0 THEN 'FROM SQL WITH FUNCTION '
                            || t.trffromsql::regprocedure::text END,
                        CASE WHEN t.trftosql <> 0
                            THEN 'TO SQL WITH FUNCTION ' || t.trftosql::regprocedure::text END) || ')',
                NULL
            FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
            WHERE \(notExtensionMember("t", "pg_transform"))
            UNION ALL
            SELECT 'pg_am'::regclass, a.oid, 'ACCESS METHOD', NULL, a.amname::text, NULL, '',
                'CREATE ACCESS METHOD ' || quote_ident(a.amname) || ' TYPE '
                    || CASE a.amtype WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END
                    || ' HANDLER ' || a.amhandler::regproc::text,
                NULL
            FROM pg_am a WHERE a.oid >= 16384
                AND \(notExtensionMember("a", "pg_am"))
        )
        SELECT f.class::oid AS class, f.oid, f.kind, f.schema_oid, f.name, f.relation_oid, f.signature, f.definition,
            f.settings, i.identity, obj_description(f.oid, f.class::regclass::name) AS comment
        FROM found f, LATERAL pg_identify_object(f.class, f.oid, 0) i
        """

    /// The condition that the row `alias` of the catalog `catalog` is no extension's member.
    private static func notExtensionMember(_ alias: String, _ catalog: String) -> String {
        "\(alias).oid <> ALL (ARRAY(SELECT objid FROM pg_depend WHERE classid = '\(catalog)'::regclass"
            + " AND deptype = 'e'))"
    }
}
