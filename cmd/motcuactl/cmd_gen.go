package main

import (
	"flag"
	"fmt"
	"sort"
	"time"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
	"motcua/synth"
	"motcua/wire"
)

// motcuactl gen --dossiers N [--days D] [--seed S] [--outbox]
//
// Fills the database with N synthetic but realistic dossiers received over
// the last D days (default 365) up to now, marked as generated. On a
// database that is not set up it first creates a demo office (agency
// 000.00.00.H99, one slot) — clearly named as generated data.

func init() {
	register(&command{Name: "gen", Summary: "generate realistic synthetic dossiers (gen --dossiers N)", Run: runGen})
}

// demoOffice is the setup gen creates on an empty database.
func demoOffice() (desk.Office, desk.Desk) {
	o := desk.DefaultOffice()
	o.Name = "Trung tâm Phục vụ hành chính công (dữ liệu mô phỏng)"
	o.ParentAgency = "UBND TỈNH MẪU"
	o.AgencyCode = "000.00.00.H99"
	o.Place = "Tỉnh Mẫu"
	o.Slots = 1
	return o, desk.Desk{ID: "quay-01", Number: 1, Slot: 1}
}

func runGen(e *env, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fs.Int("dossiers", 0, "number of dossiers to generate")
	days := fs.Int("days", 365, "spread receipts over this many past days")
	seed := fs.Uint64("seed", 1, "random seed (same seed, same data)")
	outbox := fs.Bool("outbox", false, "queue the generated dossiers for sync")
	batch := fs.Int("batch", 10000, "dossiers per transaction")
	compact := fs.Bool("compact", true, "compact the database afterwards (bulk loading leaves free pages that every later commit would rewrite)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *n <= 0 || *days <= 0 || *batch <= 0 {
		return usagef("usage: gen --dossiers N [--days D] [--seed S] [--outbox]")
	}
	start := time.Now()
	return e.withDesk(func(dk *wire.Desk) error {
		o, d, err := dk.Service.Config()
		if err == desk.ErrNotConfigured {
			o, d = demoOffice()
			if err := dk.DB.PutSetting(desk.SettingOffice, o, account.Audit{Actor: operator(), Action: "setup.office", Object: o.AgencyCode, Detail: "generated demo office"}); err != nil {
				return err
			}
			if err := dk.DB.PutSetting(desk.SettingDesk, d, account.Audit{Actor: operator(), Action: "setup.desk", Object: d.ID, Detail: "generated demo desk"}); err != nil {
				return err
			}
			fmt.Fprintf(e.Stderr, "gen: the database was not set up; created the demo office %s\n", o.AgencyCode)
		} else if err != nil {
			return err
		}
		off, err := o.OfficeHours()
		if err != nil {
			return err
		}
		now := time.Now().In(dossier.Zone)
		g, err := synth.New(dk.Set(), dk.Calendar(), off, d.ID, now, *seed)
		if err != nil {
			return err
		}
		wdays := g.Days(now.AddDate(0, 0, -*days), dossier.Day(now).AddDate(0, 0, 1))
		if len(wdays) == 0 {
			return usagef("no working day in the last %d days", *days)
		}
		scheme := o.CodeScheme(d)
		first, last := scheme.SeqRange()
		perDay := (*n + len(wdays) - 1) / len(wdays)
		if perDay > last-first+1 {
			return fmt.Errorf("%d dossiers over %d working days is %d a day, more than the %d numbers of desk slot %d; use more --days", *n, len(wdays), perDay, last-first+1, d.Slot)
		}
		// One goroutine generates batches while this one commits them: the
		// two halves of the work run on two cores.
		type result struct {
			batch []*dossier.Dossier
			err   error
		}
		batches := make(chan result, 2)
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			defer close(batches)
			buf := make([]*dossier.Dossier, 0, *batch)
			send := func(r result) bool {
				select {
				case batches <- r:
					return true
				case <-stop:
					return false
				}
			}
			for i, day := range wdays {
				k := *n / len(wdays)
				if i < *n%len(wdays) {
					k++
				}
				today := make([]*dossier.Dossier, 0, k)
				for range k {
					x, err := g.Dossier(day)
					if err != nil {
						send(result{err: err})
						return
					}
					if x.ReceivedAt.After(now) {
						x.ReceivedAt = now
					}
					today = append(today, x)
				}
				sort.SliceStable(today, func(a, b int) bool { return today[a].ReceivedAt.Before(today[b].ReceivedAt) })
				for _, x := range today {
					buf = append(buf, x)
					if len(buf) == *batch {
						if !send(result{batch: buf}) {
							return
						}
						buf = make([]*dossier.Dossier, 0, *batch)
					}
				}
			}
			if len(buf) > 0 {
				send(result{batch: buf})
			}
		}()
		made := 0
		for r := range batches {
			if r.err != nil {
				return r.err
			}
			if err := dk.DB.BulkCreate(r.batch, scheme, store.BulkOptions{Outbox: *outbox}); err != nil {
				return err
			}
			made += len(r.batch)
			fmt.Fprintf(e.Stderr, "\rgen: %d / %d dossiers (%.0f/s)", made, *n, float64(made)/time.Since(start).Seconds())
		}
		fmt.Fprintln(e.Stderr)
		if err := dk.DB.Audit(store.Audit{Actor: operator(), Action: "gen", Detail: fmt.Sprintf("%d generated dossiers, seed %d", made, *seed)}); err != nil {
			return err
		}
		if *compact {
			if err := dk.Close(); err != nil {
				return err
			}
			before, after, err := wire.CompactStore(dk.DB.Path())
			if err != nil {
				return fmt.Errorf("compact: %w", err)
			}
			fmt.Fprintf(e.Stderr, "gen: compacted %d → %d bytes\n", before, after)
		}
		fmt.Fprintf(e.Stdout, "generated %d dossiers over %d working days in %s\n", made, len(wdays), time.Since(start).Round(time.Second))
		return nil
	})
}
