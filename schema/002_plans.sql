-- tkvv store, version 2: saved regrouping plans, with what is needed to
-- apply them in one transaction and undo them exactly.

CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by   TEXT NOT NULL,
    scope        TEXT NOT NULL,         -- 'all', 'commune CODE' or 'hamlet CODE'
    min_members  INTEGER NOT NULL,
    max_members  INTEGER NOT NULL,
    move_weight  REAL NOT NULL,
    max_moves    TEXT NOT NULL,         -- as asked: '' (none), '120' or '25%'
    new_leaders  INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'applied', 'discarded', 'undone')),
    note         TEXT,                  -- the meeting's decision, given on apply
    applied_at   TEXT,
    undone_at    TEXT
);

-- One row per hamlet the plan looked at: the fingerprint of the data it was
-- made on (a plan whose hamlets changed since is refused), and the figures
-- of regroup-metrics.md before (b_) and after (a_).
CREATE TABLE plan_hamlets (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    hamlet_id    INTEGER NOT NULL REFERENCES hamlets(id),
    fingerprint  TEXT NOT NULL,
    method       TEXT NOT NULL,         -- coord, road, mixed, none
    status       TEXT NOT NULL,         -- ok, infeasible
    message      TEXT NOT NULL DEFAULT '',
    members      INTEGER NOT NULL,
    located      INTEGER NOT NULL,
    b_medoid_m REAL, b_mst_m REAL, b_knn_edges INTEGER, b_knn_cross INTEGER,
    b_moved INTEGER, b_size_violations INTEGER, b_leaders_moved INTEGER, b_groups INTEGER,
    a_medoid_m REAL, a_mst_m REAL, a_knn_edges INTEGER, a_knn_cross INTEGER,
    a_moved INTEGER, a_size_violations INTEGER, a_leaders_moved INTEGER, a_groups INTEGER,
    PRIMARY KEY (plan_id, hamlet_id)
);

-- Moves, and the membership rows apply closed and opened, so undo is exact.
CREATE TABLE plan_moves (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    from_group   INTEGER NOT NULL REFERENCES groups(id),
    to_group     INTEGER NOT NULL REFERENCES groups(id),
    reason       TEXT NOT NULL,
    closed_ms    INTEGER,
    opened_ms    INTEGER,
    PRIMARY KEY (plan_id, member_id)
);

-- Groups merged away and leaders proposed, with what they replace.
CREATE TABLE plan_groups (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    group_id     INTEGER NOT NULL REFERENCES groups(id),
    merged_into  INTEGER REFERENCES groups(id),
    new_leader   TEXT,
    old_leader   TEXT,
    old_deputy   TEXT,
    PRIMARY KEY (plan_id, group_id)
);

-- The trade-off table: the same request at several move budgets.
CREATE TABLE plan_tradeoff (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    row          INTEGER NOT NULL,
    budget       TEXT NOT NULL,         -- '10%', '25%', '50%', 'unlimited'
    new_leaders  INTEGER NOT NULL,
    moved INTEGER, medoid_m REAL, mst_m REAL, knn_edges INTEGER, knn_cross INTEGER,
    size_violations INTEGER, leaders_moved INTEGER, groups INTEGER,
    PRIMARY KEY (plan_id, row)
);
