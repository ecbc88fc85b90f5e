package catalog

import (
	"strings"
	"testing"
)

// TestRealDataQuality imports every file of ../shared/data and pins the
// parse-quality figures stated in catalog/README.md. A parser change that
// moves them must update both.
func TestRealDataQuality(t *testing.T) {
	set, rep := realData(t)
	if rep.Files != 2856 || rep.Records[FormatDVCQG] != 2642 || rep.Records[FormatBQP] != 207 || rep.Records[FormatList] != 2642 {
		t.Errorf("files %d, records %v", rep.Files, rep.Records)
	}
	if len(rep.Skipped) != 2 || len(rep.Errors) != 0 || len(rep.Duplicates) != 0 {
		t.Errorf("skipped %q, errors %v, duplicates %q", rep.Skipped, rep.Errors, rep.Duplicates)
	}
	// 2,642 portal pages + 207 defence procedures, no overlap; every list
	// entry has a detailed record.
	if set.Len() != 2849 || rep.Merged != 2642 || rep.ListOnly != 0 {
		t.Errorf("procedures %d, merged %d, list-only %d", set.Len(), rep.Merged, rep.ListOnly)
	}
	by := func(prefix string) Quality {
		var ps []*Procedure
		for _, p := range set.Procedures {
			if strings.HasPrefix(p.Version.Source, prefix) {
				ps = append(ps, p)
			}
		}
		return NewSet("", ps).Quality()
	}
	cases := []struct {
		name string
		got  Quality
		want Quality
	}{
		{"all", set.Quality(), Quality{
			Procedures: 2849, Detailed: 2849,
			WithComponents: 2822, Components: 14980, WithQuantities: 14218, WithTemplate: 2605, WithCases: 559, PresentOnly: 296,
			WithChannels: 2849, Channels: 7580, KnownTime: 6341, KnownFees: 6232, AllKnownTimes: 2339,
		}},
		{"dvcqg pages", by(string(FormatDVCQG)), Quality{
			Procedures: 2642, Detailed: 2642,
			WithComponents: 2615, Components: 14166, WithQuantities: 13426, WithTemplate: 2265, WithCases: 559, PresentOnly: 296,
			WithChannels: 2642, Channels: 7118, KnownTime: 5896, KnownFees: 5880, AllKnownTimes: 2146,
		}},
		{"bqp", by(string(FormatBQP)), Quality{
			Procedures: 207, Detailed: 207,
			WithComponents: 207, Components: 814, WithQuantities: 792, WithTemplate: 340, WithCases: 0, PresentOnly: 0,
			WithChannels: 207, Channels: 462, KnownTime: 445, KnownFees: 352, AllKnownTimes: 193,
		}},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s quality:\n got %+v\nwant %+v", c.name, c.got, c.want)
		}
		t.Logf("%s: components in %d/%d (%.1f%%), %d components (%.1f%% with quantities); channels in %d/%d, times known %d/%d (%.1f%%), all times known in %d (%.1f%%)",
			c.name, c.got.WithComponents, c.got.Detailed, pct(c.got.WithComponents, c.got.Detailed),
			c.got.Components, pct(c.got.WithQuantities, c.got.Components),
			c.got.WithChannels, c.got.Detailed, c.got.KnownTime, c.got.Channels, pct(c.got.KnownTime, c.got.Channels),
			c.got.AllKnownTimes, pct(c.got.AllKnownTimes, c.got.Detailed))
	}
	units := map[TimeUnit]int{}
	for _, p := range set.Procedures {
		for _, ch := range p.Channels {
			units[ch.Time.Unit]++
		}
	}
	t.Logf("channel time units: %v", units)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// TestRealDataKhaiSinh checks the procedure the issue names: 1.001193
// (Thủ tục đăng ký khai sinh, dvcqg bo-tu-phap) with its components and
// channels.
func TestRealDataKhaiSinh(t *testing.T) {
	set, rep := realData(t)
	p, ok := set.Get("1.001193")
	if !ok {
		t.Fatal("1.001193 not imported")
	}
	if p.Name != "Thủ tục đăng ký khai sinh" || p.Field.Name != "Hộ tịch" || p.Publisher != "Bộ Tư pháp" ||
		len(p.Levels) != 1 || p.Levels[0] != LevelCommune || p.DecisionNumber != "163/QĐ-BTP" {
		t.Errorf("header %+v", p)
	}
	if len(p.Channels) != 3 {
		t.Fatalf("channels %+v", p.Channels)
	}
	for i, m := range []Method{MethodOnline, MethodPostal, MethodDirect} {
		ch := p.Channels[i]
		// The page shows "1" without a unit: kept, not guessed.
		if ch.Method != m || ch.Time.Value != 1 || ch.Time.Unit != UnitUnparsed || len(ch.Fees) != 1 || ch.Fees[0].Amount != 0 {
			t.Errorf("channel %d: %+v", i+1, ch)
		}
	}
	if len(p.Cases) != 1 || p.Cases[0].Name != "" {
		t.Fatalf("cases %+v", p.Cases)
	}
	c := p.Cases[0]
	submit, present := 0, 0
	var tokhai *Component
	for i, k := range c.Components {
		if k.MustSubmit {
			submit++
		} else {
			present++
		}
		if strings.HasPrefix(k.Name, "- Tờ khai đăng ký khai sinh theo mẫu") {
			tokhai = &c.Components[i]
		}
	}
	if submit != 8 || present != 6 || len(c.Notes) != 19 {
		t.Errorf("components: %d to submit, %d to show, %d notes", submit, present, len(c.Notes))
	}
	if tokhai == nil || tokhai.Originals != 1 || tokhai.Copies != 0 || !tokhai.MustSubmit {
		t.Errorf("Tờ khai đăng ký khai sinh: %+v", tokhai)
	}
	var ws []string
	for _, pw := range rep.Warnings {
		if pw.Code == "1.001193" {
			ws = pw.Warnings
		}
	}
	if len(ws) != 3 || !strings.Contains(ws[0], `channel 1 (Trực tuyến): time "1" has no unit`) {
		t.Errorf("warnings %q", ws)
	}
}
