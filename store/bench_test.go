package store

import (
	"flag"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
)

var benchPrefill = flag.Int("bench.prefill", 50000, "records already in the store for BenchmarkReceiveVsBareCommit")

// BenchmarkReceiveVsBareCommit measures receiving one dossier (the intake
// transaction: id, code and day counter, and the journal entry that is at
// once the record, the outbox event and the audit link; fsync) against a
// bare single-key bbolt commit with fsync on the same disk, interleaved in
// one run. It reports the median of each and their ratio (target ≤ 1.5,
// issue 2). The merge that writes the record's index entries runs in the
// background as in production, and its commits compete with the intakes.
//
// The sub-benchmark indexes-in-tx writes the record, its code and its
// index entries inside the intake transaction instead: the design the
// journal replaced, kept measurable so the choice can be re-checked
// (≈ 3× on the development machine).
func BenchmarkReceiveVsBareCommit(b *testing.B) {
	b.Run("journal", func(b *testing.B) { benchReceive(b, false) })
	b.Run("indexes-in-tx", func(b *testing.B) { benchReceive(b, true) })
}

func benchReceive(b *testing.B, inline bool) {
	dir := b.TempDir()
	db, err := Open(filepath.Join(dir, "motcua.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// Prefill so the B+trees have realistic depth.
	start := time.Date(2025, 1, 2, 8, 0, 0, 0, dossier.Zone)
	batch := make([]*dossier.Dossier, 0, 5000)
	for i := 0; i < *benchPrefill; i++ {
		batch = append(batch, sampleDossier(start.Add(time.Duration(i)*20*time.Minute), i))
		if len(batch) == cap(batch) || i == *benchPrefill-1 {
			if err := db.BulkCreate(batch, dossier.DefaultCodeScheme("000.00.06.H56", 1, 1), BulkOptions{Outbox: true}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	db.mergeInline = inline
	bare, err := bolt.Open(filepath.Join(dir, "bare.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	bare.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("k")); return err })
	value := make([]byte, 600)
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, dossier.Zone)
	var tBare, tRecv []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		err := bare.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("k")).Put(u64(uint64(i)), value) })
		t1 := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		d := sampleDossier(now.Add(time.Duration(i)*time.Second), i)
		t2 := time.Now()
		if err := db.CreateDossier(d, testScheme); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		tBare = append(tBare, t1.Sub(t0))
		tRecv = append(tRecv, t3.Sub(t2))
	}
	b.StopTimer()
	if inline {
		if n, err := db.pending(); err != nil || n != 0 {
			b.Fatalf("indexes-in-tx left %d intakes unmerged (%v)", n, err)
		}
	}
	mb, mr := median(tBare), median(tRecv)
	b.ReportMetric(float64(mb.Microseconds()), "bare-µs")
	b.ReportMetric(float64(mr.Microseconds()), "receive-µs")
	b.ReportMetric(float64(mr)/float64(mb), "ratio")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
