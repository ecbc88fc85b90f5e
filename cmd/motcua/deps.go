package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/forms"
	"motcua/report"
	"motcua/report/xlsx"
	"motcua/store"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/ui"
	"motcua/ui/admin"
	"motcua/ui/dossierui"
	"motcua/ui/intake"
	"motcua/ui/supervisor"
	"motcua/wire"
	"motcua/workday"
)

// newDeps builds the UI's dependencies from the opened desk and registers
// the intake, dossier and supervisor screens. worker is the sync worker
// (nil without a hub), relay carries its progress to the sync panel.
func newDeps(d *wire.Desk, worker *syncer.Worker, relay *supervisor.ProgressRelay) ui.Deps {
	deps := ui.Deps{
		Service:    d.Service,
		Finder:     d.DB,
		Catalog:    d.Set(),
		Index:      d.Index(),
		Scans:      d.Scans,
		Holidays:   holidays{d},
		Backups:    backups{d},
		Now:        d.Service.Now,
		Version:    version,
		SystemIdle: systemIdle,
		TrimMemory: debug.FreeOSMemory,
	}
	fm := d.Forms()
	deps.Register(ui.NavIntake, func(env *ui.Env) ui.Screen {
		return intake.New(env.Window, intake.Deps{
			Service: d.Service,
			Session: func() *desk.Session { return env.Session },
			Search:  d.Search,
			Catalog: d,
			Scans:   d.Scans,
			Forms:   fm,
			Now:     d.Service.Now,
			Typing:  env.Typing,
			OpenDossier: func(code string) {
				env.Navigate(ui.NavLookup)
				if s, ok := env.Screen(ui.NavLookup).(interface{ Open(string) }); ok {
					s.Open(code)
				}
			},
		})
	})
	deps.Register(ui.NavLookup, func(env *ui.Env) ui.Screen {
		return dossierui.New(env.Window, dossierui.Deps{
			Service: d.Service,
			Session: func() *desk.Session { return env.Session },
			Finder:  d.DB,
			ListDay: func(day time.Time, limit int) ([]*dossier.Dossier, error) {
				return d.DB.ListDay(day, store.ListOptions{Limit: limit})
			},
			ByStatus: func(s dossier.Status, limit int) ([]*dossier.Dossier, error) {
				return byStatus(d.DB, s, limit)
			},
			Forms:      fm,
			ExportBook: func(format string, from, to time.Time, w io.Writer) error { return exportBook(d, format, from, to, w) },
			Now:        d.Service.Now,
			Typing:     env.Typing,
		})
	})
	openDossier := func(env *ui.Env) func(string) {
		return func(code string) {
			env.Navigate(ui.NavLookup)
			if s, ok := env.Screen(ui.NavLookup).(interface{ Open(string) }); ok {
				s.Open(code)
			}
		}
	}
	supDeps := func(env *ui.Env) supervisor.Deps {
		sd := supervisor.Deps{
			Service:     d.Service,
			Session:     func() *desk.Session { return env.Session },
			Names:       report.NewCatalogNames(d.Set()),
			Records:     d.DB,
			OpenDossier: openDossier(env),
			Progress:    relay,
			Outbox:      outbox{d.DB},
			Backups:     d,
			PrintBook: func(day time.Time) error {
				return printBook(d, fm, day)
			},
			ExportBook: func(format string, from, to time.Time, w io.Writer) error { return exportBook(d, format, from, to, w) },
			DBPath:     d.DB.Path(),
			Now:        d.Service.Now,
			Typing:     env.Typing,
		}
		if worker != nil {
			sd.Sync = worker
		}
		return sd
	}
	deps.Register(ui.NavMonitor, func(env *ui.Env) ui.Screen { return supervisor.NewDashboard(env.Window, supDeps(env)) })
	deps.Register(ui.NavClose, func(env *ui.Env) ui.Screen { return supervisor.NewClose(env.Window, supDeps(env)) })
	deps.Register(ui.NavReports, func(env *ui.Env) ui.Screen { return supervisor.NewPeriod(env.Window, supDeps(env)) })
	deps.Register(ui.NavSync, func(env *ui.Env) ui.Screen { return supervisor.NewSync(env.Window, supDeps(env)) })
	return deps
}

// outbox adapts the store for the sync panel.
type outbox struct{ db *store.DB }

func (o outbox) OutboxStats() (syncproto.OutboxStats, error) { return o.db.OutboxStats() }
func (o outbox) Retry(seq uint64) error                      { return o.db.Retry(seq) }
func (o outbox) QuarantineItems() ([]supervisor.Quarantined, error) {
	l, err := o.db.QuarantineList()
	out := make([]supervisor.Quarantined, 0, len(l))
	for _, q := range l {
		x := supervisor.Quarantined{Seq: q.Seq, Reason: q.Reason, At: q.At, Attempts: q.Attempts}
		if es, err := o.db.AuditEntries(q.Seq, 1); err == nil && len(es) == 1 && es[0].Seq == q.Seq {
			x.Object, x.Action = es[0].Object, es[0].Action
		}
		out = append(out, x)
	}
	return out, err
}

// printBook prints the tracking book of one receipt day on the desk's
// printer.
func printBook(d *wire.Desk, fm *wire.Forms, day time.Time) error {
	o, dk, err := d.Service.Config()
	if err != nil {
		return err
	}
	ds, err := d.DB.ListDay(day, store.ListOptions{})
	if err != nil {
		return err
	}
	now := d.Service.Now()
	doc, err := forms.Build(forms.KindBook, forms.Input{Office: o, Desk: dk, Dossiers: ds, From: day, To: day, Now: now})
	if err != nil {
		return err
	}
	return fm.PrintDocument(doc)
}

// byStatus returns the newest dossiers in a status.
func byStatus(db *store.DB, s dossier.Status, limit int) ([]*dossier.Dossier, error) {
	ids, err := db.ByStatus(s, 0, limit)
	if err != nil {
		return nil, err
	}
	out := make([]*dossier.Dossier, 0, len(ids))
	for _, id := range ids {
		x, err := db.DossierByID(id)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// exportBook writes the tracking book of receipt days from..to: form 07 as
// PDF, or the Excel book.
func exportBook(d *wire.Desk, format string, from, to time.Time, w io.Writer) error {
	o, dk, err := d.Service.Config()
	if err != nil {
		return err
	}
	var ds []*dossier.Dossier
	for day := dossier.Day(from); !day.After(dossier.Day(to)); day = day.AddDate(0, 0, 1) {
		x, err := d.DB.ListDay(day, store.ListOptions{})
		if err != nil {
			return err
		}
		ds = append(ds, x...)
	}
	now := d.Service.Now()
	switch format {
	case dossierui.ExportPDF:
		doc, err := forms.Build(forms.KindBook, forms.Input{Office: o, Desk: dk, Dossiers: ds, From: from, To: to, Now: now})
		if err != nil {
			return err
		}
		return forms.PDF(w, doc, now)
	case dossierui.ExportExcel:
		sub := fmt.Sprintf("Từ ngày %s đến ngày %s", from.In(dossier.Zone).Format("02/01/2006"), to.In(dossier.Zone).Format("02/01/2006"))
		return xlsx.WriteBook(w, report.Book(ds), sub, xlsx.Options{Now: now, Office: o.Name, Names: report.NewCatalogNames(d.Set()), Author: "motcua"})
	}
	return fmt.Errorf("unknown export format %q", format)
}

// holidays stores the administrators' days-off tables in the database and
// rebuilds the desk's calendar after a save.
type holidays struct{ d *wire.Desk }

func (h holidays) YearTable(y int) (workday.YearTable, bool, error) { return h.d.DB.YearTable(y) }

func (h holidays) SaveYearTable(t workday.YearTable, a account.Audit) error {
	if err := h.d.DB.SaveYearTable(t, a); err != nil {
		return err
	}
	return h.d.ReloadCalendar()
}

// backups makes verified hot backups (with the recovery copy of the
// encryption key next to them).
type backups struct{ d *wire.Desk }

func (b backups) BackupFile(path string) (admin.BackupReport, error) {
	rep, _, err := b.d.Backup(path)
	if err != nil {
		return admin.BackupReport{}, err
	}
	st, _ := os.Stat(path)
	var size int64
	if st != nil {
		size = st.Size()
	}
	return admin.BackupReport{Size: size, Dossiers: rep.Dossiers, Problems: len(rep.Problems)}, nil
}

func (b backups) DBPath() string { return b.d.DB.Path() }

var (
	_ admin.HolidayStore = holidays{}
	_ admin.Backups      = backups{}
)
