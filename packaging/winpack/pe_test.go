package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// --- test encoders: a resource section and a version resource, written
// independently of the parsers so each checks the other.

type testRes struct {
	typ, name ResName
	lang      uint16
	data      []byte
}

// encodeRsrc lays out a resource section at RVA base: directories, named
// entries' strings, data entries, then the data.
func encodeRsrc(base uint32, res []testRes) []byte {
	le := binary.LittleEndian
	type node struct {
		key  ResName
		kids []*node
		leaf *testRes
	}
	root := &node{}
	child := func(n *node, k ResName) *node {
		for _, c := range n.kids {
			if c.key == k {
				return c
			}
		}
		c := &node{key: k}
		n.kids = append(n.kids, c)
		return c
	}
	for i := range res {
		r := &res[i]
		child(child(child(root, r.typ), r.name), ResName{ID: r.lang}).leaf = r
	}
	// Directory offsets, breadth first.
	dirOff := map[*node]uint32{}
	var order []*node
	queue := []*node{root}
	off := uint32(0)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n.leaf != nil {
			continue
		}
		dirOff[n] = off
		order = append(order, n)
		off += 16 + 8*uint32(len(n.kids))
		queue = append(queue, n.kids...)
	}
	strOff := map[string]uint32{}
	var strs []byte
	for _, n := range order {
		for _, c := range n.kids {
			if c.key.Name != "" {
				if _, ok := strOff[c.key.Name]; !ok {
					u := utf16.Encode([]rune(c.key.Name))
					strOff[c.key.Name] = off + uint32(len(strs))
					strs = le.AppendUint16(strs, uint16(len(u)))
					for _, v := range u {
						strs = le.AppendUint16(strs, v)
					}
				}
			}
		}
	}
	off += uint32(len(strs))
	off = (off + 3) &^ 3
	dataEntryOff := off
	off += 16 * uint32(len(res))
	dataOff := off
	out := make([]byte, dataOff)
	leafEntry := map[*testRes]uint32{}
	for i := range res {
		leafEntry[&res[i]] = dataEntryOff + 16*uint32(i)
	}
	for _, n := range order {
		p := dirOff[n]
		var named, ids uint16
		for _, c := range n.kids {
			if c.key.Name != "" {
				named++
			} else {
				ids++
			}
		}
		le.PutUint16(out[p+12:], named)
		le.PutUint16(out[p+14:], ids)
		for i, c := range n.kids {
			e := p + 16 + 8*uint32(i)
			if c.key.Name != "" {
				le.PutUint32(out[e:], 0x80000000|strOff[c.key.Name])
			} else {
				le.PutUint32(out[e:], uint32(c.key.ID))
			}
			if c.leaf != nil {
				le.PutUint32(out[e+4:], leafEntry[c.leaf])
			} else {
				le.PutUint32(out[e+4:], 0x80000000|dirOff[c])
			}
		}
	}
	// The strings follow the directories.
	sp := uint32(0)
	for _, n := range order {
		sp = max(sp, dirOff[n]+16+8*uint32(len(n.kids)))
	}
	copy(out[sp:], strs)
	for i := range res {
		e := leafEntry[&res[i]]
		le.PutUint32(out[e:], base+uint32(len(out)))
		le.PutUint32(out[e+4:], uint32(len(res[i].data)))
		out = append(out, res[i].data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

type testBlock struct {
	key      string
	text     bool
	value    []byte // raw bytes (binary) or UTF-16 with NUL (text)
	children []testBlock
}

func textValue(s string) []byte {
	var b []byte
	for _, v := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return append(b, 0, 0)
}

func encodeBlock(b testBlock) []byte {
	le := binary.LittleEndian
	out := make([]byte, 6)
	vlen := len(b.value)
	if b.text {
		vlen /= 2
		le.PutUint16(out[4:], 1)
	}
	le.PutUint16(out[2:], uint16(vlen))
	out = append(out, textValue(b.key)...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	out = append(out, b.value...)
	for _, c := range b.children {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		out = append(out, encodeBlock(c)...)
	}
	le.PutUint16(out, uint16(len(out)))
	return out
}

func fixedInfo(v [4]uint16) []byte {
	le := binary.LittleEndian
	f := make([]byte, 52)
	le.PutUint32(f, 0xFEEF04BD)
	le.PutUint32(f[4:], 0x00010000)
	ms, ls := uint32(v[0])<<16|uint32(v[1]), uint32(v[2])<<16|uint32(v[3])
	le.PutUint32(f[8:], ms)
	le.PutUint32(f[12:], ls)
	le.PutUint32(f[16:], ms)
	le.PutUint32(f[20:], ls)
	le.PutUint32(f[32:], 0x40004)
	le.PutUint32(f[36:], 1)
	return f
}

func encodeVersion(v [4]uint16, strs []kv) []byte {
	var table []testBlock
	for _, s := range strs {
		table = append(table, testBlock{key: s.K, text: true, value: textValue(s.V)})
	}
	tr := binary.LittleEndian.AppendUint16(binary.LittleEndian.AppendUint16(nil, langID), codepage)
	return encodeBlock(testBlock{key: "VS_VERSION_INFO", value: fixedInfo(v), children: []testBlock{
		{key: "StringFileInfo", text: true, children: []testBlock{{key: "040904B0", text: true, children: table}}},
		{key: "VarFileInfo", text: true, children: []testBlock{{key: "Translation", value: tr}}},
	}})
}

func groupIcon(ids ...uint16) []byte {
	le := binary.LittleEndian
	b := make([]byte, 6)
	le.PutUint16(b[2:], 1)
	le.PutUint16(b[4:], uint16(len(ids)))
	for _, id := range ids {
		e := make([]byte, 14)
		le.PutUint16(e[4:], 1)
		le.PutUint16(e[6:], 32)
		le.PutUint16(e[12:], id)
		b = append(b, e...)
	}
	return b
}

// testResources are the resources of kind k for a, as windres makes them.
func testResources(t testing.TB, a App, k Kind) []testRes {
	ico, err := MakeICO(testIcon(256))
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := splitICO(ico)
	if err != nil {
		t.Fatal(err)
	}
	var res []testRes
	var ids []uint16
	for i, d := range imgs {
		res = append(res, testRes{typ: ResName{ID: rtIcon}, name: ResName{ID: uint16(i + 1)}, lang: langID, data: d})
		ids = append(ids, uint16(i+1))
	}
	res = append(res,
		testRes{typ: ResName{ID: rtGroupIcon}, name: ResName{Name: iconName}, lang: langID, data: groupIcon(ids...)},
		testRes{typ: ResName{ID: rtVersion}, name: ResName{ID: 1}, lang: langID, data: encodeVersion(a.Version4(), VersionStrings(a, k))},
		testRes{typ: ResName{ID: rtManifest}, name: ResName{ID: manifestID}, lang: langID, data: Manifest(a, k)},
	)
	return res
}

// splitICO returns the raw image data of an .ico.
func splitICO(b []byte) ([][]byte, error) {
	if _, err := ParseICO(b); err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	var out [][]byte
	for i := range int(le.Uint16(b[4:])) {
		d := b[6+16*i:]
		size, off := le.Uint32(d[8:]), le.Uint32(d[12:])
		out = append(out, b[off:off+size])
	}
	return out, nil
}

func TestParseResources(t *testing.T) {
	a := testApp(t)
	for _, k := range Kinds(a) {
		res := testResources(t, a, k)
		const base = 0x5000
		sec := encodeRsrc(base, res)
		got, err := parseResources(sec, base, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(res) {
			t.Fatalf("%d resources, want %d", len(got), len(res))
		}
		info := &PEInfo{Machine: 0x8664, Subsystem: subsystemConsole, Resources: got}
		if k.GUI {
			info.Subsystem = subsystemGUI
		}
		sum, err := Check(info, a, k)
		if err != nil {
			t.Fatalf("%s: %v", k.Key, err)
		}
		if !strings.Contains(sum, "1.2.3.45") || !strings.Contains(sum, k.Exe) {
			t.Errorf("summary %q", sum)
		}
	}
}

// Check names each thing that is wrong.
func TestCheckFindsProblems(t *testing.T) {
	a := testApp(t)
	k, _ := KindByKey(a, "desk")
	other := a
	other.Version, other.Build, other.Publisher = "9.9.9", 1, "Ai đó"
	withoutType := func(res []testRes, typ uint16) []testRes {
		return slices.DeleteFunc(slices.Clone(res), func(r testRes) bool { return r.typ.ID == typ })
	}
	full := testResources(t, a, k)
	for _, c := range []struct {
		name      string
		res       []testRes
		machine   uint16
		subsystem uint16
		want      []string
	}{
		{"built from another FyneApp.toml", testResources(t, other, k), 0x8664, subsystemGUI,
			[]string{"fixed version is file [9 9 9 1]", `CompanyName is "Ai đó"`, "ProductVersion is \"9.9.9\"", "manifest differs"}},
		{"console build of the GUI", full, 0x8664, subsystemConsole, []string{"subsystem is 3, want 2"}},
		{"32-bit", full, 0x14c, subsystemGUI, []string{"want amd64"}},
		{"no icon", withoutType(withoutType(full, rtGroupIcon), rtIcon), 0x8664, subsystemGUI, []string{"no icon group"}},
		{"group names a missing icon", withoutType(full, rtIcon), 0x8664, subsystemGUI, []string{"which is missing"}},
		{"no version", withoutType(full, rtVersion), 0x8664, subsystemGUI, []string{"0 version resources"}},
		{"no manifest", withoutType(full, rtManifest), 0x8664, subsystemGUI, []string{"no application manifest"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseResources(encodeRsrc(0x1000, c.res), 0x1000, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Check(&PEInfo{Machine: c.machine, Subsystem: c.subsystem, Resources: got}, a, k)
			if err == nil {
				t.Fatal("no problem found")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems lack %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestBlankIcon(t *testing.T) {
	a := testApp(t)
	k, _ := KindByKey(a, "ctl")
	res := testResources(t, a, k)
	ico, _ := MakeICO(image256Transparent())
	imgs, _ := splitICO(ico)
	for i := range res {
		if res[i].typ.ID == rtIcon {
			res[i].data = imgs[int(res[i].name.ID)-1]
		}
	}
	got, err := parseResources(encodeRsrc(0, res), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Check(&PEInfo{Machine: 0x8664, Subsystem: subsystemConsole, Resources: got}, a, k)
	if err == nil || !strings.Contains(err.Error(), "is blank") {
		t.Fatalf("error %v, want a blank icon", err)
	}
}

func TestParseResourcesRejects(t *testing.T) {
	a := testApp(t)
	k, _ := KindByKey(a, "ctl")
	good := encodeRsrc(0x2000, testResources(t, a, k)[:1])
	le := binary.LittleEndian
	for _, c := range []struct {
		name string
		sec  []byte
		base uint32
		want string
	}{
		{"empty", nil, 0x2000, "outside the section"},
		{"data before the section", good, 0x3000, "before its section"},
		{"data past the end", good[:len(good)-8], 0x2000, "outside the section"},
		{"loop", func() []byte {
			b := slices.Clone(good)
			le.PutUint32(b[16+4:], 0x80000000) // the type entry points at the root
			return b
		}(), 0x2000, "points backwards"},
		{"too deep", func() []byte {
			// every level points one directory further: type → name →
			// language → another directory
			b := make([]byte, 4*24)
			for i := range 4 {
				le.PutUint16(b[24*i+14:], 1)
				le.PutUint32(b[24*i+16+4:], 0x80000000|uint32(24*(i+1)))
			}
			return append(b, make([]byte, 24)...)
		}(), 0, "deeper than"},
	} {
		if _, err := parseResources(c.sec, c.base, 0); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func TestParseVersionInfo(t *testing.T) {
	a := testApp(t)
	k, _ := KindByKey(a, "desk")
	v, err := ParseVersionInfo(encodeVersion(a.Version4(), VersionStrings(a, k)))
	if err != nil {
		t.Fatal(err)
	}
	if v.FileVersion != [4]uint16{1, 2, 3, 45} || v.FileType != 1 || v.FileOS != 0x40004 {
		t.Errorf("fixed info %+v", v)
	}
	for _, s := range VersionStrings(a, k) {
		if v.Strings[s.K] != s.V {
			t.Errorf("%s = %q, want %q", s.K, v.Strings[s.K], s.V)
		}
	}
	if !slices.Equal(v.Translation, []uint32{langID<<16 | codepage}) {
		t.Errorf("translation %x", v.Translation)
	}
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "truncated"},
		{"wrong key", encodeBlock(testBlock{key: "VS_OTHER", value: fixedInfo([4]uint16{})}), "want VS_VERSION_INFO"},
		{"no fixed info", encodeBlock(testBlock{key: "VS_VERSION_INFO"}), "no VS_FIXEDFILEINFO"},
		{"length beyond data", encodeVersion(a.Version4(), nil)[:40], "outside 6..40"},
	} {
		if _, err := ParseVersionInfo(c.b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func FuzzParseResources(f *testing.F) {
	a := testApp(f)
	for _, k := range Kinds(a) {
		f.Add(encodeRsrc(0x1000, testResources(f, a, k)), uint32(0x1000))
	}
	f.Add([]byte{}, uint32(0))
	f.Fuzz(func(t *testing.T, sec []byte, base uint32) {
		res, err := parseResources(sec, base, 0)
		if err != nil {
			return
		}
		info := &PEInfo{Resources: res}
		info.IconGroups()
		for _, r := range info.Find(rtVersion) {
			ParseVersionInfo(r.Data)
		}
		if len(res) > maxResources {
			t.Fatalf("%d resources", len(res))
		}
	})
}

func FuzzParseVersionInfo(f *testing.F) {
	a := testApp(f)
	for _, k := range Kinds(a) {
		f.Add(encodeVersion(a.Version4(), VersionStrings(a, k)))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := ParseVersionInfo(b)
		if err == nil && v.Strings == nil {
			t.Fatal("nil strings map")
		}
	})
}

// TestWindresAndMingw builds real executables with the resources the way
// scripts/windows.sh does (winpack gen → windres → link) and checks them
// with ReadPE: the parser against the real toolchain's output. It needs
// mingw-w64 (scripts/deps.sh test); CI sets MOTCUA_REQUIRE_TOOLS=1.
func TestWindresAndMingw(t *testing.T) {
	gcc, err1 := exec.LookPath("x86_64-w64-mingw32-gcc")
	windres, err2 := exec.LookPath("x86_64-w64-mingw32-windres")
	if err1 != nil || err2 != nil {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatal("mingw-w64 is missing (scripts/deps.sh test installs gcc-mingw-w64-x86-64)")
		}
		t.Skip("mingw-w64 not installed")
	}
	dir := t.TempDir()
	icon := filepath.Join(dir, "icon.png")
	writePNG(t, icon, testIcon(512))
	toml := filepath.Join(dir, "FyneApp.toml")
	if err := os.WriteFile(toml, []byte(strings.Replace(goodTOML, "assets/icon/icon.png", "icon.png", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	const pub = "Sở Thông tin và Truyền thông \"Mẫu\""
	res := filepath.Join(dir, "res")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "-toml", toml, "-out", res, "-publisher", pub}, &stdout, &stderr); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr.String())
	}
	if err := os.WriteFile(filepath.Join(dir, "main.c"), []byte("int main(void) { return 0; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ kind, flag string }{{"desk", "-mwindows"}, {"ctl", "-mconsole"}} {
		obj := filepath.Join(dir, c.kind+".o")
		cmd := exec.Command(windres, "-c", "65001", "-O", "coff", "-o", obj, c.kind+".rc")
		cmd.Dir = res
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("windres %s: %v\n%s", c.kind, err, out)
		}
		exe := filepath.Join(dir, c.kind+".exe")
		if out, err := exec.Command(gcc, c.flag, "-o", exe, filepath.Join(dir, "main.c"), obj).CombinedOutput(); err != nil {
			t.Fatalf("gcc: %v\n%s", err, out)
		}
		stdout.Reset()
		stderr.Reset()
		if code := run([]string{"check", "-toml", toml, "-publisher", pub, "-kind", c.kind, exe}, &stdout, &stderr); code != 0 {
			t.Fatalf("check %s: exit %d:\n%s", c.kind, code, stderr.String())
		}
		if want := map[string]string{"desk": "motcua.exe: motcua 1.2.3.45", "ctl": "motcuactl.exe: motcua 1.2.3.45"}[c.kind]; !strings.HasPrefix(stdout.String(), want) {
			t.Errorf("check %s printed %q, want it to start with %q", c.kind, stdout.String(), want)
		}
		// info prints what the exe says about itself.
		stdout.Reset()
		if code := run([]string{"info", exe}, &stdout, &stderr); code != 0 {
			t.Fatalf("info %s: exit %d: %s", c.kind, code, stderr.String())
		}
		for _, want := range []string{"machine: 0x8664\n", "fixed file version: 1.2.3.45\n", "CompanyName: " + pub + "\n",
			"icon GLFW_ICON: 16 20 24 32 40 48 64 128 256\n", "manifest 1: "} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("info %s lacks %q:\n%s", c.kind, want, stdout.String())
			}
		}
		stdout.Reset()
		// The same exe against other metadata fails.
		stderr.Reset()
		if code := run([]string{"check", "-toml", toml, "-kind", c.kind, exe}, &stdout, &stderr); code != 1 ||
			!strings.Contains(stderr.String(), "CompanyName") {
			t.Fatalf("check %s with another publisher: exit %d: %s", c.kind, code, stderr.String())
		}
	}
}
