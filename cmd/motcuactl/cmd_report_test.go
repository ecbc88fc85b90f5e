package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/report/xlsx"
	"motcua/store"
	"motcua/wire"
)

func rt(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, dossier.Zone)
	if err != nil {
		panic(err)
	}
	return t
}

// reportDB makes a database with an office, a two-procedure catalog (when
// withCatalog) and a handful of records on 2026-03-10.
func reportDB(t *testing.T, withCatalog bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "motcua.db")
	db, err := wire.OpenStore(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	audit := store.Audit{Actor: "test", Action: "setup"}
	if err := db.PutSetting("office", desk.Office{Name: "Bộ phận Một cửa UBND xã Hoằng Hóa", Place: "Hoằng Hóa"}, audit); err != nil {
		t.Fatal(err)
	}
	if withCatalog {
		set := catalog.NewSet("test", []*catalog.Procedure{
			{Code: "1.001193", Name: "Đăng ký khai sinh", Field: catalog.Field{Code: "HT", Name: "Hộ tịch"}},
			{Code: "1.004227", Name: "Đăng ký biến động đất đai", Field: catalog.Field{Code: "DD", Name: "Đất đai"}},
		})
		if _, err := db.ImportCatalog(set, "", audit); err != nil {
			t.Fatal(err)
		}
	}
	scheme := dossier.DefaultCodeScheme("000.00.06.H56", 1, 1)
	mk := func(proc, field string, ch dossier.Channel, recv, appt string) *dossier.Dossier {
		at := rt(recv)
		return &dossier.Dossier{Kind: dossier.KindDossier, Procedure: dossier.ProcedureRef{Code: proc, Name: "Thủ tục " + proc, FieldCode: field, Agency: "UBND xã"},
			Channel: ch, Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Nguyễn Văn An", Address: "Thôn 1", Phone: "0912345678"},
			TimeLimit: dossier.Limit{Value: 5, Unit: "working-days"}, ReceivedAt: at, FirstAppointment: rt(appt), Appointment: rt(appt),
			Clerk: "canbo01", Desk: "quay-01", Status: dossier.StatusReceived,
			History: []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: "canbo01", To: dossier.StatusReceived}}}
	}
	a := mk("1.001193", "HT", dossier.ChannelDirect, "2026-03-10 08:00", "2026-03-17 17:00")
	b := mk("1.004227", "DD", dossier.ChannelOnline, "2026-03-10 09:00", "2026-03-17 17:00")
	old := mk("1.001193", "HT", dossier.ChannelDirect, "2026-03-02 08:00", "2026-03-09 17:00")
	for _, d := range []*dossier.Dossier{old, a, b} {
		if err := db.CreateDossier(d, scheme); err != nil {
			t.Fatal(err)
		}
	}
	g := &dossier.Dossier{Kind: dossier.KindGuidance, Procedure: dossier.ProcedureRef{Code: "1.001193", FieldCode: "HT"}, Channel: dossier.ChannelDirect,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Lê Văn Tám"}, ReceivedAt: rt("2026-03-10 10:00"), Clerk: "canbo02", Desk: "quay-02", Reason: "Thiếu giấy chứng sinh",
		History: []dossier.Event{{Kind: dossier.EvGuidance, At: rt("2026-03-10 10:00"), Actor: "canbo02"}}}
	if err := db.CreateDossier(g, scheme); err != nil {
		t.Fatal(err)
	}
	// The old dossier is resolved late on the day.
	_, err = db.UpdateDossier(string(old.Code), func(d *dossier.Dossier) error {
		if err := d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: rt("2026-03-02 09:00"), Actor: "canbo01", Department: "Tư pháp"}); err != nil {
			return err
		}
		return d.Apply(dossier.Event{Kind: dossier.EvResultReady, At: rt("2026-03-10 11:00"), Actor: "canbo01", Result: dossier.ResultApproved})
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func fixClock(t *testing.T, s string) {
	old := reportNow
	reportNow = func() time.Time { return rt(s) }
	t.Cleanup(func() { reportNow = old })
}

func TestReportDaily(t *testing.T) {
	fixClock(t, "2026-03-10 15:00")
	path := reportDB(t, true)
	out := filepath.Join(t.TempDir(), "day.xlsx")
	stdout, stderr, code := runCLI(t, "--db", path, "report", "daily", "--date", "2026-03-10", "--xlsx", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := strings.Join([]string{
		"report\tdaily\t2026-03-10\tas-of\t2026-03-10 15:00",
		"office\tBộ phận Một cửa UBND xã Hoằng Hóa",
		"names\tcatalog\t2 procedures",
		"received\t2\tonline\t1\t50.0%\tdirect\t1\tpostal\t0",
		"guidance\t1",
		"refused\t0",
		"pending-online\t0",
		"digitised\t0\t0.0%",
		"due\t0",
		"overdue\t0",
		"resolved\t1\tearly\t0\ton-time\t0\tlate\t1\ton-time-766\t0\t0.0%",
		"sync\tpending\t6\tquarantined\t0\tlast-seq\t8\tacked\t0", // 6 dossier events; office and catalog changes take seq 1–2
		"by-channel\t1\tTrực tiếp\t1\t1\t0",
		"by-channel\t2\tTrực tuyến\t1\t0\t0",
		"by-field\tHT\tHộ tịch\t1\t1\t0",
		"by-field\tDD\tĐất đai\t1\t0\t0",
		"by-procedure\t1.004227\tĐăng ký biến động đất đai\t1\t0\t0",
		"by-procedure\t1.001193\tĐăng ký khai sinh\t1\t1\t0",
		"by-clerk\tcanbo01\tcanbo01\t2\t0\t0",
		"by-clerk\tcanbo02\tcanbo02\t0\t1\t0",
		"xlsx\t" + out,
	}, "\n") + "\n"
	if stdout != want {
		t.Fatalf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(xlsx.SummarySheet, "C7"); v != "2" {
		t.Errorf("summary received %q", v)
	}
	if v, _ := f.GetCellValue(xlsx.BookSheet, "E7"); v != "Nguyễn Văn An" {
		t.Errorf("book owner %q", v)
	}
	if v, _ := f.GetCellValue(xlsx.ListSheet, "C8"); v != "Hướng dẫn bổ sung" {
		t.Errorf("list guidance row %q", v)
	}
}

func TestReportPeriodWithoutCatalog(t *testing.T) {
	fixClock(t, "2026-04-01 08:00")
	path := reportDB(t, false)
	out := filepath.Join(t.TempDir(), "q1.xlsx")
	stdout, stderr, code := runCLI(t, "--db", path, "report", "period", "--from", "2026-03-01", "--to", "2026-03-31", "--xlsx", out, "--recipient", "Văn phòng UBND tỉnh")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := strings.Join([]string{
		"report\tperiod\t2026-03-01..2026-03-31\tas-of\t2026-04-01 08:00",
		"office\tBộ phận Một cửa UBND xã Hoằng Hóa",
		"names\tcodes\tno catalog in the database; codes shown",
		"columns\tTT\tkey\tname\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13",
		"row\t1\tDD\tDD\t1\t1\t0\t0\t0\t0\t0\t0\t1\t0\t1",
		"row\t2\tHT\tHT\t2\t0\t2\t0\t1\t0\t0\t1\t1\t0\t1",
		"total\t-\t-\tTổng cộng\t3\t1\t2\t0\t1\t0\t0\t1\t2\t0\t2",
		"xlsx\t" + out,
	}, "\n") + "\n"
	if stdout != want {
		t.Fatalf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"I2": "Đơn vị nhận báo cáo: Văn phòng UBND tỉnh", "A5": "Ghi chú: chưa có danh mục lĩnh vực, cột (2) ghi mã lĩnh vực.", "C13": "3", "I15": "Hoằng Hóa, ngày 01 tháng 04 năm 2026"} {
		if v, _ := f.GetCellValue(xlsx.PeriodSheet, cell); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
}

func TestReportUsage(t *testing.T) {
	path := reportDB(t, false)
	for _, args := range [][]string{
		{"report"},
		{"report", "weekly"},
		{"report", "daily"},
		{"report", "daily", "--date", "10/03/2026"},
		{"report", "daily", "--date", "2026-02-30"},
		{"report", "daily", "--date", "2026-03-10", "extra"},
		{"report", "period", "--from", "2026-03-01", "--to", "2026-03-31"},
		{"report", "period", "--from", "2026-03-31", "--to", "2026-03-01", "--xlsx", "x.xlsx"},
		{"report", "period", "--to", "2026-03-31", "--xlsx", "x.xlsx"},
	} {
		_, stderr, code := runCLI(t, append([]string{"--db", path}, args...)...)
		if code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a usage error (exit 2)", args, code, stderr)
		}
	}
	// An unwritable output is a failure (exit 1), not a usage error.
	_, stderr, code := runCLI(t, "--db", path, "report", "period", "--from", "2026-03-01", "--to", "2026-03-31", "--xlsx", filepath.Join(t.TempDir(), "missing", "x.xlsx"))
	if code != 1 || !strings.Contains(stderr, "write") {
		t.Errorf("unwritable output: exit %d, %q", code, stderr)
	}
}
