//go:build linux

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"time"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
	"motcua/wire"
)

// formatVersion keys the cache folder: bump it whenever the way the cached
// stores are built changes (setup values, generator flags). The large
// store is also rebuilt when the generator's sources changed (genHash) or
// when its records no longer decode with this build's codecs (readable).
const formatVersion = "v1"

// The benchmark desk is set up exactly like the desk app's demo setup
// (cmd/motcua/demo.go: agency code, user names, password), so that the app's
// MOTCUA_DEMO_LOGIN works on it, except that the office has ONE desk slot:
// a slot owns 1/Slots of the 4-digit daily numbers, and a 1,000,000-dossier
// year is about 4,000 dossiers a working day (motcuactl gen sets up its own
// demo office with one slot for the same reason).
const (
	demoAgency     = "000.00.00.DEMO"
	demoPassword   = "demo2026"
	demoAdmin      = "quantri.demo"
	demoClerk      = "canbo.demo"
	demoSupervisor = "lanhdao.demo"
)

// genSources define the generated data besides this suite: a change to
// any of them (say, gen now compacts the file) rebuilds the cached stores.
var genSources = []string{"cmd/motcuactl/cmd_gen.go", "synth/synth.go"}

// genHash is a short hash of genSources in the tree at root.
func genHash(root string) (string, error) {
	h := sha256.New()
	for _, p := range genSources {
		b, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// deskMeta describes a cached desk folder (meta.json).
type deskMeta struct {
	Format string `json:"format"`
	// GenHash is genHash of the tree that built the store.
	GenHash  string    `json:"gen_hash"`
	Dossiers int       `json:"dossiers"`
	Seed     uint64    `json:"seed"`
	BuiltAt  time.Time `json:"built_at"`
	// SetupSeconds: wire.Open + setup; GenSeconds: motcuactl gen.
	SetupSeconds float64 `json:"setup_seconds"`
	GenSeconds   float64 `json:"gen_seconds"`
	GenOutput    string  `json:"gen_output,omitempty"`
}

// deskStore is a cached desk data folder (MOTCUA_HOME of the app).
type deskStore struct {
	Home string // folder holding motcua.db and its key
	Meta deskMeta
	// Built is the time this run spent building it (0 = cached).
	Built time.Duration
}

func (d deskStore) DB() string { return filepath.Join(d.Home, "motcua.db") }

func icNow() time.Time { return time.Now().In(dossier.Zone) }

// ensureDesks returns the empty and the n-dossier desk folders, building
// them when they are not cached.
func (s *suite) ensureDesks(ctx context.Context) (empty, big deskStore, err error) {
	root := filepath.Join(s.cache, formatVersion)
	empty, err = s.ensureDesk(ctx, filepath.Join(root, "desk-empty"), 0, nil)
	if err != nil {
		return empty, big, fmt.Errorf("empty desk: %w", err)
	}
	big, err = s.ensureDesk(ctx, filepath.Join(root, fmt.Sprintf("desk-%d-s%d", s.dossiers, s.seed)), s.dossiers, &empty)
	if err != nil {
		return empty, big, fmt.Errorf("%d-dossier desk: %w", s.dossiers, err)
	}
	return empty, big, nil
}

func (s *suite) ensureDesk(ctx context.Context, dir string, n int, from *deskStore) (deskStore, error) {
	ds := deskStore{Home: dir}
	gh, err := genHash(s.root)
	if err != nil {
		return ds, err
	}
	if m, err := readMeta(dir); err == nil && m.Format == formatVersion && m.Dossiers == n && (n == 0 || m.GenHash == gh) {
		ds.Meta = m
		if err := readable(ds.DB(), n); err == nil {
			// Bring a store cached by an older build to this build's
			// schema, as a desk does when the app is upgraded; the
			// read-only opens below do not migrate.
			t0 := time.Now()
			if err := upgrade(ds.DB()); err != nil {
				return ds, fmt.Errorf("upgrade %s: %w", ds.DB(), err)
			}
			if dt := time.Since(t0); dt > time.Second {
				s.progress("cache: %s brought to this build's schema in %s", dir, dt.Round(time.Second))
			}
			return ds, nil
		} else {
			s.progress("cache: %s is stale (%v); rebuilding", dir, err)
		}
	} else if err == nil {
		s.progress("cache: %s was built by another generator or format (%s, %s); rebuilding", dir, m.Format, m.GenHash)
	}
	if err := os.RemoveAll(dir); err != nil {
		return ds, err
	}
	tmp := dir + ".partial"
	if err := os.RemoveAll(tmp); err != nil {
		return ds, err
	}
	t0 := time.Now()
	m := deskMeta{Format: formatVersion, GenHash: gh, Dossiers: n, Seed: s.seed}
	if from == nil {
		s.progress("cache: setting up an empty desk in %s", tmp)
		if err := setupDesk(filepath.Join(tmp, "motcua.db")); err != nil {
			os.RemoveAll(tmp)
			return ds, err
		}
		m.SetupSeconds = time.Since(t0).Seconds()
	} else {
		if err := copyDir(from.Home, tmp); err != nil {
			os.RemoveAll(tmp)
			return ds, err
		}
		s.progress("cache: motcuactl gen --dossiers %d --seed %d (the first run builds it; a few minutes)", n, s.seed)
		g0 := time.Now()
		out, err := s.gen(ctx, filepath.Join(tmp, "motcua.db"), n)
		if err != nil {
			os.RemoveAll(tmp)
			return ds, err
		}
		m.GenSeconds = time.Since(g0).Seconds()
		m.GenOutput = out
		m.SetupSeconds = from.Meta.SetupSeconds
	}
	m.BuiltAt = icNow()
	if err := writeJSON(filepath.Join(tmp, "meta.json"), m); err != nil {
		os.RemoveAll(tmp)
		return ds, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return ds, err
	}
	ds.Meta, ds.Built = m, time.Since(t0)
	s.progress("cache: built %s in %s", dir, ds.Built.Round(time.Second))
	return ds, nil
}

// setupDesk creates a desk database at path through the desk service, as
// the app's demo setup does (cmd/motcua/demo.go), with one desk slot.
func setupDesk(path string) error {
	d, err := wire.Open(wire.Options{Path: path, Timeout: 2 * time.Second, Now: icNow})
	if err != nil {
		return err
	}
	defer d.Close()
	o := desk.DefaultOffice()
	o.ParentAgency = "UBND TỈNH MẪU (DỮ LIỆU DEMO)"
	o.Name = "Bộ phận Một cửa UBND xã Mẫu — bản demo"
	o.AgencyCode = demoAgency
	o.Place = "Thanh Hóa"
	o.Address = "Số 1 đường Mẫu, xã Mẫu (địa chỉ demo)"
	o.LookupURL = "https://example.invalid/tra-cuu"
	o.Slots = 1
	err = d.Service.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1},
		AdminUsername: demoAdmin, AdminName: "Quản trị viên (mẫu)", AdminPassword: demoPassword})
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	admin, err := d.Service.Login(demoAdmin, demoPassword)
	if err != nil {
		return err
	}
	for _, u := range []desk.UserRequest{
		{Username: demoClerk, Name: "Nguyễn Thị Lan (mẫu)", Role: account.RoleClerk},
		{Username: demoSupervisor, Name: "Trần Văn Hùng (mẫu)", Role: account.RoleSupervisor},
	} {
		u.Password = demoPassword
		if err := d.Service.SaveUser(admin, u); err != nil {
			return fmt.Errorf("user %s: %w", u.Username, err)
		}
		// As in the demo setup: no first-login password change.
		x, _, err := d.DB.GetUser(u.Username)
		if err != nil {
			return err
		}
		x.MustChange = false
		if err := d.DB.PutUser(x, account.Audit{Actor: "benchsuite", Action: "user.demo", Object: x.Username}); err != nil {
			return err
		}
	}
	return nil
}

var genDone = regexp.MustCompile(`generated (\d+) dossiers`)

// gen fills the database at path with motcuactl gen (the CLI built from
// this tree), streaming its progress to stderr.
func (s *suite) gen(ctx context.Context, path string, n int) (string, error) {
	bin, err := s.tool(ctx, "motcuactl", "./cmd/motcuactl", "")
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, bin, "--db", path, "gen", "--dossiers", strconv.Itoa(n), "--seed", strconv.FormatUint(s.seed, 10))
	cmd.Stderr = s.stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("motcuactl gen: %w", err)
	}
	m := genDone.FindSubmatch(out)
	if m == nil {
		return "", fmt.Errorf("motcuactl gen printed %q, not the generated count", out)
	}
	if got, _ := strconv.Atoi(string(m[1])); got != n {
		return "", fmt.Errorf("motcuactl gen generated %d dossiers, want %d", got, n)
	}
	return string(out), nil
}

// readable opens a cached store read-only and decodes a spread of whole
// records: a store whose codec changed since it was cached is rebuilt.
func readable(path string, n int) error {
	db, err := wire.OpenStore(path, store.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	if n == 0 {
		_, _, err := db.CatalogSet()
		return err
	}
	for i := range 64 {
		id := uint64(1 + i*(n-1)/63)
		if _, err := db.DossierByID(id); err != nil {
			return fmt.Errorf("record %d: %w", id, err)
		}
	}
	return nil
}

// upgrade opens a cached store read-write once, which applies pending
// schema migrations (nothing when it is current).
func upgrade(path string) error {
	db, err := wire.OpenStore(path, store.Options{Timeout: 2 * time.Second})
	if err != nil {
		return err
	}
	return db.Close()
}

func readMeta(dir string) (deskMeta, error) {
	var m deskMeta
	b, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return m, err
	}
	return m, json.Unmarshal(b, &m)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// copyDir copies the regular files of src into a new folder dst (the desk
// folders hold only files: the database, its key, meta.json).
func copyDir(src, dst string) error {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return err
	}
	es, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range es {
		if !e.Type().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	// On disk before anything is timed: a large copy's write-back would
	// otherwise compete with the fsyncs the intake benchmark measures.
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// tool builds a command of this tree into the run's scratch folder (once).
func (s *suite) tool(ctx context.Context, name, pkg, tags string) (string, error) {
	if p, ok := s.tools[name]; ok {
		return p, nil
	}
	out := filepath.Join(s.scratch, "bin", name)
	args := []string{"build", "-o", out}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	args = append(args, pkg)
	s.progress("build: go %s", join(args))
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = s.root
	cmd.Stdout, cmd.Stderr = s.stderr, s.stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("go build %s: %w", pkg, err)
	}
	s.tools[name] = out
	return out, nil
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}

var errSkip = errors.New("skipped")
