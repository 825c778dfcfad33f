-- tkvv store, version 1.
-- Text is NFC. Dates are ISO 'YYYY-MM-DD' text; months 'YYYY-MM'.
-- Money is whole VND (INTEGER). Rates are parts per million per month
-- (0.52 %/month = 5200) so that interest is computed exactly in integers.

CREATE TABLE communes (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name    TEXT NOT NULL CHECK (length(name) > 0),
    kind    TEXT NOT NULL DEFAULT 'xa' CHECK (kind IN ('xa', 'thi_tran'))
);

CREATE TABLE hamlets (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    commune_id  INTEGER NOT NULL REFERENCES communes(id),
    name        TEXT NOT NULL CHECK (length(name) > 0)
);
CREATE INDEX hamlets_commune ON hamlets(commune_id);

CREATE TABLE orgs (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT NOT NULL
);
INSERT INTO orgs VALUES
    ('PN',  'Hội Phụ nữ',           'Women''s Union'),
    ('ND',  'Hội Nông dân',         'Farmers'' Union'),
    ('CCB', 'Hội Cựu chiến binh',   'Veterans'' Association'),
    ('TN',  'Đoàn Thanh niên',      'Youth Union');

-- Leader and deputy are kept by member code: a groups file is imported
-- before the members file, and `tkvv check` verifies both are members.
CREATE TABLE groups (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    hamlet_id    INTEGER NOT NULL REFERENCES hamlets(id),
    org_code     TEXT NOT NULL REFERENCES orgs(code),
    name         TEXT NOT NULL DEFAULT '',
    leader_code  TEXT,
    deputy_code  TEXT,
    founded_on   TEXT,
    status       TEXT NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'merged', 'dissolved')),
    merged_into  INTEGER REFERENCES groups(id),
    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
    CHECK (leader_code IS NULL OR deputy_code IS NULL OR leader_code <> deputy_code)
);
CREATE INDEX groups_hamlet ON groups(hamlet_id);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    full_name    TEXT NOT NULL CHECK (length(full_name) > 0),
    name_folded  TEXT NOT NULL,          -- lower case, no diacritics, đ -> d
    sort_key     BLOB NOT NULL,          -- Vietnamese order: given, family, middle
    hamlet_id    INTEGER NOT NULL REFERENCES hamlets(id),
    group_id     INTEGER NOT NULL REFERENCES groups(id),
    cluster      TEXT,
    road_order   INTEGER,
    lat          REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon          REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    national_id  TEXT,
    phone        TEXT,
    phone_digits TEXT,                   -- phone without spaces or dots, for search
    category     TEXT CHECK (category IN ('ngheo', 'can_ngheo', 'moi_thoat_ngheo', 'khac')),
    joined_on    TEXT,
    CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX members_hamlet ON members(hamlet_id);
CREATE INDEX members_group ON members(group_id);
CREATE INDEX members_sort ON members(sort_key);

-- Which group a member belonged to and when: from_on <= D < to_on.
CREATE TABLE memberships (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES groups(id),
    from_on    TEXT NOT NULL,
    to_on      TEXT,
    reason     TEXT,
    CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE INDEX memberships_member ON memberships(member_id, from_on);
CREATE INDEX memberships_group ON memberships(group_id);
CREATE UNIQUE INDEX memberships_open ON memberships(member_id) WHERE to_on IS NULL;

CREATE TABLE programs (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    ceiling   INTEGER NOT NULL CHECK (ceiling >= 0),
    rate_ppm  INTEGER NOT NULL CHECK (rate_ppm >= 0)
);
INSERT INTO programs VALUES
    ('HN',   'Hộ nghèo',                      'Poor households',            100000000, 5200),
    ('CN',   'Hộ cận nghèo',                  'Near-poor households',       100000000, 6240),
    ('MTN',  'Hộ mới thoát nghèo',            'Recently out of poverty',    100000000, 6500),
    ('HSSV', 'Học sinh sinh viên',            'Students',                     4000000, 5200),
    ('NSVS', 'Nước sạch và vệ sinh môi trường','Water and sanitation',        25000000, 7000),
    ('GQVL', 'Giải quyết việc làm',           'Job creation',               100000000, 5200),
    ('SXKD', 'Sản xuất kinh doanh vùng khó khăn','Business in hard areas',  100000000, 6500),
    ('NOXH', 'Nhà ở xã hội',                  'Social housing',            1000000000, 4000);

CREATE TABLE loans (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    member_id     INTEGER NOT NULL REFERENCES members(id),
    program_code  TEXT NOT NULL REFERENCES programs(code),
    amount        INTEGER NOT NULL CHECK (amount >= 0),
    disbursed_on  TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    rate_ppm      INTEGER NOT NULL CHECK (rate_ppm >= 0),
    extended_to   TEXT,
    CHECK (due_on >= disbursed_on),
    CHECK (extended_to IS NULL OR extended_to >= due_on)
);
CREATE INDEX loans_member ON loans(member_id);

-- Savings may be negative (a withdrawal); principal and interest may not.
CREATE TABLE payments (
    id       INTEGER PRIMARY KEY,
    loan_id  INTEGER NOT NULL REFERENCES loans(id),
    paid_on  TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('principal', 'interest', 'savings')),
    amount   INTEGER NOT NULL CHECK (kind = 'savings' OR amount >= 0),
    period   TEXT CHECK (period IS NULL OR period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    CHECK (kind <> 'interest' OR period IS NOT NULL)
);
CREATE UNIQUE INDEX payments_key ON payments(loan_id, paid_on, kind, ifnull(period, ''));

-- Who did what, when: one row per change made through tkvv.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    who     TEXT NOT NULL,
    action  TEXT NOT NULL,
    entity  TEXT,
    code    TEXT,
    detail  TEXT
);

-- Accent-free search over members: name folded, code, national id, phone
-- digits. External content, kept in step by the triggers below.
CREATE VIRTUAL TABLE member_search USING fts5(
    name_folded, code, national_id, phone_digits,
    content = 'members', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);
CREATE TRIGGER members_search_ai AFTER INSERT ON members BEGIN
    INSERT INTO member_search(rowid, name_folded, code, national_id, phone_digits)
    VALUES (new.id, new.name_folded, new.code, new.national_id, new.phone_digits);
END;
CREATE TRIGGER members_search_ad AFTER DELETE ON members BEGIN
    INSERT INTO member_search(member_search, rowid, name_folded, code, national_id, phone_digits)
    VALUES ('delete', old.id, old.name_folded, old.code, old.national_id, old.phone_digits);
END;
CREATE TRIGGER members_search_au
AFTER UPDATE OF name_folded, code, national_id, phone_digits ON members BEGIN
    INSERT INTO member_search(member_search, rowid, name_folded, code, national_id, phone_digits)
    VALUES ('delete', old.id, old.name_folded, old.code, old.national_id, old.phone_digits);
    INSERT INTO member_search(rowid, name_folded, code, national_id, phone_digits)
    VALUES (new.id, new.name_folded, new.code, new.national_id, new.phone_digits);
END;
