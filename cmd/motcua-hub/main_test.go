package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"motcua/hub"
	"motcua/hub/pgtest"
	"motcua/hub/portal/portaltest"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const office = "000.00.06.H56"

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// seed enrols a synthetic desk and ingests n events (n/2 dossiers).
func seed(t *testing.T, pg string, n int) {
	t.Helper()
	ctx := context.Background()
	h, err := hub.Open(ctx, pg, hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	tok, err := h.IssueEnrollToken(ctx, office)
	if err != nil {
		t.Fatal(err)
	}
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	pub := priv.Public().(ed25519.PublicKey)
	st := synctest.NewStore("0123456789abcdef", "fedcba9876543210")
	if _, err := h.Enroll(ctx, &syncproto.EnrollRequest{Token: tok, Install: st.InstallID(), Incarnation: st.IncarnationID(), Office: office,
		Slot: 1, Slots: 10, KeyID: syncproto.KeyIDOf(pub), PublicKey: pub, Desk: "quay-01"}); err != nil {
		t.Fatal(err)
	}
	if err := synctest.Fill(st, office, n); err != nil {
		t.Fatal(err)
	}
	items, _ := st.Pending(0, n)
	b := &syncproto.Batch{Install: st.InstallID(), Incarnation: st.IncarnationID(), First: 1, Last: items[len(items)-1].Seq}
	for _, it := range items {
		b.Items = append(b.Items, syncproto.NewItem(it.Seq, it.Payload))
	}
	raw, err := b.Sign(priv, syncproto.KeyIDOf(pub))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Ingest(ctx, raw); err != nil {
		t.Fatal(err)
	}
}

func TestForwardCommands(t *testing.T) {
	pg := pgtest.New(t)
	seed(t, pg, 6)
	ps := portaltest.New(office)
	defer ps.Close()
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte(portaltest.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	loose := filepath.Join(dir, "pw-loose")
	if err := os.WriteFile(loose, []byte("p\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "pw-empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	base := []string{"forward", "--pg", pg, "--portal", ps.URL, "--user", portaltest.User, "--unit", office, "--dstcode", portaltest.DstCode, "--once"}
	cases := []struct {
		name string
		args []string
		code int
		out  string // in stdout (code 0) or stderr
	}{
		{"no flags", []string{"forward", "--pg", pg}, 2, "usage: forward --portal URL"},
		{"bad interval", append(append([]string{}, base...), "--password-file", pw, "--interval", "0s"), 2, "must be positive"},
		{"not a URL", []string{"forward", "--pg", pg, "--portal", "ftp://x", "--user", "u", "--unit", office, "--password-file", pw}, 2, "http(s) URL"},
		{"password file readable by others", append(append([]string{}, base...), "--password-file", loose), 1, "readable by other users"},
		{"empty password file", append(append([]string{}, base...), "--password-file", empty), 1, "is empty"},
		{"missing password file", append(append([]string{}, base...), "--password-file", filepath.Join(dir, "none")), 1, "password file"},
		{"bad unit", []string{"forward", "--pg", pg, "--portal", ps.URL, "--user", "u", "--unit", "h56..x", "--password-file", pw, "--once"}, 1, "agency code"},
		{"status before any pass", []string{"forward-status", "--pg", pg, "--unit", office}, 0, "3 dossiers: 0 delivered, 3 pending, 0 refused"},
		{"one pass", append(append([]string{}, base...), "--password-file", pw), 0, "forwarded 3 dossiers (0 as updates) and 6 progress items; 0 refused"},
		{"second pass", append(append([]string{}, base...), "--password-file", pw), 0, "forwarded 0 dossiers"},
		{"status", []string{"forward-status", "--pg", pg, "--unit", office}, 0, "3 dossiers: 3 delivered, 0 pending, 0 refused"},
		{"status json", []string{"forward-status", "--pg", pg, "--unit", office, "--json"}, 0, `"delivered": 3`},
		{"status without unit", []string{"forward-status", "--pg", pg}, 2, "usage: forward-status"},
		{"stats", []string{"stats", "--pg", pg}, 0, "LOST FROM DESK AFTER RESTORE"},
		{"lost", []string{"lost", "--pg", pg}, 0, "no dossier lost from a restored desk"},
		{"lost json", []string{"lost", "--pg", pg, "--json"}, 0, "[]"},
		{"resolve without --by", []string{"lost", "--pg", pg, "--resolve", "x"}, 2, "usage: lost"},
		{"resolve unknown", []string{"lost", "--pg", pg, "--resolve", "000.00.06.H56-260302-0001", "--by", "tổ một cửa"}, 1, "no unresolved lost record"},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(c.args...)
		where := out
		if c.code != 0 {
			where = errOut
		}
		if code != c.code || !strings.Contains(where, c.out) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d with %q", c.name, code, out, errOut, c.code, c.out)
		}
	}
	if got := ps.Held(); len(got) != 3 {
		t.Fatalf("the portal holds %v", got)
	}
	// The portal down: --once exits 1 and the status shows the error.
	seedMore := func() {
		h, err := hub.Open(context.Background(), pg, hub.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		if _, err := h.Pool().Exec(context.Background(), `DELETE FROM portal_sync`); err != nil {
			t.Fatal(err)
		}
	}
	seedMore()
	ps.SetDown(true)
	if code, _, errOut := runCLI(append(append([]string{}, base...), "--password-file", pw)...); code != 1 || !strings.Contains(errOut, "portal unavailable") {
		t.Fatalf("portal down: exit %d %s", code, errOut)
	}
	if code, out, _ := runCLI("forward-status", "--pg", pg, "--unit", office); code != 0 || !strings.Contains(out, "last error") || !strings.Contains(out, "503") {
		t.Fatalf("status after the outage: %d %s", code, out)
	}
}
