-- How the grid compares each column's values before it overwrites or deletes a row
-- (core/dialect/comparedcolumn.h). For the relation named by the two (equal) parameters,
-- one row per column (its name), in column order:
--   compared_type  the type a bound value is cast to: format_type of the column's type, or
--                  of the innermost base type for a domain, so that the domain's CHECK is not
--                  run on a value that is only being compared;
--   has_equality   the server has an equality for the type and for every part of it: a
--                  default btree operator class, directly or through an implicit binary-coercible
--                  cast (varchar -> text, cidr -> inet; xml -> text is explicit, and the parser
--                  finds no xml = xml); enums, ranges and multiranges always have
--                  one; domains count through their base type, arrays (typelem with
--                  typlen -1) through their element, composites through every attribute.
--                  json, xml and the geometric types have none (the geometric "=" compares
--                  areas or lengths, not values);
--   pseudo         a pseudo-type column (anyarray in pg_statistic): nothing can be written.
WITH RECURSIVE parts(attnum, typ, depth) AS (
    SELECT a.attnum, a.atttypid, 0
    FROM pg_attribute AS a
    WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
    SELECT p.attnum, c.typ, p.depth + 1
    FROM parts AS p
    JOIN pg_type AS t ON t.oid = p.typ
    CROSS JOIN LATERAL (
        SELECT t.typbasetype AS typ WHERE t.typtype = 'd'
        UNION ALL
        SELECT t.typelem WHERE t.typelem <> 0 AND t.typlen = -1
        UNION ALL
        SELECT ca.atttypid FROM pg_attribute AS ca
        WHERE t.typtype = 'c' AND ca.attrelid = t.typrelid AND ca.attnum > 0 AND NOT ca.attisdropped
    ) AS c
    WHERE p.depth < 32
),
leaves AS (
    SELECT p.attnum,
           t.typtype IN ('e', 'r', 'm')
           OR EXISTS (SELECT 1
                      FROM pg_opclass AS oc
                      JOIN pg_am AS am ON am.oid = oc.opcmethod
                      WHERE am.amname = 'btree' AND oc.opcdefault
                        AND (oc.opcintype = t.oid
                             OR EXISTS (SELECT 1 FROM pg_cast AS pc
                                        WHERE pc.castsource = t.oid AND pc.casttarget = oc.opcintype
                                          AND pc.castmethod = 'b' AND pc.castcontext = 'i'))) AS eq
    FROM parts AS p
    JOIN pg_type AS t ON t.oid = p.typ
    WHERE t.typtype NOT IN ('d', 'c') AND NOT (t.typelem <> 0 AND t.typlen = -1)
),
bases(attnum, attname, typ, typmod) AS (
    SELECT a.attnum, a.attname, a.atttypid, a.atttypmod
    FROM pg_attribute AS a
    WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
    SELECT b.attnum, b.attname, t.typbasetype, t.typtypmod
    FROM bases AS b
    JOIN pg_type AS t ON t.oid = b.typ
    WHERE t.typtype = 'd'
)
SELECT b.attname,
       format_type(b.typ, b.typmod) AS compared_type,
       coalesce((SELECT bool_and(l.eq) FROM leaves AS l WHERE l.attnum = b.attnum), true) AS has_equality,
       bt.typtype = 'p' AS pseudo
FROM bases AS b
JOIN pg_type AS bt ON bt.oid = b.typ
WHERE bt.typtype <> 'd'
ORDER BY b.attnum
