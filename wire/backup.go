package wire

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"motcua/account"
	"motcua/dossier"
	"motcua/store"
	"motcua/vault"
)

// BackupDir is where automatic backups go: the office setting (e.g. a USB
// drive) or <data folder>/backups.
func (d *Desk) BackupDir() string {
	o, _, err := d.Service.Config()
	if err == nil && o.BackupDir != "" {
		return o.BackupDir
	}
	return filepath.Join(d.DataDir, "backups")
}

// AutoBackup writes a verified backup named after the time and the reason
// ("close" at the daily close, "exit" when the app closes) into BackupDir,
// with the key's recovery copy, and keeps the newest Office.BackupKeep
// (default 30) backups, deleting older ones. It returns the file written.
func (d *Desk) AutoBackup(reason string) (string, error) {
	dir := d.BackupDir()
	now := d.Service.Now().In(dossier.Zone)
	name := fmt.Sprintf("motcua-%s-%s.db", now.Format("20060102-150405"), reason)
	out := filepath.Join(dir, name)
	rep, err := d.DB.BackupFileQuick(out)
	if err != nil {
		return "", err
	}
	keyCopy := vault.ExportRecoveryFile(d.DB.Path(), vault.KeyPath(out)) == nil
	detail := fmt.Sprintf("%s: %d dossiers", reason, rep.Dossiers)
	if !keyCopy {
		detail += "; no recovery code set, the backup opens only on this machine"
	}
	if err := d.DB.Audit(account.Audit{Actor: "system", Action: "backup.auto", Object: name, Detail: detail}); err != nil {
		return out, err
	}
	if h, err := d.DB.AuditHead(); err == nil {
		_ = d.DB.PutState("backup", lastBackup{At: now, Head: h.Seq, File: name})
	}
	keep := 30
	if o, _, err := d.Service.Config(); err == nil && o.BackupKeep > 0 {
		keep = o.BackupKeep
	}
	return out, pruneBackups(dir, keep)
}

// pruneBackups deletes all but the newest keep automatic backups (and
// their key copies).
func pruneBackups(dir string, keep int) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, "motcua-") && strings.HasSuffix(n, ".db") && !e.IsDir() {
			names = append(names, n)
		}
	}
	sort.Strings(names) // the timestamp sorts
	for len(names) > keep {
		p := filepath.Join(dir, names[0])
		if err := os.Remove(p); err != nil {
			return err
		}
		os.Remove(vault.KeyPath(p))
		names = names[1:]
	}
	return nil
}

// lastBackup is the "backup" setting: the last automatic backup and the
// journal head right after it.
type lastBackup struct {
	At   time.Time `json:"at"`
	Head uint64    `json:"head"`
	File string    `json:"file"`
}

// ExitBackup backs up on exit unless nothing was recorded since the last
// automatic backup (e.g. the daily close just made one); it reports the
// file written, or "" when skipped.
func (d *Desk) ExitBackup() (string, error) {
	var lb lastBackup
	if ok, err := d.DB.GetSetting("backup", &lb); err == nil && ok {
		if h, err := d.DB.AuditHead(); err == nil && h.Seq == lb.Head {
			if _, err := os.Stat(filepath.Join(d.BackupDir(), lb.File)); err == nil {
				return "", nil
			}
		}
	}
	return d.AutoBackup("exit")
}

// LastBackup returns the time of the newest automatic backup (zero if none).
func (d *Desk) LastBackup() time.Time {
	ents, err := os.ReadDir(d.BackupDir())
	if err != nil {
		return time.Time{}
	}
	var last time.Time
	for _, e := range ents {
		if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".db") && info.ModTime().After(last) {
			last = info.ModTime()
		}
	}
	return last
}

// CompactStore compacts a closed database in place (store.CompactFile with
// its key).
func CompactStore(path string) (before, after int64, err error) {
	v, err := vault.Open(path)
	if err != nil {
		return 0, 0, err
	}
	return store.CompactFile(path, v)
}
