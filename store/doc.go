// Package store is the desk's embedded database (bbolt). It never imports
// Fyne. Public methods own their transactions; helpers take *bolt.Tx.
// Anything outside the database (printing, UI refresh, sync wake-up)
// happens after a commit returns (Options.OnCommit).
//
// # Bucket tree (schema version 4)
//
// Change this tree, add a migration (migrations.go) and its test case
// (migrations_test.go) together.
//
//	meta               cold identity, written at creation and restore
//	  schema_version   → uint64 BE: migrations applied
//	  install_id       → hex: this installation (stable)
//	  incarnation_id   → hex: this copy of the file (new after a restore)
//	  created_at       → RFC 3339
//	  index_key        → 32 random bytes: key of the index hashes (when no Sealer)
//	log                the journal and the hot counters, in one keyspace so that an intake dirties one leaf
//	  'j' seq(8B BE)   → journal entry (journal.go): audit chain link, outbox flag, dossier reference,
//	                     digest of a created record, and — until merged — the new record itself
//	  "mhead"          → seq(8B) ‖ SHA-256(32B): the chain head
//	  "mmerged"        → uint64: journal entries ≤ this carry no unmerged record
//	  "mpending"       → uint64: intakes waiting for the merge
//	  "macked"         → uint64: outbox watermark
//	  "mout", "mackn"  → uint64: outbox events issued / acknowledged (for constant-time stats)
//	  "mc/{agency}/{yyyymmdd}" → uint64: last dossier-code sequence this desk issued that day
//	  "mg/{agency}/{yyyymmdd}" → uint64: last guidance number
//	                     (today's counters only: earlier days move to counters, so that the hot
//	                     keys stay in the journal's last leaf; counters.go)
//	settings           name → JSON document ("office", "desk", …)
//	dossiers           id(8B BE) → record (codec.go: version 1, facts block, body block;
//	                   the body is sealed when a Sealer is configured)
//	codes              dossier code → id(8B BE); "HD:" + guidance number → id(8B BE)
//	by_day             yyyymmdd(4B BE uint32) ‖ id(8B) → ∅      received date
//	by_status          status(1B) ‖ id(8B) → ∅                   national status (0 = guidance record)
//	by_due             unix seconds(8B) ‖ id(8B) → the record's facts block   open dossiers by current
//	                   appointment; the facts let dashboards count overdue dossiers from the index alone
//	by_finished        unix seconds(8B) ‖ id(8B) → ∅              records by end of processing
//	by_owner           token(8B) ‖ id(8B) → ∅    token = HMAC-SHA-256(index key, "id" 0 number)[:8]: owner and submitter ID / tax code
//	by_name            token(8B) ‖ id(8B) → ∅    one per folded name word of owner and submitter
//	by_phone           token(8B) ‖ id(8B) → ∅    phone digits
//	acks               seq(8B) → ∅      outbox events acknowledged above the watermark
//	retry              seq(8B) → JSON   events released from the quarantine
//	quarantine         seq(8B) → JSON {seq, reason, at, attempts}
//	users              username → JSON user record
//	catalog            procedure code → current version hash
//	proc_versions      procedure code ‖ 0x00 ‖ version hash → gzip JSON procedure
//	holidays           "YYYY" → JSON year table (admin overrides of the built-in notices)
//	days               yyyymmdd(4B) → JSON daily close record
//	keys               key id → JSON key record (the desk's signing key, trusted desk keys)
//	counters           "c/{agency}/{yyyymmdd}", "g/{agency}/{yyyymmdd}" → uint64: past days' day
//	                   counters, moved from the log's hot keys at open and at each merge; a counter
//	                   is the larger of its hot and archived values
//
// # Writes
//
// An intake (CreateDossier) is one transaction that allocates the id and
// the code, and appends one journal entry carrying the audit link, the
// outbox flag and the record. The merge (merge.go) moves the record into
// dossiers and writes its code and index entries in a later transaction,
// shortly after the commit; reads and other writes merge first, so nobody
// observes an unindexed record. Every other change (UpdateDossier) writes
// record, index changes and journal entries in one transaction.
//
// Index keys hold keyed hashes, never personal data in clear. Codes and
// counters follow dossier.CodeScheme: a desk issues only numbers of its own
// slot block, and a code once issued is never issued again (allocation
// refuses a code already in the codes bucket).
package store
