//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/store"
	"motcua/wire"
)

// benchSize: bytes on disk per dossier at 1M (the whole file: records,
// indexes, outbox, audit, free pages), ≤ 2 KB (issue 10); baseline: the
// same dossiers as JSON lines (estimated from an evenly spread sample).
func (s *suite) benchSize(ctx context.Context) ([]Row, error) {
	st, err := os.Stat(s.big.DB())
	if err != nil {
		return nil, err
	}
	n := s.big.Meta.Dossiers
	db, err := wire.OpenStore(s.big.DB(), store.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	t0 := time.Now()
	sp, err := db.Space()
	if err != nil {
		return nil, err
	}
	spaceTime := time.Since(t0)
	// Baseline: JSON lines of a spread sample of whole records.
	const sample = 20000
	var jsonBytes int64
	k := min(sample, n)
	for i := range k {
		if i%2000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		id := uint64(1 + i*(n-1)/max(k-1, 1))
		d, err := db.DossierByID(id)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", id, err)
		}
		b, err := json.Marshal(d)
		if err != nil {
			return nil, err
		}
		jsonBytes += int64(len(b)) + 1
	}
	per := float64(st.Size()) / float64(n)
	base := float64(jsonBytes) / float64(k)
	row := Row{ID: "size", Target: fmt.Sprintf("store size per dossier (%s dossiers)", thousands(n)),
		Measured: fmt.Sprintf("%.0f B", per), Baseline: fmt.Sprintf("%.0f B", base), Ratio: ratio(per, base), Goal: "≤ 2 KB (2048 B)",
		Value: per, BaselineValue: base, Unit: "bytes/dossier", Samples: 1,
		BaselineIs: fmt.Sprintf("the same dossiers as JSON lines (json.Marshal of the decoded record, %d records spread over the store)", k)}
	row.judge(per <= 2048)
	db.Close()
	free, err := boltFreePages(s.big.DB())
	if err != nil {
		return nil, err
	}
	row.note("file %s (%s bytes) for %d dossiers; free pages inside the file %d (%s, page size %d); Space() walk %s",
		mib(st.Size()), thousands64(st.Size()), n, free, mib(int64(free*sp.PageSize)), sp.PageSize, dur(spaceTime))
	bs := slices.Clone(sp.Buckets)
	slices.SortFunc(bs, func(a, b store.BucketStats) int { return b.Bytes - a.Bytes })
	var parts []string
	var sum int
	for _, b := range bs {
		sum += b.Bytes
		if b.Bytes*200 < int(st.Size()) { // under 0.5 %
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %.0f B (%d keys, %.0f%% used)", b.Name, float64(b.Bytes)/float64(n), b.Keys, 100*float64(b.InUse)/float64(max(b.Bytes, 1))))
	}
	row.note("per dossier by bucket (pages allocated): %s; buckets total %.0f B, file %.0f B", strings.Join(parts, "; "), float64(sum)/float64(n), per)
	return []Row{row}, nil
}

// boltFreePages opens a bbolt file directly (read-write, which loads its
// freelist; nothing is written) and returns the number of free pages: the
// freelist bbolt rewrites at every commit.
func boltFreePages(path string) (int, error) {
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return 0, err
	}
	defer b.Close()
	return b.Stats().FreePageN, nil
}

func thousands(n int) string { return thousands64(int64(n)) }

func thousands64(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands64(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
