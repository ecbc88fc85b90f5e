package desk

import (
	"os"
	"path/filepath"
)

// DataDir returns the folder holding the desk database, scans and
// backups: <user config dir>/motcua (on Windows %AppData%\motcua, on Linux
// ~/.config/motcua). MOTCUA_HOME overrides it (tests, portable installs).
// Data stays there across upgrades: installers never touch it.
func DataDir() (string, error) {
	if h := os.Getenv("MOTCUA_HOME"); h != "" {
		return h, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "motcua"), nil
}

// DefaultDBPath is DataDir()/motcua.db.
func DefaultDBPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "motcua.db"), nil
}
