package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"motcua/catalog"
)

// catalog commands:
//
//	motcuactl catalog search [--limit N] [--field F] [--level L] [--agency A] QUERY...
//	    prints CODE<TAB>NAME lines, best first (default limit 20)
//	motcuactl catalog show CODE
//	    prints the procedure as indented JSON
//	motcuactl catalog import [--dry-run] PATH...
//	    reads procedure files and folders (formats detected by content) and
//	    prints the import report
//
// search and show read the catalog of the desk database when it has one,
// else the default catalog embedded in the binary.

func init() {
	register(&command{
		Name:    "catalog",
		Summary: "search, show and import administrative procedures",
		Run:     runCatalog,
	})
}

// catalogSource is what the read commands need from a catalog.
type catalogSource interface {
	Search(query string, f catalog.Filter, limit int) []catalog.Hit
	Procedure(code string) (*catalog.Procedure, bool)
}

// Store integration points, set by the file that wires the desk database
// into motcuactl (nil until the store keeps a catalog):
//
// storeCatalog opens the catalog kept in the database at dbPath ("" = the
// desk app's default database); ok is false when the database holds no
// catalog, and the commands then use the embedded default.
//
// storeImport saves an imported set in one transaction: procedures whose
// content hash changed get a new version (old versions are kept for the
// dossiers received under them), unchanged ones are left alone.
var (
	storeCatalog func(dbPath string) (src catalogSource, ok bool, err error)
	storeImport  func(dbPath string, set *catalog.Set) (added, changed, unchanged int, err error)
)

// setSource serves a catalog.Set with a search index.
type setSource struct {
	set *catalog.Set
	ix  *catalog.Index
}

func newSetSource(s *catalog.Set) *setSource {
	return &setSource{set: s, ix: catalog.NewIndex(s.Procedures)}
}

func (s *setSource) Search(q string, f catalog.Filter, limit int) []catalog.Hit {
	return s.ix.Search(q, f, limit)
}

func (s *setSource) Procedure(code string) (*catalog.Procedure, bool) { return s.set.Get(code) }

func openCatalog(e *env) (catalogSource, error) {
	if storeCatalog != nil {
		src, ok, err := storeCatalog(e.DBPath)
		if err != nil {
			return nil, err
		}
		if ok {
			return src, nil
		}
	}
	set, err := catalog.LoadDefault()
	if err != nil {
		return nil, err
	}
	return newSetSource(set), nil
}

func runCatalog(e *env, args []string) error {
	return subcommands("catalog", args, map[string]func([]string) error{
		"search": func(a []string) error { return catalogSearch(e, a) },
		"show":   func(a []string) error { return catalogShow(e, a) },
		"import": func(a []string) error { return catalogImport(e, a) },
	})
}

var levelFlags = map[string]catalog.Level{
	"ministry": catalog.LevelMinistry, "province": catalog.LevelProvince, "district": catalog.LevelDistrict,
	"commune": catalog.LevelCommune, "other": catalog.LevelOther,
}

func catalogSearch(e *env, args []string) error {
	fs := flag.NewFlagSet("catalog search", flag.ContinueOnError)
	limit := fs.Int("limit", 20, "maximum number of results")
	field := fs.String("field", "", "only this field (lĩnh vực): code or name")
	level := fs.String("level", "", "only this level: ministry|province|district|commune|other")
	agency := fs.String("agency", "", "only procedures whose publisher or an agency contains this text")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return usagef("usage: catalog search [--limit N] [--field F] [--level L] [--agency A] QUERY")
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1, got %d", *limit)
	}
	f := catalog.Filter{Field: *field, Agency: *agency}
	if *level != "" {
		l, ok := levelFlags[*level]
		if !ok {
			return usagef("unknown --level %q (ministry|province|district|commune|other)", *level)
		}
		f.Level = l
	}
	src, err := openCatalog(e)
	if err != nil {
		return err
	}
	hits := src.Search(q, f, *limit)
	if len(hits) == 0 {
		return exitError{code: 1, msg: fmt.Sprintf("no procedure matches %q", q)}
	}
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%s\t%s\n", h.Procedure.Code, oneLineText(h.Procedure.Name))
	}
	_, err = fmt.Fprint(e.Stdout, b.String())
	return err
}

// oneLineText keeps a name on one output line.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

func catalogShow(e *env, args []string) error {
	fs := flag.NewFlagSet("catalog show", flag.ContinueOnError)
	pos, err := parseN(fs, args, 1, "usage: catalog show CODE")
	if err != nil {
		return err
	}
	src, err := openCatalog(e)
	if err != nil {
		return err
	}
	p, ok := src.Procedure(pos[0])
	if !ok {
		return exitError{code: 1, msg: fmt.Sprintf("procedure %s not found", pos[0])}
	}
	enc := json.NewEncoder(e.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

func catalogImport(e *env, args []string) error {
	fs := flag.NewFlagSet("catalog import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "read and report only; store nothing")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("usage: catalog import [--dry-run] PATH...")
	}
	set, rep, ierr := catalog.Import(paths...)
	if err := rep.WriteText(e.Stdout); err != nil {
		return err
	}
	if ierr != nil {
		return exitError{code: 1, msg: fmt.Sprintf("import failed: %d errors (see ERROR lines); nothing imported", len(rep.Errors))}
	}
	q := set.Quality()
	fmt.Fprintf(e.Stdout, "parsed: components in %d of %d detailed procedures (%d components), channels in %d (%d of %d channel times known)\n",
		q.WithComponents, q.Detailed, q.Components, q.WithChannels, q.KnownTime, q.Channels)
	if *dry {
		fmt.Fprintln(e.Stdout, "dry run: nothing stored")
		return nil
	}
	if storeImport == nil {
		return exitError{code: 1, msg: "storing a catalog needs the desk database, which this build cannot open yet; rerun with --dry-run to check the files"}
	}
	added, changed, unchanged, err := storeImport(e.DBPath, set)
	if err != nil {
		return fmt.Errorf("store catalog: %w", err)
	}
	fmt.Fprintf(e.Stdout, "stored: %d added, %d changed (new versions), %d unchanged\n", added, changed, unchanged)
	return nil
}
