package wire

import (
	"os"

	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
)

// PurgeExpired removes the personal data of every finished dossier past
// the office's retention period (Office.RetentionYears; 0 keeps
// everything) and returns how many were purged. dryRun only counts. It
// walks the whole store (an administrator's maintenance task).
func (d *Desk) PurgeExpired(sess *desk.Session, dryRun bool) (int, error) {
	o := sess.Office
	if o.RetentionYears <= 0 {
		return 0, nil
	}
	now := d.Service.Now()
	var due []uint64
	err := d.DB.AllFacts(func(f store.Facts) error {
		if desk.RetentionDue(o, f.Kind, f.Status, f.ReceivedAt, f.FinishedAt, now) {
			due = append(due, f.ID)
		}
		return nil
	})
	if err != nil || dryRun {
		return len(due), err
	}
	n := 0
	for _, id := range due {
		x, err := d.DB.DossierByID(id)
		if err != nil {
			return n, err
		}
		if x.Purged() {
			continue
		}
		code := string(x.Code)
		if x.Kind == dossier.KindGuidance {
			code = x.GuidanceNo
		}
		if _, err := d.Service.Purge(sess, code); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// CollectScans deletes scan files no dossier refers to any more (after
// purges), and returns how many were deleted. It decodes every record.
func (d *Desk) CollectScans(dryRun bool) (int, error) {
	used := map[string]bool{}
	err := d.DB.AllFacts(func(f store.Facts) error {
		x, err := d.DB.DossierByID(f.ID)
		if err != nil {
			return err
		}
		for _, it := range x.Checklist {
			for _, s := range it.Scans {
				used[s.SHA256] = true
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	files, err := d.Scans.Files()
	if err != nil {
		return 0, err
	}
	n := 0
	for sha, path := range files {
		if used[sha] {
			continue
		}
		n++
		if !dryRun {
			if err := os.Remove(path); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}
