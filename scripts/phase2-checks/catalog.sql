-- Catalog facts of schema public, one line each, for diffing two databases.
SELECT format('column %s.%s #%s %s notnull=%s default=%s hasmissing=%s collation=%s',
              c.relname, a.attname,
              row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
              format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
              a.atthasmissing, a.attcollation::regcollation)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT format('constraint %s.%s %s valid=%s deferrable=%s', conrelid::regclass, conname, pg_get_constraintdef(oid),
              convalidated, condeferrable)
  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL
SELECT format('index %s valid=%s ready=%s live=%s def=%s', i.indexrelid::regclass, i.indisvalid, i.indisready,
              i.indislive, pg_get_indexdef(i.indexrelid))
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace
UNION ALL
SELECT format('relation %s kind=%s persistence=%s options=%s', oid::regclass, relkind, relpersistence, reloptions)
  FROM pg_class WHERE relnamespace = 'public'::regnamespace
UNION ALL
SELECT format('schema %s', nspname) FROM pg_namespace
 WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
ORDER BY 1;
