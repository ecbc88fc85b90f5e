package store

// Bucket and key names. The tree is drawn in doc.go; change both together,
// add a migration and bump schemaVersion when the structure changes.
var (
	bucketMeta       = []byte("meta")          // key → value, see meta keys below
	bucketSettings   = []byte("settings")      // name → JSON document
	bucketDossiers   = []byte("dossiers")      // id(8B BE) → dossier record (codec v1)
	bucketCodes      = []byte("codes")         // dossier code or "HD:"+guidance no → id(8B BE)
	bucketCounters   = []byte("counters")      // counter name → uint64 (8B BE)
	bucketByDay      = []byte("by_day")        // yyyymmdd(4B) id(8B) → nil
	bucketByStatus   = []byte("by_status")     // status(1B) id(8B) → nil
	bucketByOwner    = []byte("by_owner")      // token(8B) id(8B) → nil   (keyed hash of the owner's ID number)
	bucketByName     = []byte("by_name")       // token(8B) id(8B) → nil   (keyed hash of each folded name word)
	bucketByPhone    = []byte("by_phone")      // token(8B) id(8B) → nil   (keyed hash of the phone digits)
	bucketByDue      = []byte("by_due")        // unix(8B) id(8B) → nil    (open dossiers by appointment)
	bucketOutbox     = []byte("outbox")        // seq(8B) → sealed syncproto event
	bucketQuarantine = []byte("quarantine")    // seq(8B) → JSON {reason, at, attempts}
	bucketAudit      = []byte("audit")         // seq(8B) → audit entry (with the previous entry's hash)
	bucketUsers      = []byte("users")         // username → JSON user record
	bucketCatalog    = []byte("catalog")       // code → current version hash
	bucketProcVers   = []byte("proc_versions") // code 0x00 hash → gzip JSON procedure
	bucketHolidays   = []byte("holidays")      // year "2026" → JSON year table
	bucketDays       = []byte("days")          // yyyymmdd(4B) → JSON day close record
	bucketKeys       = []byte("keys")          // key id → JSON key record (desk signing key, trusted keys)
)

// allBuckets are created by Open (migration 1 and later ones).
var allBuckets = [][]byte{
	bucketMeta, bucketSettings, bucketDossiers, bucketCodes, bucketCounters,
	bucketByDay, bucketByStatus, bucketByOwner, bucketByName, bucketByPhone, bucketByDue,
	bucketOutbox, bucketQuarantine, bucketAudit, bucketUsers, bucketCatalog, bucketProcVers,
	bucketHolidays, bucketDays, bucketKeys,
}

// Meta keys.
var (
	metaSchema      = []byte("schema_version") // uint64: the last migration applied
	metaInstall     = []byte("install_id")     // 16 random bytes, hex: this installation
	metaIncarnation = []byte("incarnation_id") // 16 random bytes, hex: changes when the file is restored from a backup
	metaCreated     = []byte("created_at")     // RFC 3339
	metaAuditHead   = []byte("audit_head")     // seq(8B) hash(32B) of the last audit entry
	metaOutboxAcked = []byte("outbox_acked")   // uint64: highest sequence acknowledged by the hub
	metaIndexKey    = []byte("index_key")      // 32 random bytes: key of the personal-data index hashes
	metaLastSeq     = []byte("outbox_seq")     // uint64: last outbox sequence issued (never reused, even after acks)
)
