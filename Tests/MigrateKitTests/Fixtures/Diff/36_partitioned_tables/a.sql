CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
CREATE INDEX events_kind_idx ON events (kind);
CREATE TABLE plain (id int PRIMARY KEY);
