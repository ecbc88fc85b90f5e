package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"motcua/desk"
	"motcua/receipt"
	"motcua/store"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/wire"
)

// Sync commands (docs/sync.md):
//
//	sync enroll --hub URL --token T   register this desk with the hub
//	sync push                         send the outbox now; prints events sent and acknowledged
//	sync status                       outbox, quarantine and enrolment
//	sync export OUT                   write a signed USB bundle of the unsent events
//	sync import FILE                  apply the hub's answer bundle
func init() {
	register(&command{
		Name:    "sync",
		Summary: "sync with the provincial hub: enroll|push|status|export|import|quarantine|retry",
		Run: func(e *env, args []string) error {
			return subcommands("sync", args, map[string]func([]string) error{
				"enroll":     func(a []string) error { return syncEnroll(e, a) },
				"push":       func(a []string) error { return syncPush(e, a) },
				"status":     func(a []string) error { return syncStatus(e, a) },
				"export":     func(a []string) error { return syncExport(e, a) },
				"import":     func(a []string) error { return syncImport(e, a) },
				"quarantine": func(a []string) error { return syncQuarantine(e, a) },
				"retry":      func(a []string) error { return syncRetry(e, a) },
			})
		},
	})
}

// syncSetting is the "sync" setting: what enrolment taught the desk.
type syncSetting = wire.SyncSetting

// DeskApplier, when set by the desk service wiring, applies pulled hub
// changes for "sync import"; without it the changes are counted and left
// for the desk app (which pulls them itself when online).
var DeskApplier func(db *store.DB) syncer.Applier

// deskSetup reads the office and desk settings and the desk's signing key.
func deskSetup(db *store.DB) (desk.Office, desk.Desk, syncer.Key, error) {
	var o desk.Office
	var d desk.Desk
	if ok, err := db.GetSetting("office", &o); err != nil || !ok {
		return o, d, syncer.Key{}, fmt.Errorf("the office is not set up yet (run the desk app's first-run setup): %v", err)
	}
	if ok, err := db.GetSetting("desk", &d); err != nil || !ok {
		return o, d, syncer.Key{}, fmt.Errorf("this desk is not set up yet (run the desk app's first-run setup): %v", err)
	}
	if d.KeyID == "" {
		return o, d, syncer.Key{}, fmt.Errorf("this desk has no signing key yet (desk setting key_id is empty)")
	}
	var rec receipt.Record
	found, err := db.GetKey(d.KeyID, &rec)
	if err != nil {
		return o, d, syncer.Key{}, fmt.Errorf("desk key %s: %w", d.KeyID, err)
	}
	if !found {
		return o, d, syncer.Key{}, fmt.Errorf("desk key %s is not in the database", d.KeyID)
	}
	rk, err := rec.Key()
	if err != nil {
		return o, d, syncer.Key{}, err
	}
	if !rk.CanSign() {
		return o, d, syncer.Key{}, fmt.Errorf("desk key %s holds no private key", d.KeyID)
	}
	priv := rk.Private
	k := syncer.Key{Private: priv, ID: d.KeyID}
	return o, d, k, k.Check()
}

func readSync(db *store.DB) (syncSetting, bool, error) {
	var s syncSetting
	ok, err := db.GetSetting("sync", &s)
	return s, ok && s.HubURL != "", err
}

func syncEnroll(e *env, args []string) error {
	fs := flag.NewFlagSet("sync enroll", flag.ContinueOnError)
	hubURL := fs.String("hub", "", "hub address, e.g. https://hub.example:8443")
	token := fs.String("token", "", "one-time token from motcua-hub enroll --office CODE")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *hubURL == "" || *token == "" {
		return usagef("usage: sync enroll --hub URL --token T")
	}
	return e.withDB(func(db *store.DB) error {
		o, d, k, err := deskSetup(db)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		resp, err := syncer.Enroll(ctx, *hubURL, syncproto.EnrollRequest{Token: *token, Install: db.InstallID(), Incarnation: db.IncarnationID(),
			Office: o.AgencyCode, Slot: d.Slot, Slots: o.Slots, KeyID: k.ID, PublicKey: k.Public(), Desk: d.ID}, nil)
		if err != nil {
			return err
		}
		s := syncSetting{HubURL: *hubURL, HubKeyID: resp.HubKeyID, HubPublicKey: resp.HubPublicKey, EnrolledAt: resp.EnrolledAt}
		if old, ok, _ := readSync(db); ok {
			s.PullCursor = old.PullCursor
		}
		if err := db.PutSetting("sync", s, store.Audit{Actor: "motcuactl", Action: "sync.enroll", Object: resp.Office}); err != nil {
			return err
		}
		d.HubURL = *hubURL
		if err := db.PutSetting("desk", d, store.Audit{Actor: "motcuactl", Action: "settings.update", Object: "desk"}); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "enrolled desk %s (office %s, slot %d) with hub %s (hub key %s)\n", d.ID, resp.Office, resp.Slot, *hubURL, resp.HubKeyID)
		return nil
	})
}

func syncPush(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("usage: sync push")
	}
	return e.withDB(func(db *store.DB) error {
		s, ok, err := readSync(db)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("this desk is not enrolled with a hub (run: motcuactl sync enroll --hub URL --token T)")
		}
		_, _, k, err := deskSetup(db)
		if err != nil {
			return err
		}
		c, err := syncer.NewClient(s.HubURL, k, nil, nil)
		if err != nil {
			return err
		}
		w, err := syncer.New(syncer.Options{Store: db, Client: c})
		if err != nil {
			return err
		}
		ctx := context.Background()
		res, err := w.RunOnce(ctx)
		fmt.Fprintf(e.Stdout, "sent %d events in %d batches: %d acknowledged (%d duplicates), %d rejected (quarantined)\n",
			res.Sent, res.Batches, res.Acked, res.Duplicates, res.Rejected)
		if err != nil {
			return err
		}
		// The hub's changes are the desk app's to apply; only its code
		// floors are taken here (one change asked for, none applied), so
		// a desk restored from an older backup stops short of reissuing
		// a code before its first intake.
		p, err := c.PullWithFloors(ctx, s.PullCursor, 1)
		if err != nil {
			return fmt.Errorf("read the hub's code floors: %w", err)
		}
		raised, err := wire.RaiseCodeFloors(db, p.CodeFloors)
		if err != nil {
			return fmt.Errorf("raise day counters past the hub's codes: %w", err)
		}
		if len(raised) > 0 {
			fmt.Fprintf(e.Stdout, "day counters raised past codes the hub holds from this desk: %s\n", strings.Join(raised, ", "))
		}
		return nil
	})
}

func syncStatus(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("usage: sync status")
	}
	return e.withDB(func(db *store.DB) error {
		st, err := db.OutboxStats()
		if err != nil {
			return err
		}
		s, enrolled, err := readSync(db)
		if err != nil {
			return err
		}
		if enrolled {
			fmt.Fprintf(e.Stdout, "hub: %s (hub key %s, enrolled %s)\n", s.HubURL, s.HubKeyID, s.EnrolledAt.In(time.Local).Format("2006-01-02 15:04"))
		} else {
			fmt.Fprintln(e.Stdout, "hub: not enrolled")
		}
		fmt.Fprintf(e.Stdout, "install: %s  incarnation: %s\n", db.InstallID(), db.IncarnationID())
		fmt.Fprintf(e.Stdout, "pending: %d  quarantined: %d  last sequence: %d  acknowledged through: %d  pull cursor: %d\n",
			st.Pending, st.Quarantined, st.LastSeq, st.Acked, s.PullCursor)
		q, err := db.QuarantineList()
		if err != nil {
			return err
		}
		for _, x := range q {
			fmt.Fprintf(e.Stdout, "quarantined %d (%s, %d attempts): %s\n", x.Seq, x.At.In(time.Local).Format("2006-01-02 15:04"), x.Attempts, x.Reason)
		}
		return nil
	})
}

func syncExport(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("usage: sync export OUT (a file on the USB stick)")
	}
	return e.withDB(func(db *store.DB) error {
		o, _, k, err := deskSetup(db)
		if err != nil {
			return err
		}
		s, _, err := readSync(db)
		if err != nil {
			return err
		}
		out := args[0]
		tmp := out + ".tmp"
		f, err := os.Create(tmp)
		if err != nil {
			return err
		}
		res, err := syncer.ExportBundle(f, db, k, o.AgencyCode, s.PullCursor, time.Now())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp)
			return err
		}
		if err := os.Rename(tmp, out); err != nil {
			return err
		}
		m := res.Manifest
		fmt.Fprintf(e.Stdout, "wrote %s: %d events (sequences %d–%d), signed with key %s\n", filepath.Clean(out), m.Events, m.First, m.Last, m.KeyID)
		if res.Remaining > 0 {
			fmt.Fprintf(e.Stdout, "%d more events wait for the next bundle\n", res.Remaining)
		}
		return nil
	})
}

// cursorApplier keeps the pull cursor in the "sync" setting and delegates
// changes to the desk service's applier (or skips them when there is none).
type cursorApplier struct {
	db      *store.DB
	inner   syncer.Applier
	skipped int
}

func (a *cursorApplier) PullCursor() (uint64, error) {
	if a.inner != nil {
		return a.inner.PullCursor()
	}
	s, _, err := readSync(a.db)
	return s.PullCursor, err
}

func (a *cursorApplier) SetPullCursor(c uint64) error {
	if a.inner != nil {
		return a.inner.SetPullCursor(c)
	}
	return nil // without an applier the cursor does not move: the desk app pulls the changes itself
}

// RaiseCodeFloors raises the day counters past the hub's code floors,
// with or without the desk's applier.
func (a *cursorApplier) RaiseCodeFloors(codes []string) ([]string, error) {
	return wire.RaiseCodeFloors(a.db, codes)
}

func (a *cursorApplier) Apply(c syncproto.Change) error {
	if a.inner != nil {
		return a.inner.Apply(c)
	}
	a.skipped++
	return nil
}

func syncImport(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("usage: sync import FILE (the hub's answer bundle)")
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		s, ok, err := readSync(db)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("this desk is not enrolled with a hub, so it cannot check the answer's signature")
		}
		a := &cursorApplier{db: db}
		if DeskApplier != nil {
			a.inner = DeskApplier(db)
		}
		res, err := syncer.ImportAnswer(data, db, a, s.HubPublicKey, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "answer for %d events: %d acknowledged (%d duplicates), %d rejected (quarantined); %d hub changes applied\n",
			res.Sent, res.Acked, res.Duplicates, res.Rejected, res.Applied-a.skipped)
		if a.skipped > 0 {
			fmt.Fprintf(e.Stdout, "%d hub changes not applied here: the desk app applies them\n", a.skipped)
		}
		return nil
	})
}

// syncQuarantine lists the events the hub rejected: SEQ<TAB>ATTEMPTS<TAB>AT<TAB>REASON.
func syncQuarantine(e *env, args []string) error {
	if _, err := parseInterspersed(flag.NewFlagSet("sync quarantine", flag.ContinueOnError), args); err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		qs, err := db.QuarantineList()
		if err != nil {
			return err
		}
		for _, q := range qs {
			fmt.Fprintf(e.Stdout, "%d\t%d\t%s\t%s\n", q.Seq, q.Attempts, q.At.Format("2006-01-02 15:04"), q.Reason)
		}
		return nil
	})
}

// syncRetry releases quarantined events to be sent again: SEQ... or --all.
func syncRetry(e *env, args []string) error {
	fs := flag.NewFlagSet("sync retry", flag.ContinueOnError)
	all := fs.Bool("all", false, "retry every quarantined event")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if !*all && len(pos) == 0 {
		return usagef("usage: sync retry SEQ... | --all")
	}
	return e.withDB(func(db *store.DB) error {
		var seqs []uint64
		if *all {
			qs, err := db.QuarantineList()
			if err != nil {
				return err
			}
			for _, q := range qs {
				seqs = append(seqs, q.Seq)
			}
		}
		for _, p := range pos {
			n, err := strconv.ParseUint(p, 10, 64)
			if err != nil {
				return usagef("%q is not an event sequence number", p)
			}
			seqs = append(seqs, n)
		}
		for _, n := range seqs {
			if err := db.Retry(n); err != nil {
				return err
			}
		}
		fmt.Fprintf(e.Stdout, "%d events released for the next push\n", len(seqs))
		return nil
	})
}
