package store

import (
	"testing"
	"time"

	"motcua/dossier"
	"motcua/syncproto"
)

func TestDayClose(t *testing.T) {
	db := mustOpen(t, Options{})
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, dossier.Zone)
	rec := map[string]any{"signed_by": "sup1", "totals": map[string]int{"received": 3}}
	if err := db.PutDayClose(day, rec, true, Audit{Actor: "sup1"}); dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("amend before close: %v", err)
	}
	if err := db.PutDayClose(day, rec, false, Audit{Actor: "sup1"}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutDayClose(day, rec, false, Audit{Actor: "sup1"}); dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("second close: %v", err)
	}
	rec["note"] = "sửa"
	if err := db.PutDayClose(day, rec, true, Audit{Actor: "sup1", Detail: "paper count corrected"}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if ok, err := db.DayClose(day, &got); !ok || err != nil || got["note"] != "sửa" {
		t.Fatalf("%v %v %v", ok, err, got)
	}
	if c, _ := db.IsClosed(day.Add(36 * time.Hour)); c {
		t.Fatal("next day closed")
	}
	ds, _ := db.ClosedDays(day.AddDate(0, 0, -1), day.AddDate(0, 0, 1))
	if len(ds) != 1 || !ds[0].Equal(day) {
		t.Fatalf("%v", ds)
	}
	p, err := db.Pending(0, 10)
	if err != nil || len(p) != 2 {
		t.Fatalf("outbox %d %v", len(p), err)
	}
	ev, _ := syncproto.Decode(p[1].Payload)
	if ev.Kind != syncproto.KindDayClosed || ev.Code != "2026-03-02" || len(ev.Data) == 0 {
		t.Fatalf("%+v", ev)
	}
}
