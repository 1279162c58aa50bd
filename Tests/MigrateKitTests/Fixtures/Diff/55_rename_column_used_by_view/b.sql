CREATE TABLE t (id int PRIMARY KEY, quantity int NOT NULL DEFAULT 1, price numeric GENERATED ALWAYS AS (quantity * 2.5) STORED);
CREATE INDEX t_qty_idx ON t (quantity) WHERE quantity > 0;
CREATE VIEW v AS SELECT id, quantity FROM t;
CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_bump BEFORE UPDATE OF quantity ON t FOR EACH ROW WHEN (NEW.quantity > 10) EXECUTE FUNCTION bump();
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_positive ON t USING (quantity > 0);
