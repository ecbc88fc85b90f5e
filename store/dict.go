package store

import (
	"sync"

	bolt "go.etcd.io/bbolt"

	"motcua/catalog"
	"motcua/desk"
)

// dictCache holds decoded catalog versions for the record codec. Versions
// never change once stored, so entries never go stale.
type dictCache struct {
	m sync.Map // code "\x00" version → *procDict (nil entries are not cached)
}

func newProcDict(p *catalog.Procedure) *procDict {
	ref := desk.ProcedureRef(p)
	pd := &procDict{name: ref.Name, fieldName: ref.FieldName, level: ref.Level, agency: ref.Agency}
	cases := p.Cases
	if len(cases) == 0 {
		cases = []catalog.Case{{}}
	}
	for _, c := range cases {
		items, _ := desk.Checklist(&catalog.Procedure{Code: p.Code, Cases: []catalog.Case{c}}, c.Name)
		pd.cases = append(pd.cases, caseDict{name: c.Name, comps: items})
	}
	return pd
}

// dict returns the dictionary of the record codec inside tx.
func (db *DB) dict(tx *bolt.Tx) dictionary {
	return func(code, version string) *procDict {
		key := code + "\x00" + version
		if v, ok := db.dicts.m.Load(key); ok {
			return v.(*procDict)
		}
		raw := tx.Bucket(bucketProcVers).Get(versionKey(code, version))
		if raw == nil {
			return nil
		}
		p, err := decodeVersion(raw)
		if err != nil {
			return nil
		}
		pd := newProcDict(p)
		db.dicts.m.Store(key, pd)
		return pd
	}
}
