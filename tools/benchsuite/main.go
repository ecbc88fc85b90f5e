//go:build linux

// Command benchsuite measures every performance target of the desk, the
// catalog, the reports, the forms and the hub at realistic scale, each with
// a baseline measured in the same run, and writes the result table to
// bench/latest.md and bench/latest.json with a description of the machine
// (issue 10). `make bench` runs it through scripts/bench.sh; docs/bench.md
// explains every target.
//
//	go run ./tools/benchsuite [--allow-skip] [--run REGEXP] [--cache DIR] [--dossiers N]
//
// Scale data (a 1,000,000-dossier desk store made by motcuactl gen, and an
// empty desk set up the same way) is cached under --cache, keyed by
// formatVersion, so only the first run builds it. Progress goes to stderr;
// Ctrl-C stops cleanly (child processes and the scratch PostgreSQL are
// stopped, scratch files removed). A missing prerequisite (Xvfb,
// PostgreSQL) makes its rows SKIPPED, and the exit status non-zero unless
// --allow-skip. The exit status is 0 only when every row passes.
//
// It never imports Fyne: the desk app is built with `go build -tags
// migrated_fynedo ./cmd/motcua` and measured as a separate process.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// suite is one run.
type suite struct {
	root       string // repository root (go.mod)
	cache      string
	scratch    string // removed at the end
	profiles   string
	out        string
	dossiers   int
	procedures int
	seed       uint64
	pg         string
	stderr     io.Writer
	tools      map[string]string
	started    time.Time

	empty, big deskStore
}

// skipError marks a target that cannot run here (a missing prerequisite).
type skipError struct{ reason string }

func (e skipError) Error() string { return e.reason }

func skipf(format string, a ...any) error { return skipError{fmt.Sprintf(format, a...)} }

// target is one measured group of rows.
type target struct {
	id   string
	name string // row label used when the target fails before measuring
	run  func(ctx context.Context) ([]Row, error)
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchsuite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cache := fs.String("cache", defaultCache(), "folder caching the scale data (MOTCUA_BENCH_CACHE)")
	out := fs.String("out", "bench", "folder for latest.md and latest.json (relative to the repository root)")
	dossiers := fs.Int("dossiers", 1_000_000, "dossiers in the large desk store")
	procs := fs.Int("procedures", 6300, "procedures in the search benchmark (the real catalog replicated with changed codes)")
	seed := fs.Uint64("seed", 1, "seed of motcuactl gen")
	allowSkip := fs.Bool("allow-skip", false, "exit 0 even when targets are SKIPPED for a missing prerequisite")
	only := fs.String("run", "", "run only the targets whose id matches this regexp (ids: "+strings.Join(targetIDs(), ", ")+"); results then go to partial.md/json")
	pg := fs.String("pg", os.Getenv("MOTCUA_BENCH_PG"), "PostgreSQL server URL for the hub target (role with CREATEDB); empty = a scratch cluster from scripts/pg-test.sh")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *dossiers < 1000 || *procs < 1 {
		fmt.Fprintln(stderr, "usage: benchsuite [--allow-skip] [--run REGEXP] [--cache DIR] [--out DIR] [--dossiers N ≥ 1000] [--procedures N] [--pg URL]")
		return 2
	}
	var re *regexp.Regexp
	if *only != "" {
		var err error
		if re, err = regexp.Compile(*only); err != nil {
			fmt.Fprintf(stderr, "benchsuite: --run: %v\n", err)
			return 2
		}
	}
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(stderr, "benchsuite:", err)
		return 1
	}
	s := &suite{root: root, cache: *cache, out: filepath.Join(root, *out), dossiers: *dossiers, procedures: *procs, seed: *seed,
		pg: *pg, stderr: stderr, tools: map[string]string{}, started: time.Now()}
	if !filepath.IsAbs(*out) {
		s.out = filepath.Join(root, *out)
	} else {
		s.out = *out
	}
	if err := os.MkdirAll(s.cache, 0o755); err != nil {
		fmt.Fprintln(stderr, "benchsuite:", err)
		return 1
	}
	// Scratch folders of runs that were killed (a clean run removes its
	// own); a day old at least, so a concurrent run keeps its own.
	if old, _ := filepath.Glob(filepath.Join(s.cache, "run-*")); len(old) > 0 {
		for _, d := range old {
			if st, err := os.Stat(d); err == nil && time.Since(st.ModTime()) > 24*time.Hour {
				os.RemoveAll(d)
			}
		}
	}
	// Scratch files live on the cache's disk: the intake benchmark's bare
	// bbolt file must be on the same disk as the desk store.
	if s.scratch, err = os.MkdirTemp(s.cache, "run-"); err != nil {
		fmt.Fprintln(stderr, "benchsuite:", err)
		return 1
	}
	defer os.RemoveAll(s.scratch)
	s.profiles = filepath.Join(s.cache, "profiles")
	if err := os.MkdirAll(s.profiles, 0o755); err != nil {
		fmt.Fprintln(stderr, "benchsuite:", err)
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	m := describeMachine(s.cache)
	m.LoadBefore = loadAvg()
	s.progress("machine: %s, %d cores, %s RAM; load average %s", m.CPU, m.Cores, m.RAM, m.LoadBefore)

	var rows []Row
	var dataNote string
	s.empty, s.big, err = s.ensureDesks(ctx)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "benchsuite: interrupted")
			return 130
		}
		fmt.Fprintln(stderr, "benchsuite: scale data:", err)
		return 1
	}
	dataNote = s.dataNote()
	s.progress("%s", dataNote)

	for _, t := range s.targets() {
		if re != nil && !re.MatchString(t.id) {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		s.progress("── %s", t.id)
		t0 := time.Now()
		rs, err := t.run(ctx)
		if ctx.Err() != nil {
			break
		}
		var sk skipError
		switch {
		case errors.As(err, &sk):
			rs = append(rs, Row{ID: t.id, Target: t.name, Status: Skipped, Notes: []string{"skipped: " + sk.reason}})
		case err != nil:
			rs = append(rs, Row{ID: t.id, Target: t.name, Status: Error, Notes: []string{"error: " + err.Error()}})
		}
		el := time.Since(t0).Seconds()
		for i := range rs {
			if rs[i].Seconds == 0 {
				rs[i].Seconds = el
			}
			s.progress("%s: %s %s (baseline %s, %s) %s", rs[i].ID, rs[i].Target, rs[i].Measured, orDash(rs[i].Baseline), orDash(rs[i].Ratio), rs[i].Status)
		}
		rows = append(rows, rs...)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "benchsuite: interrupted; nothing written")
		return 130
	}
	m.LoadAfter = loadAvg()
	res := Result{Date: time.Now().In(time.Local), Machine: m, Rows: rows, Data: dataNote,
		Seconds: time.Since(s.started).Seconds(), Partial: re != nil}
	name := "latest"
	if re != nil {
		name = "partial"
	}
	if err := res.write(s.out, name); err != nil {
		fmt.Fprintln(stderr, "benchsuite:", err)
		return 1
	}
	fmt.Fprint(stdout, res.text())
	fmt.Fprintf(stdout, "written to %s and %s\n", filepath.Join(s.out, name+".md"), filepath.Join(s.out, name+".json"))
	code := 0
	for _, r := range rows {
		switch r.Status {
		case Pass:
		case Skipped:
			if !*allowSkip {
				code = 1
			}
		default:
			code = 1
		}
	}
	return code
}

// targets lists the targets in run order.
func (s *suite) targets() []target {
	return []target{
		{"size", "store size per dossier", s.benchSize},
		{"search", "catalog search p99", s.benchSearch},
		{"reports", "day dashboard / year report", s.benchReports},
		{"startup", "start-up work, large vs empty store", s.benchStartup},
		{"intake", "intake commit", s.benchIntake},
		{"receipt", "receipt PDF with QR", s.benchReceipt},
		{"app", "desk app start and memory", s.benchApp},
		{"hub", "hub ingest", s.benchHub},
	}
}

func targetIDs() []string {
	var out []string
	for _, t := range (&suite{}).targets() {
		out = append(out, t.id)
	}
	return out
}

// scale names the large store's size for row labels ("1M", "20,000").
func (s *suite) scale() string {
	n := s.big.Meta.Dossiers
	if n%1_000_000 == 0 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return thousands(n)
}

// progress prints a progress line to stderr.
func (s *suite) progress(format string, a ...any) {
	fmt.Fprintf(s.stderr, "[bench %s] %s\n", time.Since(s.started).Round(time.Second), fmt.Sprintf(format, a...))
}

func (s *suite) dataNote() string {
	b := s.big.Meta
	built := "cached"
	if s.big.Built > 0 {
		built = "built in this run"
	}
	return fmt.Sprintf("Scale data: a %d-dossier desk store made by `motcuactl gen --dossiers %d --seed %d` on %s "+
		"(gen took %.0f s; %s) on a desk set up like the app's demo desk, and an empty desk set up the same way; "+
		"cache %s/%s.", b.Dossiers, b.Dossiers, b.Seed, b.BuiltAt.Format("2006-01-02 15:04"), b.GenSeconds, built, s.cache, formatVersion)
}

func defaultCache() string {
	if d := os.Getenv("MOTCUA_BENCH_CACHE"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "motcua-bench")
	}
	return filepath.Join(os.TempDir(), "motcua-bench")
}

func repoRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.HasPrefix(string(b), "module motcua") {
			return d, nil
		}
		p := filepath.Dir(d)
		if p == d {
			return "", errors.New("run from inside the motcua repository (go.mod not found)")
		}
		d = p
	}
}

// Result is what latest.json holds.
type Result struct {
	Date    time.Time `json:"date"`
	Machine Machine   `json:"machine"`
	Data    string    `json:"data"`
	Seconds float64   `json:"seconds"`
	Partial bool      `json:"partial,omitempty"`
	Rows    []Row     `json:"rows"`
}

func (r Result) header() string {
	m := r.Machine
	return fmt.Sprintf("Date: %s. Suite time: %.0f s.\n\nMachine: %s, %d cores, %s RAM; disk %s; %s; %s.\nLoad average (1/5/15 min) before: %s, after: %s.\n",
		r.Date.Format("2006-01-02 15:04 MST"), r.Seconds, m.CPU, m.Cores, m.RAM, m.Disk, m.OS, m.Go, m.LoadBefore, m.LoadAfter)
}

func (r Result) text() string {
	var b strings.Builder
	b.WriteString("\n")
	b.WriteString(textTable(r.Rows))
	b.WriteString("\n")
	b.WriteString(r.header())
	return b.String()
}

func (r Result) markdown() string {
	var b strings.Builder
	b.WriteString("# Benchmark results\n\n")
	if r.Partial {
		b.WriteString("Partial run (`--run`): only some targets.\n\n")
	}
	b.WriteString("Produced by `make bench` (tools/benchsuite; see docs/bench.md).\n\n")
	b.WriteString(markdownTable(r.Rows))
	b.WriteString("\n")
	b.WriteString(r.header())
	b.WriteString("\n")
	b.WriteString(r.Data)
	b.WriteString("\n\n## Notes per target\n")
	for _, row := range r.Rows {
		fmt.Fprintf(&b, "\n### %s — %s\n\n", row.Target, row.Status)
		if row.BaselineIs != "" {
			fmt.Fprintf(&b, "Baseline: %s.", row.BaselineIs)
		}
		if row.Samples > 0 {
			fmt.Fprintf(&b, " Samples: %d.", row.Samples)
		}
		fmt.Fprintf(&b, " Target time: %.0f s.\n", row.Seconds)
		for _, n := range row.Notes {
			if strings.Contains(n, "\n") {
				fmt.Fprintf(&b, "\n```\n%s\n```\n", strings.TrimRight(n, "\n"))
			} else {
				fmt.Fprintf(&b, "- %s\n", n)
			}
		}
	}
	return b.String()
}

func (r Result) write(dir, name string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(r.markdown()), 0o644); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".json"), append(b, '\n'), 0o644)
}
