// Package store is the desk's embedded database (bbolt). It never imports
// Fyne. Public methods own their transactions; helpers take *bolt.Tx.
// Anything outside the database (printing, UI refresh, sync wake-up)
// happens after a commit returns (Options.OnCommit).
//
// # Bucket tree (schema version 1)
//
// Change this tree, add a migration (migrations.go) and its test case
// (migrations_test.go) together.
//
//	meta
//	  schema_version   → uint64 BE: migrations applied
//	  install_id       → hex: this installation (stable)
//	  incarnation_id   → hex: this copy of the file (new after a restore)
//	  created_at       → RFC 3339
//	  index_key        → 32 random bytes: key of the index hashes (when no Sealer)
//	  audit_head       → seq(8B BE) ‖ SHA-256(32B) of the last audit entry
//	  outbox_seq       → uint64 BE: last outbox sequence issued (never reused)
//	  outbox_acked     → uint64 BE: highest sequence the hub acknowledged
//	settings           name → JSON document ("office", "desk", …)
//	dossiers           id(8B BE) → record (codec.go: version 1, facts block, body block;
//	                   the body is sealed when a Sealer is configured)
//	codes              dossier code → id(8B BE)
//	                   "HD:" + guidance number → id(8B BE)
//	counters           "code/{agency}/{yyyymmdd}" → uint64 BE: last sequence issued that day by this desk
//	                   "guidance/{agency}/{yyyymmdd}" → uint64 BE
//	by_day             yyyymmdd(4B BE uint32) ‖ id(8B) → ∅      received date
//	by_status          status(1B) ‖ id(8B) → ∅                   national status (0 = guidance record)
//	by_due             unix seconds(8B) ‖ id(8B) → ∅              open dossiers by current appointment
//	by_owner           token(8B) ‖ id(8B) → ∅    token = HMAC-SHA-256(index key, "id" 0 number)[:8], owner and submitter ID / tax code
//	by_name            token(8B) ‖ id(8B) → ∅    one per folded name word of owner and submitter
//	by_phone           token(8B) ‖ id(8B) → ∅    phone digits
//	outbox             seq(8B BE) → syncproto event JSON (sealed when a Sealer is configured)
//	quarantine         seq(8B BE) → JSON {seq, reason, at, attempts, payload}
//	audit              seq(8B BE) → 0x01 time actor action object detail prev-hash(32B)
//	users              username → JSON user record
//	catalog            procedure code → current version hash
//	proc_versions      procedure code ‖ 0x00 ‖ version hash → gzip JSON procedure
//	holidays           "YYYY" → JSON year table (admin overrides of the built-in notices)
//	days               yyyymmdd(4B) → JSON daily close record
//	keys               key id → JSON key record (the desk's signing key, trusted desk keys)
//
// Index keys hold keyed hashes, never personal data in clear. Codes and
// counters follow dossier.CodeScheme: a desk issues only numbers of its own
// slot block, and a code once issued is never issued again (CreateDossier
// refuses if the code bucket already has it).
package store
