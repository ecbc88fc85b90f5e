package store

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// BucketStats is the space one bucket uses.
type BucketStats struct {
	Name   string `json:"name"`
	Keys   int    `json:"keys"`
	Bytes  int    `json:"bytes"`  // pages allocated (branch + leaf, incl. inline)
	InUse  int    `json:"in_use"` // bytes actually used in them
	Depth  int    `json:"depth"`
	Leaves int    `json:"leaves"`
}

// SpaceStats reports the file size, the free pages and each bucket's use.
type SpaceStats struct {
	FileBytes int64         `json:"file_bytes"`
	FreeBytes int           `json:"free_bytes"`
	PageSize  int           `json:"page_size"`
	Buckets   []BucketStats `json:"buckets"`
}

// Space measures the database (it walks every page: O(size); for
// maintenance and benchmarks, not start-up).
func (db *DB) Space() (SpaceStats, error) {
	var s SpaceStats
	st, err := os.Stat(db.path)
	if err != nil {
		return s, err
	}
	s.FileBytes = st.Size()
	s.PageSize = db.bolt.Info().PageSize
	s.FreeBytes = db.bolt.Stats().FreeAlloc
	err = db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			bs := b.Stats()
			s.Buckets = append(s.Buckets, BucketStats{
				Name: string(name), Keys: bs.KeyN, Depth: bs.Depth, Leaves: bs.LeafPageN,
				Bytes: bs.BranchAlloc + bs.LeafAlloc + bs.InlineBucketInuse,
				InUse: bs.BranchInuse + bs.LeafInuse + bs.InlineBucketInuse,
			})
		}
		return nil
	})
	return s, err
}
