-- A client's preferences and alerts beside its facts, so that a page of the
-- client list is one read of client_summaries. Before, each page also looked
-- them up in waiting_list_entries and alert_schedule, which cost as much as
-- the page itself. Those tables stay: they answer the waiting list of a
-- location and the alert inbox. The text forms are defined in columns.rs:
--   preferences  'location-3 provider-47000001' (rank order, '' when none)
--   alerts       'kind,opens_on,deadline,provider;…' (urgency order, '' when none)

ALTER TABLE client_summaries ADD COLUMN preferences TEXT NOT NULL DEFAULT '';
ALTER TABLE client_summaries ADD COLUMN alerts TEXT NOT NULL DEFAULT '';

-- A database written before has both tables filled: copy them over.
UPDATE client_summaries SET
    preferences = coalesce(
        (SELECT group_concat(target, ' ' ORDER BY preference_rank)
           FROM waiting_list_entries AS entry WHERE entry.client = client_summaries.client), ''),
    alerts = coalesce(
        (SELECT group_concat(kind || ',' || opens_on || ',' || coalesce(deadline, '') || ',' || coalesce(provider, ''),
                             ';' ORDER BY kind_rank)
           FROM alert_schedule AS alert WHERE alert.client = client_summaries.client), '');
