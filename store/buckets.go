package store

// Bucket and key names. The tree is drawn in doc.go; change both together,
// add a migration and bump the schema when the structure changes.
var (
	bucketMeta       = []byte("meta")          // cold identity keys, see below
	bucketLog        = []byte("log")           // 'j'+seq → journal entry; 'm'+name → hot counters (see journal.go)
	bucketSettings   = []byte("settings")      // name → JSON document
	bucketDossiers   = []byte("dossiers")      // id(8B BE) → dossier record (codec v1)
	bucketCodes      = []byte("codes")         // dossier code, or "HD:"+guidance no → id(8B BE)
	bucketByDay      = []byte("by_day")        // yyyymmdd(4B) id(8B) → ∅
	bucketByStatus   = []byte("by_status")     // status(1B) id(8B) → ∅
	bucketByOwner    = []byte("by_owner")      // token(8B) id(8B) → ∅   (keyed hash of ID number / tax code)
	bucketByName     = []byte("by_name")       // token(8B) id(8B) → ∅   (keyed hash of each folded name word)
	bucketByPhone    = []byte("by_phone")      // token(8B) id(8B) → ∅   (keyed hash of the phone digits)
	bucketByDue      = []byte("by_due")        // unix(8B) id(8B) → facts block (open dossiers by appointment)
	bucketByFinished = []byte("by_finished")   // unix(8B) id(8B) → ∅    (records by end of processing; schema 2)
	bucketAcks       = []byte("acks")          // seq(8B) → ∅            (acknowledged above the watermark)
	bucketRetry      = []byte("retry")         // seq(8B) → ∅            (released from quarantine, to send again)
	bucketQuarantine = []byte("quarantine")    // seq(8B) → JSON {seq, reason, at, attempts}
	bucketUsers      = []byte("users")         // username → JSON user record
	bucketCatalog    = []byte("catalog")       // code → current version hash
	bucketProcVers   = []byte("proc_versions") // code 0x00 hash → gzip JSON procedure
	bucketHolidays   = []byte("holidays")      // year "2026" → JSON year table
	bucketDays       = []byte("days")          // yyyymmdd(4B) → JSON day close record
	bucketKeys       = []byte("keys")          // key id → JSON key record
	bucketCounters   = []byte("counters")      // "c/"|"g/" agency "/" yyyymmdd → uint64 (past days' counters; schema 4)
)

// allBuckets are created by migration 1.
var allBuckets = [][]byte{
	bucketMeta, bucketLog, bucketSettings, bucketDossiers, bucketCodes,
	bucketByDay, bucketByStatus, bucketByOwner, bucketByName, bucketByPhone, bucketByDue,
	bucketAcks, bucketRetry, bucketQuarantine, bucketUsers, bucketCatalog, bucketProcVers,
	bucketHolidays, bucketDays, bucketKeys, bucketByFinished, bucketCounters,
}

// indexBuckets hold the secondary indexes (materialised by merge).
var indexBuckets = [][]byte{bucketCodes, bucketByDay, bucketByStatus, bucketByOwner, bucketByName, bucketByPhone, bucketByDue, bucketByFinished}

// Cold meta keys (written at creation and restore only).
var (
	metaSchema      = []byte("schema_version") // uint64: migrations applied
	metaInstall     = []byte("install_id")     // 16 random bytes, hex: this installation
	metaIncarnation = []byte("incarnation_id") // 16 random bytes, hex: changes when the file is restored
	metaCreated     = []byte("created_at")     // RFC 3339
	metaIndexKey    = []byte("index_key")      // 32 random bytes: key of the index hashes (when no Sealer)
)

// Hot keys in the log bucket, after every journal key ('m' > 'j'), so an
// intake that appends a journal entry and bumps these dirties one leaf.
var (
	hotHead    = []byte("mhead")    // seq(8B) ‖ SHA-256(32B) of the last journal entry (the audit chain head)
	hotMerged  = []byte("mmerged")  // uint64: every record-carrying entry ≤ this is materialised
	hotPending = []byte("mpending") // uint64: record-carrying entries not yet materialised
	hotAcked   = []byte("macked")   // uint64: outbox watermark (every outbox event ≤ it is acknowledged or quarantined)
	hotOutN    = []byte("mout")     // uint64: outbox events ever issued
	hotAckN    = []byte("mackn")    // uint64: outbox events ever acknowledged
	hotCounter = "mc/"              // + agency + "/" + yyyymmdd → uint64: last code sequence issued that day (current days; counters.go)
	hotGuide   = "mg/"              // + agency + "/" + yyyymmdd → uint64: last guidance number that day
)
