CREATE TABLE p (id int PRIMARY KEY, a int, b int, UNIQUE (a, b));
CREATE TABLE c (
    id int PRIMARY KEY,
    p_id int REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED,
    q_id int REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE,
    a int,
    b int,
    CONSTRAINT c_ab_fkey FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL
);
