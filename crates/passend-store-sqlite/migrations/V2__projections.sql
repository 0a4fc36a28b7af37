-- Projections: derived from the log in the same transaction as each append,
-- and rebuilt from it by `passend rebuild`. Never the record.

-- One row per client: the facts of its case summary. Its preferences are
-- its waiting-list rows and its alerts its alert rows, so nothing is stored twice.
CREATE TABLE client_summaries (
    client            INTEGER PRIMARY KEY,
    region            INTEGER NOT NULL, -- COD001
    care_profile      INTEGER,          -- COD163
    delivery_form     TEXT,
    dossierhouder     TEXT,             -- AGB code
    first_contact_due TEXT,
    first_contact_on  TEXT,
    status            TEXT,
    classification    TEXT,
    status_since      TEXT,
    waiting_since     TEXT,
    norm_due          TEXT,
    refusals          INTEGER NOT NULL,
    placed_at         INTEGER,
    bridging          INTEGER NOT NULL,
    ended_on          TEXT
);

-- Waiting lists: one row per (location or provider, waiting client).
CREATE TABLE waiting_list_entries (
    target          TEXT    NOT NULL, -- 'location-3' or 'provider-47000001'
    client          INTEGER NOT NULL,
    preference_rank INTEGER NOT NULL,
    order_group     INTEGER NOT NULL,
    waiting_since   TEXT    NOT NULL,
    PRIMARY KEY (target, client)
) WITHOUT ROWID;

CREATE INDEX waiting_list_entries_by_client ON waiting_list_entries (client, preference_rank);

-- Distinct waiting persons per cell.
CREATE TABLE region_counts (
    region   INTEGER NOT NULL,
    sector   TEXT    NOT NULL, -- '' when the client has no care profile
    status   TEXT    NOT NULL,
    bridging INTEGER NOT NULL,
    persons  INTEGER NOT NULL,
    PRIMARY KEY (region, sector, status, bridging)
) WITHOUT ROWID;

-- The alerts of every case with the day each opens: "open on day D" is
-- `opens_on <= D`.
CREATE TABLE alert_schedule (
    client    INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    kind_rank INTEGER NOT NULL, -- urgency: lower is more urgent
    opens_on  TEXT    NOT NULL,
    deadline  TEXT,
    provider  TEXT,
    region    INTEGER NOT NULL,
    PRIMARY KEY (client, kind_rank)
) WITHOUT ROWID;

CREATE INDEX alert_schedule_by_urgency ON alert_schedule (kind_rank, opens_on);
