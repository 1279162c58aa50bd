CREATE TYPE a_level AS ENUM ('low', 'mid', 'high');
CREATE DOMAIN b_level_domain AS a_level CHECK (VALUE <> 'mid');
CREATE TABLE t (id int PRIMARY KEY, lvl b_level_domain DEFAULT 'low', raw a_level);
CREATE VIEW high_t AS SELECT id FROM t WHERE lvl::a_level = 'high';
