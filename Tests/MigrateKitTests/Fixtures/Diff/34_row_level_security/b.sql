CREATE TABLE docs (id int PRIMARY KEY, owner name, body text, published boolean);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs FORCE ROW LEVEL SECURITY;
CREATE POLICY docs_owner ON docs FOR ALL TO PUBLIC USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY docs_public ON docs AS RESTRICTIVE FOR SELECT TO postgres USING (published);
CREATE TABLE notes (id int PRIMARY KEY);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
