package catalog

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

func searchFixture() []*Procedure {
	mk := func(code, name, field string, levels []Level, agency string) *Procedure {
		return &Procedure{Code: code, Name: name, Field: Field{Name: field, Code: "F-" + strings.ToUpper(fold(field))[:2]}, Levels: levels,
			Agencies: Agencies{Executing: []Agency{{Name: agency}}}}
	}
	return []*Procedure{
		mk("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", []Level{LevelCommune}, "Ủy ban nhân dân cấp xã"),
		mk("1.001193.000.00.00.H48", "Thủ tục đăng ký khai sinh (Nghệ An)", "Hộ tịch", []Level{LevelCommune}, "UBND xã"),
		mk("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch", []Level{LevelProvince}, "Sở Tư pháp"),
		mk("1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch", []Level{LevelCommune}, "Ủy ban nhân dân cấp xã"),
		mk("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", []Level{LevelCommune}, "Ủy ban nhân dân cấp xã"),
		mk("1.000894", "Khai sinh, đăng ký cho trẻ", "Hộ tịch", []Level{LevelCommune}, "Ủy ban nhân dân cấp xã"),
		mk("1.002099", "Đăng ký hoạt động của chi nhánh tổ chức hành nghề luật sư", "Luật sư", []Level{LevelProvince}, "Sở Tư pháp"),
		mk("1.011000", "Cấp giấy phép xây dựng mới", "Hoạt động xây dựng", []Level{LevelProvince}, "Sở Xây dựng"),
		mk("1.001194", "Cấp thị thực cho người nước ngoài", "Quản lý xuất nhập cảnh", []Level{LevelProvince}, "Công an tỉnh"),
	}
}

func codes(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Procedure.Code
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := NewIndex(searchFixture())
	nfd := "đa\u0306ng ky\u0301" // "đăng ký" with combining marks
	cases := []struct {
		name  string
		query string
		f     Filter
		limit int
		want  []string // expected codes in order (prefix of the result)
		ranks []Rank   // expected ranks of the same hits (optional)
		none  bool     // expect no hits
	}{
		{name: "exact name with optional Thủ tục", query: "dang ky khai sinh", limit: 5,
			want:  []string{"1.001193", "1.001193.000.00.00.H48", "2.000528", "1.004884", "1.000894"},
			ranks: []Rank{RankExactName, RankPhrase, RankPhrase, RankInOrder, RankAllWords}},
		{name: "diacritics and case insensitive", query: "ĐĂNG KÝ KHAI SINH", limit: 1, want: []string{"1.001193"}},
		{name: "decomposed input", query: nfd + " khai sinh", limit: 1, want: []string{"1.001193"}},
		{name: "đ equals d", query: "dang ky khai tu", limit: 1, want: []string{"1.000656"}, ranks: []Rank{RankExactName}},
		{name: "word prefix as typed", query: "dang ky kh", want: []string{"1.000656", "1.001193", "1.001193.000.00.00.H48", "2.000528", "1.004884", "1.000894", "1.002099"},
			ranks: []Rank{RankPhrase, RankPhrase, RankPhrase, RankPhrase, RankInOrder, RankAllWords, RankPartial}},
		{name: "partial: more matched words first, then shorter names", query: "khai sinh xay", want: []string{"1.000894", "1.001193", "1.004884", "1.001193.000.00.00.H48", "2.000528", "1.000656", "1.011000"},
			ranks: []Rank{RankPartial, RankPartial, RankPartial, RankPartial, RankPartial, RankPartial, RankPartial}},
		{name: "exact code", query: "1.001193", limit: 2, want: []string{"1.001193", "1.001193.000.00.00.H48"}, ranks: []Rank{RankExactCode, RankCodePrefix}},
		{name: "code prefix", query: "1.00119", want: []string{"1.001193", "1.001193.000.00.00.H48", "1.001194"}, ranks: []Rank{RankCodePrefix, RankCodePrefix, RankCodePrefix}},
		{name: "local variant finds its own and the national code", query: "1.001193.000.00.00.H48", want: []string{"1.001193.000.00.00.H48", "1.001193"}, ranks: []Rank{RankExactCode, RankExactCode}},
		{name: "unknown local variant finds the national code", query: "1.001193.000.00.00.H99", want: []string{"1.001193"}, ranks: []Rank{RankExactCode}},
		{name: "code case insensitive", query: "1.001193.000.00.00.h48", limit: 1, want: []string{"1.001193.000.00.00.H48"}},
		{name: "filter by field name", query: "dang ky", f: Filter{Field: "luat su"}, want: []string{"1.002099"}},
		{name: "filter by field code", query: "", f: Filter{Field: "f-lu"}, want: []string{"1.002099"}},
		{name: "filter by level", query: "khai sinh", f: Filter{Level: LevelProvince}, want: []string{"2.000528"}},
		{name: "filter by agency substring", query: "dang ky", f: Filter{Agency: "so tu phap"}, want: []string{"2.000528", "1.002099"}},
		{name: "empty query lists by code", query: "  ", f: Filter{Level: LevelProvince}, want: []string{"1.001194", "1.002099", "1.011000", "2.000528"}},
		{name: "limit", query: "thu tuc", limit: 2, want: []string{"1.000656", "1.001193"}},
		{name: "no match", query: "zzz", none: true},
		{name: "punctuation only", query: "--", none: true},
		{name: "code-like query without a match gives no name noise", query: "9.999", none: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits := ix.Search(c.query, c.f, c.limit)
			if c.none {
				if len(hits) != 0 {
					t.Fatalf("Search(%q) = %v, want none", c.query, codes(hits))
				}
				return
			}
			got := codes(hits)
			if len(got) < len(c.want) || strings.Join(got[:len(c.want)], " ") != strings.Join(c.want, " ") {
				t.Fatalf("Search(%q, %+v) = %v, want %v first", c.query, c.f, got, c.want)
			}
			if c.limit > 0 && len(hits) > c.limit {
				t.Fatalf("got %d hits, limit %d", len(hits), c.limit)
			}
			for i, r := range c.ranks {
				if hits[i].Rank != r {
					t.Errorf("hit %d (%s) rank %s, want %s", i, got[i], hits[i].Rank, r)
				}
			}
		})
	}
}

func TestIndexFacets(t *testing.T) {
	ix := NewIndex(searchFixture())
	if ix.Len() != 9 {
		t.Fatalf("Len = %d", ix.Len())
	}
	fs := ix.Fields()
	if len(fs) != 4 || fs[0].Name != "Hộ tịch" || fs[1].Name != "Hoạt động xây dựng" {
		t.Fatalf("Fields = %v", fs)
	}
	as := ix.Agencies()
	if strings.Join(as, "|") != "Công an tỉnh|Sở Tư pháp|Sở Xây dựng|UBND xã|Ủy ban nhân dân cấp xã" {
		t.Fatalf("Agencies = %v", as)
	}
}

func TestSearchRealDataKhaiSinh(t *testing.T) {
	set, _ := realData(t)
	ix := NewIndex(set.Procedures)
	for _, q := range []string{"dang ky khai sinh", "Đăng ký khai sinh", "đăng ký khai sinh", "1.001193"} {
		hits := ix.Search(q, Filter{}, 3)
		found := false
		for _, h := range hits {
			if h.Procedure.Code == "1.001193" {
				found = true
			}
		}
		if !found {
			t.Errorf("Search(%q) top 3 = %v, want 1.001193 among them", q, codes(hits))
		}
	}
	p, _ := set.Get("1.001193")
	if hits := ix.Search("dang ky khai sinh", Filter{Level: LevelCommune, Field: "ho tich"}, 1); len(hits) != 1 || hits[0].Procedure != p {
		t.Errorf("filtered search = %v", codes(hits))
	}
}

// ---- benchmark ----

// benchQueries are clerk queries; the benchmark types each one letter by
// letter, so every prefix is a query.
var benchQueries = []string{
	"dang ky khai sinh", "đăng ký kết hôn", "cấp giấy phép xây dựng", "chứng thực bản sao",
	"hộ chiếu phổ thông", "khai tử", "cap doi giay phep lai xe", "thuế thu nhập cá nhân",
	"đăng ký thường trú", "1.001193", "giấy chứng nhận quyền sử dụng đất", "căn cước",
	"xác nhận tình trạng hôn nhân", "đăng ký doanh nghiệp", "bảo hiểm xã hội", "cấp lại",
	"giay phep kinh doanh", "hải quan", "nhận con nuôi", "trích lục", "2.000",
}

func typedPrefixes(qs []string) []string {
	var out []string
	for _, q := range qs {
		for i := range q {
			if i > 0 {
				out = append(out, q[:i])
			}
		}
		out = append(out, q)
	}
	return out
}

// replicate grows the procedures to n with changed codes, as a stand-in
// for a full national catalogue (~6,300 procedures, domain.md §4.4).
func replicate(procs []*Procedure, n int) []*Procedure {
	out := make([]*Procedure, 0, n)
	for k := 0; len(out) < n; k++ {
		for _, p := range procs {
			if len(out) == n {
				break
			}
			c := *p
			if k > 0 {
				c.Code = fmt.Sprintf("%d%s", 7+k, p.Code)
			}
			out = append(out, &c)
		}
	}
	return out
}

// naiveSearch is the baseline: fold every name per query and match the
// query and its words as substrings.
func naiveSearch(procs []*Procedure, query string, limit int) []*Procedure {
	q := fold(query)
	ws := strings.Fields(q)
	type hit struct {
		p     *Procedure
		score int
		n     int
	}
	var hits []hit
	for _, p := range procs {
		name := fold(p.Name)
		s := 0
		if strings.Contains(name, q) || strings.HasPrefix(p.Code, query) {
			s = 1000
		}
		for _, w := range ws {
			if strings.Contains(name, w) {
				s++
			}
		}
		if s > 0 {
			hits = append(hits, hit{p, s, len(name)})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].n < hits[j].n
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]*Procedure, len(hits))
	for i, h := range hits {
		out[i] = h.p
	}
	return out
}

func percentile(d []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(float64(len(s)-1)*p)]
}

// BenchmarkSearch runs the typed query mix over 6,300 procedures with the
// index and with the naive linear scan, reporting per-query p50 and p99.
func BenchmarkSearch(b *testing.B) {
	set, _ := realData(b)
	procs := replicate(set.Procedures, 6300)
	queries := typedPrefixes(benchQueries)
	b.Run("index", func(b *testing.B) {
		ix := NewIndex(procs)
		var lat []time.Duration
		for b.Loop() {
			for _, q := range queries {
				t0 := time.Now()
				ix.Search(q, Filter{}, 20)
				lat = append(lat, time.Since(t0))
			}
		}
		b.ReportMetric(float64(len(queries)), "queries/op")
		b.ReportMetric(float64(percentile(lat, 0.50).Nanoseconds()), "p50-ns")
		b.ReportMetric(float64(percentile(lat, 0.99).Nanoseconds()), "p99-ns")
	})
	b.Run("naive", func(b *testing.B) {
		var lat []time.Duration
		for b.Loop() {
			for _, q := range queries {
				t0 := time.Now()
				naiveSearch(procs, q, 20)
				lat = append(lat, time.Since(t0))
			}
		}
		b.ReportMetric(float64(len(queries)), "queries/op")
		b.ReportMetric(float64(percentile(lat, 0.50).Nanoseconds()), "p50-ns")
		b.ReportMetric(float64(percentile(lat, 0.99).Nanoseconds()), "p99-ns")
	})
}

func BenchmarkNewIndex(b *testing.B) {
	set, _ := realData(b)
	procs := replicate(set.Procedures, 6300)
	for b.Loop() {
		NewIndex(procs)
	}
}
