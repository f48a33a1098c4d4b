-- Intermediaries: the incremental update at a million transactions (issue 5, acceptance 3).
--
-- A hub agent (a registered clerk with a thousand cases in the window) cannot have every
-- identifier on their cases looked up at each ingest. The full run records, per hub, the
-- identifiers on the hub's window rows that two or more principals used (the only ones whose
-- counts can reach a threshold without a transaction written since the run, to which later
-- ones are added); an incremental update looks up only those, and knows the others' counts
-- are one (services/intermediaries/hub-identifiers.ts). `registered` is a
-- digest of the registered phones the run left out of the counts: when they change, the
-- records no longer apply.
CREATE TABLE intermediary_hub (
  agent_id_number TEXT PRIMARY KEY,
  phones TEXT[] NOT NULL,
  booker_phones TEXT[] NOT NULL,
  booker_accounts TEXT[] NOT NULL,
  registered TEXT NOT NULL,
  run_id BIGINT NOT NULL
);

-- Up to which transaction (seq) the hubs' records include the identifiers of transactions
-- written since the run: the ingest hook adds a new transaction's identifiers to the records
-- of the hubs whose rows carry them; transactions beyond `seen_seq` are read by the update.
CREATE TABLE intermediary_hub_state (
  run_id BIGINT PRIMARY KEY,
  seen_seq BIGINT NOT NULL
);
