package receipt

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
)

// testKey is deterministic: the seed is 32 bytes of i.
func testKey(t testing.TB, i byte, name string) Key {
	t.Helper()
	k, err := NewKey(bytes.NewReader(bytes.Repeat([]byte{i}, 32)), name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var (
	recv = time.Date(2023, 10, 27, 9, 32, 41, 0, dossier.Zone)
	appt = time.Date(2023, 11, 3, 9, 0, 0, 0, dossier.Zone)
)

func testClaims() Claims {
	return Claims{Code: "000.00.06.H56-231027-0361", Procedure: "1.001193.000.00.00.H56", Received: recv, Appointment: appt}
}

func TestKeyID(t *testing.T) {
	k := testKey(t, 1, "Quầy 1")
	if len(k.ID) != 8 || k.ID != KeyIDOf(k.Public) || !validKeyID(k.ID) {
		t.Fatalf("bad id %q", k.ID)
	}
	// Pinned: a change to the id, the signed message or the text format
	// would invalidate every receipt already printed.
	text, err := k.Sign(testClaims(), "")
	if err != nil {
		t.Fatal(err)
	}
	const pinned = "motcua:tra-cuu?c=000.00.06.H56-231027-0361&p=1.001193.000.00.00.H56&r=2310270932&a=2311030900&k=34750f98&s=XyPXwWaqpdC4id6KznJ8g06rq1WYYXAC07h5mKweYuc4pDHZCGYymGTSX4OBL0Jk82M8JoCfNq60uU4a9PPLBQ"
	if k.ID != "34750f98" || text != pinned {
		t.Fatalf("format changed:\n got %s\nwant %s", text, pinned)
	}
	if !k.CanSign() || k.PublicOnly().CanSign() {
		t.Fatal("CanSign wrong")
	}
	if _, err := NewKey(bytes.NewReader(nil), "x"); err == nil {
		t.Fatal("short random source must fail")
	}
	for _, name := range []string{"", "  ", "a\nb", strings.Repeat("x", 101), "a\x00"} {
		if _, err := NewKey(bytes.NewReader(make([]byte, 32)), name); err == nil {
			t.Errorf("name %q accepted", name)
		}
	}
}

func TestSignPinned(t *testing.T) {
	k := testKey(t, 7, "Quầy 3 – TTPVHCC")
	got, err := k.Sign(testClaims(), "https://dichvucong.example.gov.vn/tra-cuu")
	if err != nil {
		t.Fatal(err)
	}
	want := "https://dichvucong.example.gov.vn/tra-cuu?c=000.00.06.H56-231027-0361&p=1.001193.000.00.00.H56&r=2310270932&a=2311030900&k=" + k.ID + "&s="
	if !strings.HasPrefix(got, want) {
		t.Fatalf("got  %s\nwant %s…", got, want)
	}
	if len(got)-len(want) != 86 {
		t.Fatalf("signature length %d, want 86", len(got)-len(want))
	}
	again, _ := k.Sign(testClaims(), "https://dichvucong.example.gov.vn/tra-cuu")
	if again != got {
		t.Fatal("signing is not deterministic")
	}
	for _, s := range got {
		if s > 127 {
			t.Fatal("non-ASCII in QR text")
		}
	}
}

func TestSignErrors(t *testing.T) {
	k := testKey(t, 7, "k")
	c := testClaims()
	cases := []struct {
		name   string
		mutate func(*Claims)
		lookup string
		key    Key
		want   string
	}{
		{"public key only", nil, "", k.PublicOnly(), "cannot sign"},
		{"ftp lookup", nil, "ftp://x/y", k, "http(s)"},
		{"lookup with fragment", nil, "https://x.vn/a#b", k, "fragment"},
		{"lookup uses c", nil, "https://x.vn/a?c=1", k, `parameter "c"`},
		{"empty code", func(c *Claims) { c.Code = "" }, "", k, "dossier code is empty"},
		{"code with space", func(c *Claims) { c.Code = "A B" }, "", k, "may contain only"},
		{"code with pipe", func(c *Claims) { c.Code = "A|B" }, "", k, "may contain only"},
		{"long procedure", func(c *Claims) { c.Procedure = strings.Repeat("1", 65) }, "", k, "longer than"},
		{"no received", func(c *Claims) { c.Received = time.Time{} }, "", k, "received time is required"},
		{"appointment first", func(c *Claims) { c.Appointment = recv.Add(-time.Hour) }, "", k, "before the received"},
		{"year 1999", func(c *Claims) {
			c.Received = time.Date(1999, 1, 1, 0, 0, 0, 0, dossier.Zone)
			c.Appointment = time.Time{}
		}, "", k, "2000–2099"},
		{"year 2100", func(c *Claims) {
			c.Received = time.Date(2100, 1, 1, 0, 0, 0, 0, dossier.Zone)
			c.Appointment = time.Time{}
		}, "", k, "2000–2099"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cc := c
			if tc.mutate != nil {
				tc.mutate(&cc)
			}
			_, err := tc.key.Sign(cc, tc.lookup)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// verifyCase is shared by the table test and the fuzz seed corpus.
type verifyCase struct {
	name string
	text string
	want error // nil = OK
	code string
}

func verifyCases(t testing.TB) ([]verifyCase, Keyring) {
	k := testKey(t, 7, "Quầy 3")
	other := testKey(t, 9, "Quầy 9")
	ring := Keyring{}
	ring.Add(k)
	sign := func(c Claims, lookup string, key Key) string {
		s, err := key.Sign(c, lookup)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := sign(testClaims(), "https://dvc.example.gov.vn/tra-cuu", k)
	noAppt := testClaims()
	noAppt.Appointment = time.Time{}
	q := good[strings.IndexByte(good, '?')+1:]
	replace := func(s, old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("%q not in %q", old, s)
		}
		return strings.Replace(s, old, new, 1)
	}
	sig := good[strings.LastIndex(good, "s=")+2:]
	flipped := []byte(sig)
	if flipped[10] == 'A' {
		flipped[10] = 'B'
	} else {
		flipped[10] = 'A'
	}
	return []verifyCase{
		{"url", good, nil, "000.00.06.H56-231027-0361"},
		{"surrounding spaces", "  " + good + "\n", nil, "000.00.06.H56-231027-0361"},
		{"bare query", q, nil, "000.00.06.H56-231027-0361"},
		{"no appointment motcua uri", sign(noAppt, "", k), nil, "000.00.06.H56-231027-0361"},
		{"lookup with own query", sign(testClaims(), "https://dvc.example.gov.vn/tc?site=th&x", k), nil, "000.00.06.H56-231027-0361"},
		{"percent-encoded code", replace(good, "c=000.00", "c=000%2E00"), nil, "000.00.06.H56-231027-0361"},
		{"fragment ignored", good + "#top", nil, "000.00.06.H56-231027-0361"},

		{"empty", "", ErrMalformed, ""},
		{"plain text", "000.00.06.H56-231027-0361", ErrMalformed, ""},
		{"cccd qr", "001099012345|012345678|Nguyễn Văn A|01011990|Nam|Hà Nội|01012021", ErrMalformed, ""},
		{"missing s", good[:strings.LastIndex(good, "&s=")], ErrMalformed, ""},
		{"missing a", replace(good, "&a=2311030900", ""), ErrMalformed, ""},
		{"duplicate c", good + "&c=X", ErrMalformed, ""},
		{"bad escape", replace(good, "c=000", "c=%zz000"), ErrMalformed, ""},
		{"bad received", replace(good, "r=2310270932", "r=2313270932"), ErrMalformed, ""},
		{"short received", replace(good, "r=2310270932", "r=23102709"), ErrMalformed, ""},
		{"bad appointment", replace(good, "a=2311030900", "a=23110309xx"), ErrMalformed, ""},
		{"upper-case key id", replace(good, "k="+k.ID, "k="+strings.ToUpper(k.ID)+"X"), ErrMalformed, ""},
		{"short signature", good[:len(good)-4], ErrMalformed, ""},
		{"padded signature", good + "==", ErrMalformed, ""},
		{"code with space", replace(good, "c=000", "c=0+00"), ErrMalformed, ""},
		{"too long", good + "&z=" + strings.Repeat("x", MaxText), ErrMalformed, ""},

		{"unknown key", sign(testClaims(), "", other), ErrUnknownKey, ""},

		{"altered code", replace(good, "-0361", "-0362"), ErrBadSignature, ""},
		{"altered appointment", replace(good, "a=2311030900", "a=2311100900"), ErrBadSignature, ""},
		{"appointment removed", replace(good, "a=2311030900", "a="), ErrBadSignature, ""},
		{"altered procedure", replace(good, "p=1.001193", "p=1.001194"), ErrBadSignature, ""},
		{"flipped signature", good[:len(good)-len(sig)] + string(flipped), ErrBadSignature, ""},
	}, ring
}

func TestVerify(t *testing.T) {
	cases, ring := verifyCases(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Verify(tc.text, ring.Trusted)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if c.Code != tc.code || c.Procedure != "1.001193.000.00.00.H56" || !c.Received.Equal(recv.Truncate(time.Minute)) {
					t.Fatalf("claims %+v", c)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			// Exactly one reason.
			n := 0
			for _, e := range []error{ErrMalformed, ErrUnknownKey, ErrBadSignature} {
				if errors.Is(err, e) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("error %v wraps %d reasons", err, n)
			}
		})
	}
}

func TestVerifyClaims(t *testing.T) {
	k := testKey(t, 7, "Quầy 3")
	ring := Keyring{}
	ring.Add(k)
	c := testClaims()
	text, _ := k.Sign(c, "")
	got, err := Verify(text, ring.Trusted)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Appointment.Equal(appt) || got.KeyID != k.ID || got.Received.Location() != dossier.Zone {
		t.Fatalf("claims %+v", got)
	}
	if !strings.HasPrefix(text, "motcua:tra-cuu?c=") {
		t.Fatalf("default base: %s", text)
	}
	// yy is 20yy: Go alone would read a 2070s receipt as the 1970s.
	late := testClaims()
	late.Received = time.Date(2071, 5, 4, 9, 30, 0, 0, dossier.Zone)
	late.Appointment = late.Received.AddDate(0, 0, 3)
	if text, err = k.Sign(late, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := Verify(text, ring.Trusted); err != nil || !got.Received.Equal(late.Received) || !got.Appointment.Equal(late.Appointment) {
		t.Fatalf("2071 receipt read back as %v / %v (%v)", got.Received, got.Appointment, err)
	}
}

func FuzzVerify(f *testing.F) {
	cases, ring := verifyCases(f)
	for _, tc := range cases {
		f.Add(tc.text)
	}
	k := testKey(f, 7, "Quầy 3")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Verify(text, ring.Trusted)
		if err != nil {
			n := 0
			for _, e := range []error{ErrMalformed, ErrUnknownKey, ErrBadSignature} {
				if errors.Is(err, e) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("error %v wraps %d reasons", err, n)
			}
			return
		}
		// Anything accepted must be exactly what the key signs for these
		// claims: re-signing reproduces the same query.
		again, err := k.Sign(c, "")
		if err != nil {
			t.Fatalf("accepted claims %+v cannot be re-signed: %v", c, err)
		}
		c2, err := Verify(again, ring.Trusted)
		if err != nil || c2 != c {
			t.Fatalf("round trip: %+v vs %+v (%v)", c, c2, err)
		}
	})
}

func TestPublicKeyExportImport(t *testing.T) {
	k := testKey(t, 3, "Quầy 3 – TTPVHCC xã Đông Sơn")
	line := k.PublicLine()
	got, err := ParsePublicKey(line)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != k.ID || got.Name != k.Name || !got.Public.Equal(k.Public) || got.Private != nil {
		t.Fatalf("round trip %+v", got)
	}
	other := testKey(t, 4, "Hub")
	file := "# keys of Thanh Hóa\n\n" + line + "\r\n" + other.PublicLine() + "\n"
	keys, err := ParsePublicKeys(strings.NewReader(file))
	if err != nil || len(keys) != 2 || keys[1].ID != other.ID {
		t.Fatalf("%v %v", keys, err)
	}
}

// keyLineCases is shared by the table test and the fuzz seeds.
func keyLineCases(t testing.TB) []struct{ line, want string } {
	k := testKey(t, 3, "Quầy 3")
	line := k.PublicLine()
	f := strings.SplitN(line, " ", 5)
	badID := "00000000"
	if k.ID == badID {
		badID = "11111111"
	}
	return []struct{ line, want string }{
		{line, ""},
		{"", "not a motcua public key line"},
		{"ssh-ed25519 AAAA", "not a motcua public key line"},
		{strings.Join([]string{f[0], "v2", f[2], f[3], f[4]}, " "), "unsupported key format version"},
		{strings.Join([]string{f[0], f[1], "XYZ", f[3], f[4]}, " "), "lower-case hex"},
		{strings.Join([]string{f[0], f[1], f[2], "AAAA", f[4]}, " "), "32 bytes"},
		{strings.Join([]string{f[0], f[1], badID, f[3], f[4]}, " "), "does not match"},
		{strings.Join([]string{f[0], f[1], f[2], f[3]}, " "), "not a motcua public key line"},
		{strings.Join([]string{f[0], f[1], f[2], f[3], " "}, " "), "name is empty"},
	}
}

func TestParsePublicKeyErrors(t *testing.T) {
	for _, tc := range keyLineCases(t) {
		_, err := ParsePublicKey(tc.line)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.line, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.line, err, tc.want)
		}
	}
	k := testKey(t, 3, "Quầy 3")
	for _, tc := range []struct{ file, want string }{
		{"", "no public key"},
		{"# only comments\n", "no public key"},
		{k.PublicLine() + "\n" + k.PublicLine(), "line 2: key " + k.ID + " is listed twice"},
		{"\n\nmotcua-key v1 x", "line 3:"},
	} {
		_, err := ParsePublicKeys(strings.NewReader(tc.file))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.file, err, tc.want)
		}
	}
}

func FuzzParsePublicKey(f *testing.F) {
	for _, tc := range keyLineCases(f) {
		f.Add(tc.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		k, err := ParsePublicKey(line)
		if err != nil {
			return
		}
		if KeyIDOf(k.Public) != k.ID || len(k.Public) != ed25519.PublicKeySize {
			t.Fatalf("accepted inconsistent key %+v", k)
		}
		again, err := ParsePublicKey(k.PublicLine())
		if err != nil || again.ID != k.ID || again.Name != k.Name {
			t.Fatalf("re-export does not parse: %v", err)
		}
	})
}

func TestRecord(t *testing.T) {
	at := time.Date(2026, 1, 5, 8, 0, 0, 0, dossier.Zone)
	k := testKey(t, 5, "Quầy 5")
	r := k.Record(OriginLocal, at)
	if r.Private == "" || r.Origin != OriginLocal || !r.AddedAt.Equal(at) {
		t.Fatalf("%+v", r)
	}
	back, err := r.Key()
	if err != nil || !back.CanSign() || back.ID != k.ID {
		t.Fatalf("%v %+v", err, back)
	}
	pub := k.PublicOnly().Record(OriginImported, at)
	if pub.Private != "" {
		t.Fatal("public record carries a private key")
	}
	if b, err := pub.Key(); err != nil || b.CanSign() {
		t.Fatal("public record round trip")
	}
	other := testKey(t, 6, "x")
	bad := r
	bad.Private = other.Record(OriginLocal, at).Private
	if _, err := bad.Key(); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Fatalf("mismatched private key: %v", err)
	}
	bad = r
	bad.ID = "00000000"
	if _, err := bad.Key(); err == nil {
		t.Fatal("wrong id accepted")
	}
	bad = r
	bad.Public = "!!"
	if _, err := bad.Key(); err == nil {
		t.Fatal("bad public accepted")
	}
}
