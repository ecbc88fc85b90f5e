package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"motcua/catalog"
)

func catalogRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestCatalogSearch(t *testing.T) {
	cases := []struct {
		name      string
		args      []string
		first     string // first output line
		lines     int    // expected number of lines (0: don't check)
		errSubstr string
		code      int
	}{
		{name: "words as separate arguments", args: []string{"catalog", "search", "dang", "ky", "khai", "sinh"},
			first: "1.001193\tThủ tục đăng ký khai sinh", lines: 20},
		{name: "quoted query with limit after it", args: []string{"catalog", "search", "đăng ký khai sinh", "--limit", "3"},
			first: "1.001193\tThủ tục đăng ký khai sinh", lines: 3},
		{name: "code", args: []string{"catalog", "search", "--limit=1", "1.001193"}, first: "1.001193\tThủ tục đăng ký khai sinh", lines: 1},
		{name: "local variant code", args: []string{"catalog", "search", "1.001193.000.00.00.H48", "--limit", "1"}, first: "1.001193\tThủ tục đăng ký khai sinh", lines: 1},
		{name: "filters", args: []string{"catalog", "search", "khai sinh", "--level", "province", "--field", "Hộ tịch", "--limit", "1"},
			first: "2.000635\tCấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", lines: 1},
		{name: "agency filter", args: []string{"catalog", "search", "cap phep", "--agency", "bo quoc phong", "--limit", "50"}, lines: 0},
		{name: "no match", args: []string{"catalog", "search", "zzzzqqq"}, errSubstr: "motcuactl catalog: no procedure matches \"zzzzqqq\"\n", code: 1},
		{name: "no query", args: []string{"catalog", "search"}, errSubstr: "usage: catalog search", code: 2},
		{name: "bad level", args: []string{"catalog", "search", "x", "--level", "county"}, errSubstr: "unknown --level \"county\"", code: 2},
		{name: "bad limit", args: []string{"catalog", "search", "x", "--limit", "0"}, errSubstr: "--limit must be at least 1", code: 2},
		{name: "unknown flag", args: []string{"catalog", "search", "x", "--nope"}, errSubstr: "flag provided but not defined", code: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := catalogRun(t, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, c.code, errOut)
			}
			if c.errSubstr != "" && !strings.Contains(errOut, c.errSubstr) {
				t.Fatalf("stderr %q, want %q", errOut, c.errSubstr)
			}
			if c.code != 0 {
				if out != "" {
					t.Fatalf("stdout %q on failure", out)
				}
				return
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if c.first != "" && lines[0] != c.first {
				t.Fatalf("first line %q, want %q", lines[0], c.first)
			}
			if c.lines > 0 && len(lines) != c.lines {
				t.Fatalf("%d lines, want %d:\n%s", len(lines), c.lines, out)
			}
			for _, l := range lines {
				f := strings.Split(l, "\t")
				if len(f) != 2 || f[0] == "" || f[1] == "" {
					t.Fatalf("line %q is not CODE<TAB>NAME", l)
				}
			}
		})
	}
}

func TestCatalogSearchAgencyFilter(t *testing.T) {
	out, _, code := catalogRun(t, "catalog", "search", "cap phep", "--agency", "bo quoc phong", "--limit", "100")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	set, err := catalog.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 5 {
		t.Fatalf("only %d results", len(lines))
	}
	for _, l := range lines {
		p, _ := set.Get(strings.Split(l, "\t")[0])
		names := []string{p.Publisher}
		for _, a := range p.Agencies.All() {
			names = append(names, a.Name)
		}
		if !strings.Contains(strings.ToLower(strings.Join(names, "|")), "bộ quốc phòng") {
			t.Errorf("%s (%s): no agency contains Bộ Quốc phòng: %q", p.Code, p.Name, names)
		}
	}
}

func TestCatalogShow(t *testing.T) {
	out, errOut, code := catalogRun(t, "catalog", "show", "1.001193")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p catalog.Procedure
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if p.Code != "1.001193" || p.Components() == 0 || len(p.Channels) != 3 || p.Version.Hash == "" {
		t.Fatalf("procedure %+v", p)
	}
	if !strings.HasPrefix(out, "{\n  \"code\": \"1.001193\",\n") || strings.Contains(out, `\u003c`) {
		t.Fatalf("not indented JSON with unescaped text:\n%.200s", out)
	}
	for _, c := range []struct {
		args []string
		err  string
		code int
	}{
		{[]string{"catalog", "show", "9.999999"}, "motcuactl catalog: procedure 9.999999 not found\n", 1},
		{[]string{"catalog", "show"}, "usage: catalog show CODE", 2},
		{[]string{"catalog", "show", "a", "b"}, "usage: catalog show CODE", 2},
		{[]string{"catalog"}, "missing subcommand: catalog import|search|show", 2},
		{[]string{"catalog", "list"}, "unknown subcommand \"list\"", 2},
	} {
		out, errOut, code := catalogRun(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.err) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d, %q", c.args, code, out, errOut, c.code, c.err)
		}
	}
}

func testdata(name string) string { return filepath.Join("..", "..", "catalog", "testdata", name) }

func TestCatalogImport(t *testing.T) {
	out, errOut, code := catalogRun(t, "catalog", "import", "--dry-run", testdata("laythutuc"), testdata("portal"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"files: 5 read\n", "records: laythutuc 4, portal-json 3\n",
		"procedures: 6 (list-only 1, list entries merged into details 1, duplicates 0)\n",
		"WARN\t1.001193\tlaythutuc\t" + filepath.ToSlash(testdata("laythutuc/single.json")) + "\tchannel 3 (Dịch vụ bưu chính): cannot read time \"Theo quy định\"\n",
		"parsed: components in 5 of 5 detailed procedures (10 components), channels in 5 (9 of 11 channel times known)\n",
		"dry run: nothing stored\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}

	// without --dry-run the procedures are stored in the database
	// (MOTCUA_HOME is a temporary folder in these tests, see TestMain);
	// importing the same files twice changes nothing.
	db := filepath.Join(t.TempDir(), "import.db")
	out, errOut, code = catalogRun(t, "--db", db, "catalog", "import", testdata("portal"))
	if code != 0 || !strings.Contains(out, "stored: 3 added, 0 changed (new versions), 0 unchanged\n") {
		t.Errorf("import: exit %d, %q\n%s", code, errOut, out)
	}
	out, _, code = catalogRun(t, "--db", db, "catalog", "import", testdata("portal"))
	if code != 0 || !strings.Contains(out, "stored: 0 added, 0 changed (new versions), 3 unchanged\n") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}

	// a malformed file fails the whole import and is named
	out, errOut, code = catalogRun(t, "catalog", "import", "--dry-run", testdata("laythutuc"), testdata("bad/array-bad-record.json"))
	if code != 1 || !strings.Contains(errOut, "import failed: 1 errors") ||
		!strings.Contains(out, "ERROR\t"+testdata("bad/array-bad-record.json")+"\trecord 3\tprocedure 1.001193: empty name (TENTTHC)\n") ||
		strings.Contains(out, "dry run") {
		t.Errorf("bad file: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	if _, errOut, code := catalogRun(t, "catalog", "import"); code != 2 || !strings.Contains(errOut, "usage: catalog import") {
		t.Errorf("no paths: exit %d, %q", code, errOut)
	}
}

func TestCatalogImportUsesStoreHook(t *testing.T) {
	var got *catalog.Set
	storeImport = func(db string, s *catalog.Set) (int, int, int, error) {
		got = s
		return s.Len(), 0, 0, nil
	}
	defer func() { storeImport = nil }()
	out, errOut, code := catalogRun(t, "--db", filepath.Join(t.TempDir(), "desk.db"), "catalog", "import", testdata("portal"))
	if code != 0 || got == nil || got.Len() != 3 || !strings.HasSuffix(out, "stored: 3 added, 0 changed (new versions), 0 unchanged\n") {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

func TestCatalogReadsStoreCatalogWhenPresent(t *testing.T) {
	set, _, err := catalog.Import(testdata("portal"))
	if err != nil {
		t.Fatal(err)
	}
	storeCatalog = func(db string) (catalogSource, bool, error) { return newSetSource(set), true, nil }
	defer func() { storeCatalog = nil }()
	out, _, code := catalogRun(t, "catalog", "search", "khai sinh")
	if code != 0 || out != "1.001193\tThủ tục đăng ký khai sinh\n2.000528\tThủ tục đăng ký khai sinh có yếu tố nước ngoài\n1.004884\tThủ tục đăng ký lại khai sinh\n" {
		t.Fatalf("exit %d, out %q", code, out)
	}
	storeCatalog = func(db string) (catalogSource, bool, error) { return nil, false, nil }
	if out, _, _ := catalogRun(t, "catalog", "search", "--limit", "1", "1.013124"); !strings.HasPrefix(out, "1.013124\t") {
		t.Fatalf("fallback to the embedded default: %q", out)
	}
	storeCatalog = func(db string) (catalogSource, bool, error) { return nil, false, os.ErrPermission }
	if _, errOut, code := catalogRun(t, "catalog", "show", "1.001193"); code != 1 || !strings.Contains(errOut, "permission denied") {
		t.Fatalf("store error: exit %d, %q", code, errOut)
	}
}
