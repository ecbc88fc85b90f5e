package report

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
)

const head = "3f1d0c5b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060504"

func closeInput(t testing.TB) CloseInput {
	return CloseInput{
		Day:      ict(t, "2026-03-10 00:00"),
		Paper:    map[string]PaperCount{"clerk-a": {Received: 2, Guidance: 1}, "clerk-b": {Received: 1, Refused: 1}},
		SignedBy: "supervisor", SignedAt: ict(t, "2026-03-10 17:30"),
		AuditSeq: 1234, AuditHash: head,
	}
}

func TestClose(t *testing.T) {
	src := dashboardFixture(t)
	c, err := Close(src, closeInput(t))
	if err != nil {
		t.Fatal(err)
	}
	want := DayCounts{Received: 3, Guidance: 1, Refused: 1, Direct: 1, Online: 1, Postal: 1}
	if c.Totals != want {
		t.Errorf("totals %+v, want %+v", c.Totals, want)
	}
	if len(c.Clerks) != 2 || c.Clerks[0].Clerk != "clerk-a" || c.Clerks[0].Records != (DayCounts{Received: 2, Guidance: 1, Direct: 1, Postal: 1}) ||
		c.Clerks[1].Records != (DayCounts{Received: 1, Refused: 1, Online: 1}) {
		t.Errorf("clerks %+v", c.Clerks)
	}
	if len(c.Differences) != 0 || c.SignedBy != "supervisor" || c.AuditSeq != 1234 || !c.Day.Equal(ict(t, "2026-03-10 00:00")) {
		t.Errorf("close %+v", c)
	}
}

func TestCloseValidation(t *testing.T) {
	src := dashboardFixture(t)
	cases := []struct {
		name string
		mod  func(in *CloseInput)
		want []string // substrings of the error; nil = accepted
	}{
		{"difference without a note", func(in *CloseInput) { in.Paper["clerk-a"] = PaperCount{Received: 1, Guidance: 1} },
			[]string{"clerk clerk-a: paper (received 1, guidance 1, refused 0) differs from the records (received 2, guidance 1, refused 0)"}},
		{"difference with a note", func(in *CloseInput) {
			in.Paper["clerk-a"] = PaperCount{Received: 1, Guidance: 1}
			in.Notes = map[string]string{"clerk-a": "one receipt stub was misfiled"}
		}, nil},
		{"clerk with records but no paper count", func(in *CloseInput) { delete(in.Paper, "clerk-b") }, []string{"clerk clerk-b has 2 records but no paper count"}},
		{"paper for a clerk without records needs a note", func(in *CloseInput) { in.Paper["clerk-c"] = PaperCount{Received: 1} }, []string{"clerk clerk-c: paper (received 1"}},
		{"negative paper count", func(in *CloseInput) { in.Paper["clerk-a"] = PaperCount{Received: -1} }, []string{"must not be negative"}},
		{"no signer", func(in *CloseInput) { in.SignedBy = " " }, []string{"supervisor signing off is required"}},
		{"no sign-off time", func(in *CloseInput) { in.SignedAt = time.Time{} }, []string{"sign-off time is required"}},
		{"signed before the last record", func(in *CloseInput) { in.SignedAt = ict(t, "2026-03-10 10:10") }, []string{"before the last record of the day (2026-03-10 10:15)"}},
		{"signed before the day", func(in *CloseInput) { in.SignedAt = ict(t, "2026-03-09 17:00") }, []string{"before the day 2026-03-10 begins"}},
		{"no audit head", func(in *CloseInput) { in.AuditHash = "" }, []string{"audit chain head is required"}},
		{"bad audit hash", func(in *CloseInput) { in.AuditHash = "XYZ" }, []string{`audit chain head hash "XYZ"`}},
		{"two problems reported together", func(in *CloseInput) { in.SignedBy = ""; delete(in.Paper, "clerk-a") },
			[]string{"supervisor signing off is required", "clerk clerk-a has 3 records but no paper count"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := closeInput(t)
			c.mod(&in)
			got, err := Close(src, in)
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Differences) == 0 {
					t.Fatal("difference not recorded")
				}
				return
			}
			if err == nil || !errors.Is(err, ErrClose) {
				t.Fatalf("accepted or wrong error: %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCloseAmend(t *testing.T) {
	src := dashboardFixture(t)
	c, err := Close(src, closeInput(t))
	if err != nil {
		t.Fatal(err)
	}
	orig := *c
	// Refusals leave the record unchanged.
	bad := []AmendInput{
		{At: ict(t, "2026-03-11 08:00"), By: "supervisor", AuditSeq: 1300, AuditHash: head, Paper: map[string]PaperCount{"clerk-a": {Received: 3, Guidance: 1}}},                    // no reason
		{At: ict(t, "2026-03-10 17:00"), By: "supervisor", Reason: "x", AuditSeq: 1300, AuditHash: head},                                                                            // before sign-off
		{At: ict(t, "2026-03-11 08:00"), By: "supervisor", Reason: "recount", AuditSeq: 1300, AuditHash: head},                                                                      // nothing changes
		{At: ict(t, "2026-03-11 08:00"), By: "supervisor", Reason: "recount", AuditSeq: 1300, AuditHash: head, Paper: map[string]PaperCount{"clerk-a": {Received: 3, Guidance: 1}}}, // difference without note
	}
	for i, in := range bad {
		if err := c.Amend(src, in); err == nil || !errors.Is(err, ErrClose) {
			t.Errorf("bad amendment %d accepted: %v", i, err)
		}
		if len(c.Amendments) != 0 || !slices.Equal(c.Clerks, orig.Clerks) {
			t.Fatalf("bad amendment %d changed the record", i)
		}
	}
	// A dossier received on the day is found later (entered after the
	// close): the records change, the paper count is corrected.
	late := received(t, 299, "2026-03-10 16:00", "2026-03-17 17:00").with(func(d *dossier.Dossier) { d.Clerk = "clerk-b" }).fact()
	src2 := append(slices.Clone(src), late)
	err = c.Amend(src2, AmendInput{At: ict(t, "2026-03-11 08:00"), By: "supervisor", Reason: "dossier entered after the close", AuditSeq: 1300, AuditHash: head,
		Paper: map[string]PaperCount{"clerk-b": {Received: 2, Refused: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Amendments) != 1 || c.Totals.Received != 4 || c.SignedBy != "supervisor" || !c.SignedAt.Equal(orig.SignedAt) {
		t.Fatalf("after amendment: %+v", c)
	}
	a := c.Amendments[0]
	if a.Before.Received != 3 || a.After.Received != 4 || !slices.Equal(a.Changes, []string{"clerk clerk-b: records received 1 → 2", "clerk clerk-b: paper received 1 → 2"}) {
		t.Errorf("amendment %+v", a)
	}
	// A second amendment must come after the first.
	if err := c.Amend(src2, AmendInput{At: ict(t, "2026-03-11 07:00"), By: "s", Reason: "r", AuditSeq: 1, AuditHash: head, Notes: map[string]string{"clerk-a": "x"}}); err == nil {
		t.Error("amendment before the previous one accepted")
	}
}
