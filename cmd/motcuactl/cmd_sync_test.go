package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/hub"
	"motcua/hub/pgtest"
	"motcua/store"
	"motcua/wire"
)

func runSync(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"--db", db, "sync"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSyncCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := wire.OpenStore(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	install := db.InstallID()
	db.Close()

	code, out, _ := runSync(t, path, "status")
	if code != 0 || !strings.Contains(out, "hub: not enrolled") || !strings.Contains(out, "pending: 0  quarantined: 0") || !strings.Contains(out, install) {
		t.Fatalf("status: %d %q", code, out)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "missing subcommand"},
		{[]string{"fly"}, 2, "unknown subcommand"},
		{[]string{"enroll", "--hub", "http://127.0.0.1:1"}, 2, "usage: sync enroll"},
		{[]string{"push"}, 1, "not enrolled"},
		{[]string{"export"}, 2, "usage: sync export"},
		{[]string{"export", filepath.Join(t.TempDir(), "b.zip")}, 1, "office is not set up"},
		{[]string{"import", filepath.Join(t.TempDir(), "missing")}, 1, "no such file"},
		{[]string{"enroll", "--hub", "http://127.0.0.1:1", "--token", "enr-x"}, 1, "office is not set up"},
	}
	for _, c := range cases {
		code, _, errs := runSync(t, path, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("sync %v: exit %d %q, want %d %q", c.args, code, errs, c.code, c.want)
		}
	}
}

// A desk restored from an older backup would issue again the codes it
// printed after the backup (its day counter went back). "sync push" reads
// the hub's code floors and raises the counters past them first. (Real
// clocks: the hub refuses requests more than a day off its clock.)
func TestSyncPushRaisesCodeFloorsAfterRestore(t *testing.T) {
	if now := time.Now().In(dossier.Zone); now.Hour() == 23 && now.Minute() == 59 {
		time.Sleep(time.Duration(61-now.Second()) * time.Second) // keep every code on one day
	}
	ctx := context.Background()
	path, codes, _ := formsDB(t, desk.FormsTT03)
	h, err := hub.Open(ctx, pgtest.New(t), hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(h.Handler())
	defer srv.Close()
	tok, err := h.IssueEnrollToken(ctx, "000.00.06.H56")
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runSync(t, path, "enroll", "--hub", srv.URL, "--token", tok); code != 0 {
		t.Fatalf("enroll: %d %q %q", code, out, errs)
	}
	// receive stores a dossier received now (the store's own clock).
	receive := func() string {
		t.Helper()
		db, err := wire.OpenStore(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var o desk.Office
		var dk desk.Desk
		db.GetSetting("office", &o)
		db.GetSetting("desk", &dk)
		d, err := db.Dossier(codes[1])
		if err != nil {
			t.Fatal(err)
		}
		n := *d
		n.ID, n.Code, n.Status = 0, "", dossier.StatusReceived
		n.ReceivedAt = time.Now().In(dossier.Zone).Truncate(time.Second)
		n.FirstAppointment, n.Appointment, n.TransferDue = n.ReceivedAt.Add(72*time.Hour), n.ReceivedAt.Add(72*time.Hour), n.ReceivedAt.Add(time.Hour)
		n.History = []dossier.Event{{Kind: dossier.EvReceived, At: n.ReceivedAt, Actor: "binhlv", To: dossier.StatusReceived}}
		if err := db.CreateDossier(&n, o.CodeScheme(dk)); err != nil {
			t.Fatal(err)
		}
		return string(n.Code)
	}
	seqOf := func(code string) int {
		_, _, seq, err := dossier.ParseCode(code)
		if err != nil {
			t.Fatal(err)
		}
		return seq
	}
	first := receive()
	backup := filepath.Join(t.TempDir(), "before.db")
	if code, _, errs := runForm(t, "", "--db", path, "backup", backup); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	// After the backup: another dossier, printed and pushed to the hub.
	second := receive()
	if seqOf(second) != seqOf(first)+1 {
		t.Fatalf("codes %s then %s", first, second)
	}
	if code, out, errs := runSync(t, path, "push"); code != 0 || !strings.HasPrefix(out, "sent 6 events") || strings.Contains(out, "raised") {
		t.Fatalf("push: %d %q %q", code, out, errs)
	}
	// The disk dies; the backup comes back. The restore says what to do.
	code, _, errs := runForm(t, "", "--db", path, "restore", backup)
	if code != 0 || !strings.Contains(errs, "before the first intake, run \"motcuactl sync push\"") {
		t.Fatalf("restore: %d %q", code, errs)
	}
	code, out, errs := runSync(t, path, "push")
	if code != 0 || !strings.HasSuffix(out, "day counters raised past codes the hub holds from this desk: "+second+"\n") {
		t.Fatalf("push after the restore: %d %q %q", code, out, errs)
	}
	if next := receive(); seqOf(next) != seqOf(second)+1 {
		t.Fatalf("after the restore the desk issued %s; %s is printed already", next, second)
	}
	// Once raised, a push raises nothing again.
	if code, out, _ := runSync(t, path, "push"); code != 0 || strings.Contains(out, "raised") {
		t.Fatalf("second push: %d %q", code, out)
	}
}
