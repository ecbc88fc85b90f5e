package wire

import (
	"encoding/json"
	"fmt"
	"strings"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/workday"
)

// Applier applies changes pulled from the hub: dossier events recorded by
// a department, catalog updates and holiday tables. Every change is
// idempotent: a dossier event carries the change id in its Desk field
// ("hub:<id>") and is skipped when the history already has it; catalog and
// holiday updates are content-addressed.
type Applier struct{ d *Desk }

// Applier returns the desk's applier for the sync worker.
func (d *Desk) Applier() *Applier { return &Applier{d} }

var (
	_ syncer.Applier     = (*Applier)(nil)
	_ syncer.CodeFloorer = (*Applier)(nil)
)

// PullCursor reads the cursor from the "sync" setting.
func (a *Applier) PullCursor() (uint64, error) {
	var s struct {
		PullCursor uint64 `json:"pull_cursor"`
	}
	_, err := a.d.DB.GetSetting("sync", &s)
	return s.PullCursor, err
}

// SetPullCursor stores the cursor, keeping the other fields of the setting.
func (a *Applier) SetPullCursor(c uint64) error {
	m := map[string]json.RawMessage{}
	if _, err := a.d.DB.GetSetting("sync", &m); err != nil {
		return err
	}
	b, _ := json.Marshal(c)
	m["pull_cursor"] = b
	return a.d.DB.PutState("sync", m)
}

// Apply applies one change.
func (a *Applier) Apply(c syncproto.Change) error {
	if err := c.Check(); err != nil {
		return fmt.Errorf("%w: %v", syncer.ErrNotApplicable, err)
	}
	switch c.Kind {
	case syncproto.ChangeDossier:
		return a.applyDossier(c)
	case syncproto.ChangeCatalog:
		set, err := catalog.Decode(c.Data)
		if err != nil {
			return fmt.Errorf("%w: catalog %s: %v", syncer.ErrNotApplicable, c.Version, err)
		}
		if _, err := a.d.DB.ImportCatalog(set, "", account.Audit{Actor: "hub:" + c.By, Object: c.Version}); err != nil {
			return err
		}
		return a.d.ReloadCatalog()
	case syncproto.ChangeHolidays:
		t, err := workday.ParseYearTable(c.Data)
		if err != nil {
			return fmt.Errorf("%w: holidays %s: %v", syncer.ErrNotApplicable, c.Version, err)
		}
		if cur, ok, err := a.d.DB.YearTable(t.Year); err == nil && ok && sameTable(cur, t) {
			return nil
		}
		if err := a.d.DB.SaveYearTable(t, account.Audit{Actor: "hub:" + c.By, Detail: "pulled from the hub"}); err != nil {
			return err
		}
		return a.d.ReloadCalendar()
	}
	return fmt.Errorf("%w: unknown change kind %q", syncer.ErrNotApplicable, c.Kind)
}

func sameTable(a, b workday.YearTable) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func (a *Applier) applyDossier(c syncproto.Change) error {
	mark := "hub:" + c.ID
	ev := *c.Event
	// Who: the hub client (a department) and, if given, its user.
	actor := "hub:" + strings.TrimSpace(c.By)
	if u := strings.TrimSpace(ev.Actor); u != "" {
		actor += ":" + u
	}
	ev.Actor = actor
	ev.Desk = mark
	_, err := a.d.DB.UpdateDossier(c.Code, func(d *dossier.Dossier) error {
		for _, h := range d.History {
			if h.Desk == mark {
				return nil // already applied
			}
		}
		if ev.At.Before(d.History[len(d.History)-1].At) {
			ev.At = d.History[len(d.History)-1].At // the desk's clock may be ahead of the hub's
		}
		if err := d.Apply(ev); err != nil {
			return fmt.Errorf("%w: %s: %v", syncer.ErrNotApplicable, c.Code, err)
		}
		return nil
	})
	if dossier.ErrorKind(err) == dossier.KindNotFound {
		return fmt.Errorf("%w: dossier %s is not on this desk", syncer.ErrNotApplicable, c.Code)
	}
	return err
}

// RaiseCodeFloors raises the day counters past the hub's code floors (see
// RaiseCodeFloors).
func (a *Applier) RaiseCodeFloors(codes []string) ([]string, error) {
	return RaiseCodeFloors(a.d.DB, codes)
}

// RaiseCodeFloors raises the desk's day counters past the hub's code
// floors (the highest codes it holds from this installation, per day), so
// a desk restored from an older backup does not issue a printed code
// again; it returns the codes that raised a counter. Only codes of this
// office whose number lies in this desk's block are taken, so a floor
// never touches the numbers of another desk (or of this desk's earlier
// slot, after a slot change).
func RaiseCodeFloors(db *store.DB, codes []string) ([]string, error) {
	sc, err := (&desk.Service{Store: db}).CodeSchemeOfDesk()
	if err != nil {
		return nil, err
	}
	first, end := sc.SeqRange()
	var take []string
	for _, c := range codes {
		agency, _, seq, err := dossier.ParseCode(c)
		if err != nil || agency != sc.Agency || seq < first || seq > end {
			continue
		}
		take = append(take, c)
	}
	return db.RaiseCounters(take, account.Audit{Actor: "hub", Detail: "the hub holds this code from this desk (restored from an older backup?)"})
}
