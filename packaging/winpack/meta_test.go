package main

import (
	"strings"
	"testing"
)

const goodTOML = `Website = "https://example.org"

[Details]
Icon = "assets/icon/icon.png"
Name = "motcua"
ID = "vn.gov.motcua.desk"
Version = "1.2.3"
Build = 45

[Migrations]
fyneDo = true
`

func details(name, id, version, build, icon string) string {
	return "[Details]\nIcon = " + icon + "\nName = " + name + "\nID = " + id + "\nVersion = " + version + "\nBuild = " + build + "\n"
}

var appCases = []struct {
	name    string
	toml    string
	pub     string
	wantErr string // "" = valid
	v4      [4]uint16
}{
	{name: "fyne file", toml: goodTOML, v4: [4]uint16{1, 2, 3, 45}},
	{name: "publisher given", toml: goodTOML, pub: "Sở Thông tin và Truyền thông", v4: [4]uint16{1, 2, 3, 45}},
	{name: "two-part version", toml: details(`"m"`, `"a.b"`, `"2.0"`, "0", `"i.png"`), v4: [4]uint16{2, 0, 0, 0}},
	{name: "one-part version, max fields", toml: details(`"m"`, `"a.b"`, `"65535"`, "65535", `"i.png"`), v4: [4]uint16{65535, 0, 0, 65535}},
	{name: "no build", toml: "[Details]\nIcon = \"i.png\"\nName = \"m\"\nID = \"a.b\"\nVersion = \"0.1.0\"\n", v4: [4]uint16{0, 1, 0, 0}},
	{name: "not TOML", toml: "[Details\nName = 1", wantErr: "not valid TOML"},
	{name: "name not a string", toml: details("1", `"a.b"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "not valid TOML"},
	{name: "no details", toml: `Website = "x"`, wantErr: "[Details] Name is missing"},
	{name: "no icon", toml: details(`"m"`, `"a.b"`, `"1.0.0"`, "1", `""`), wantErr: "[Details] Icon is missing"},
	{name: "blank name", toml: details(`"  "`, `"a.b"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "[Details] Name is missing"},
	{name: "no version", toml: details(`"m"`, `"a.b"`, `""`, "1", `"i.png"`), wantErr: "[Details] Version is missing"},
	{name: "four-part version", toml: details(`"m"`, `"a.b"`, `"1.2.3.4"`, "1", `"i.png"`), wantErr: "at most three numbers"},
	{name: "leading zero", toml: details(`"m"`, `"a.b"`, `"1.02.3"`, "1", `"i.png"`), wantErr: `"02" is not a plain decimal`},
	{name: "pre-release suffix", toml: details(`"m"`, `"a.b"`, `"1.2.3-rc1"`, "1", `"i.png"`), wantErr: `"3-rc1" is not a plain decimal`},
	{name: "empty part", toml: details(`"m"`, `"a.b"`, `"1..3"`, "1", `"i.png"`), wantErr: `"" is not a plain decimal`},
	{name: "version field too large", toml: details(`"m"`, `"a.b"`, `"1.65536.0"`, "1", `"i.png"`), wantErr: `"65536" is over 65535`},
	{name: "build too large", toml: details(`"m"`, `"a.b"`, `"1.0.0"`, "65536", `"i.png"`), wantErr: "Build 65536: must be 0..65535"},
	{name: "negative build", toml: details(`"m"`, `"a.b"`, `"1.0.0"`, "-1", `"i.png"`), wantErr: "Build -1"},
	{name: "name with slash", toml: details(`"mot/cua"`, `"a.b"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "not a valid Windows file name"},
	{name: "name ending in dot", toml: details(`"motcua."`, `"a.b"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "not a valid Windows file name"},
	{name: "control character", toml: details(`"mot\tcua"`, `"a.b"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "contains a control character"},
	{name: "id with space", toml: details(`"m"`, `"vn.gov motcua"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "[Details] ID"},
	{name: "id with accent", toml: details(`"m"`, `"vn.mộtcửa"`, `"1.0.0"`, "1", `"i.png"`), wantErr: "[Details] ID"},
}

func TestParseApp(t *testing.T) {
	for _, c := range appCases {
		t.Run(c.name, func(t *testing.T) {
			a, err := ParseApp([]byte(c.toml), c.pub)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Version4() != c.v4 {
				t.Errorf("Version4 %v, want %v", a.Version4(), c.v4)
			}
			want := c.pub
			if want == "" {
				want = a.Name
			}
			if a.Publisher != want {
				t.Errorf("publisher %q, want %q", a.Publisher, want)
			}
		})
	}
}

func TestParseAppFields(t *testing.T) {
	a, err := ParseApp([]byte(goodTOML), "")
	if err != nil {
		t.Fatal(err)
	}
	want := App{Name: "motcua", ID: "vn.gov.motcua.desk", Version: "1.2.3", Build: 45, Icon: "assets/icon/icon.png", Publisher: "motcua"}
	if a != want {
		t.Fatalf("got %+v, want %+v", a, want)
	}
	if a.Dotted4() != "1.2.3.45" {
		t.Errorf("Dotted4 %q", a.Dotted4())
	}
}

func FuzzParseApp(f *testing.F) {
	for _, c := range appCases {
		f.Add(c.toml, c.pub)
	}
	f.Fuzz(func(t *testing.T, text, pub string) {
		a, err := ParseApp([]byte(text), pub)
		if err != nil {
			return
		}
		// Whatever parses must produce resources windres and the checker
		// agree on.
		if err := a.validate(); err != nil {
			t.Fatalf("parsed app fails validation: %v", err)
		}
		for _, k := range Kinds(a) {
			if err := wellFormed(Manifest(a, k)); err != nil {
				t.Fatalf("manifest of %+v: %v", a, err)
			}
			_ = RC(a, k, "i.ico", "m.manifest")
		}
		v := a.Version4()
		if got := a.Dotted4(); got != strings.Join(strings.Fields(strings.ReplaceAll(got, ".", " ")), ".") || v[3] != uint16(a.Build) {
			t.Fatalf("Dotted4 %q / Version4 %v for build %d", got, v, a.Build)
		}
	})
}
