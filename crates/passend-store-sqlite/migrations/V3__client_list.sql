-- The client list: what lists, search and the waiting lists of a region
-- filter and sort on, beside the facts already in client_summaries.
--
-- A database migrated from V2 has these columns empty (birth_date '') until
-- `passend rebuild` fills them; reading a summary before that fails loudly.

ALTER TABLE client_summaries ADD COLUMN name TEXT;
ALTER TABLE client_summaries ADD COLUMN bsn TEXT;                          -- nine digits
ALTER TABLE client_summaries ADD COLUMN birth_date TEXT NOT NULL DEFAULT '';
ALTER TABLE client_summaries ADD COLUMN oco_consent INTEGER;               -- OCO organisation id
ALTER TABLE client_summaries ADD COLUMN sector TEXT;                       -- of the care profile; NULL without one
ALTER TABLE client_summaries ADD COLUMN order_group INTEGER;               -- waiting-order group; NULL when not waiting

-- The waiting list of a region in the default order: a range of this index
-- is already sorted, so a page reads its rows and stops. Sector and status
-- ride along so that filtering on them needs no table row.
CREATE INDEX client_summaries_by_waiting_order
    ON client_summaries (region, order_group, waiting_since, client, sector, status);

-- The clients of a provider (its dossiers and its residents), of an OCO, and
-- search by BSN. Clients without the value are left out of the index.
CREATE INDEX client_summaries_by_dossierhouder ON client_summaries (dossierhouder) WHERE dossierhouder IS NOT NULL;
CREATE INDEX client_summaries_by_placement ON client_summaries (placed_at) WHERE placed_at IS NOT NULL;
CREATE INDEX client_summaries_by_oco ON client_summaries (oco_consent) WHERE oco_consent IS NOT NULL;
CREATE INDEX client_summaries_by_bsn ON client_summaries (bsn) WHERE bsn IS NOT NULL;
