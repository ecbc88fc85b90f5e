package catalogui

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/catalog"
	"motcua/ui/widgets"
	"motcua/vntext"
)

var defaultIndex = sync.OnceValues(func() (*catalog.Index, error) {
	s, err := catalog.LoadDefault()
	if err != nil {
		return nil, err
	}
	return catalog.NewIndex(s.Procedures), nil
})

func newScreen(t *testing.T, start func(*catalog.Procedure)) (*Screen, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	ix, err := defaultIndex()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	s := New(Config{Window: w, Index: ix, Typing: &widgets.Typing{Method: vntext.Telex}, OnStartIntake: start})
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(w.Close)
	return s, w
}

func TestCatalogBrowser_SearchAsYouType(t *testing.T) {
	var started *catalog.Procedure
	s, _ := newScreen(t, func(p *catalog.Procedure) { started = p })
	if n := len(s.Hits()); n != MaxResults {
		t.Fatalf("empty query lists %d, want the first %d", n, MaxResults)
	}
	test.Type(s.Search, "dang ky khai sinh")
	hits := s.Hits()
	pos := -1
	for i, h := range hits {
		if catalog.BaseCode(h.Procedure.Code) == "1.001193" {
			pos = i
			break
		}
	}
	if pos < 0 || pos > 2 {
		t.Fatalf("1.001193 at position %d of %d results, want top 3", pos, len(hits))
	}
	// The first result is selected and shown; Down moves to the next.
	if s.Current() != hits[0].Procedure {
		t.Fatal("first result not shown")
	}
	for range pos {
		s.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if catalog.BaseCode(s.Current().Code) != "1.001193" {
		t.Fatalf("after Down shows %s", s.Current().Code)
	}
	// Enter starts the intake with the procedure shown.
	s.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if started == nil || catalog.BaseCode(started.Code) != "1.001193" {
		t.Fatalf("Enter started %v", started)
	}
}

func TestCatalogBrowser_DetailShowsComponentsAndChannels(t *testing.T) {
	s, _ := newScreen(t, nil)
	test.Type(s.Search, "1.001193")
	p := s.Current()
	if p == nil || catalog.BaseCode(p.Code) != "1.001193" {
		t.Fatalf("code search shows %v", p)
	}
	if s.Start.Visible() {
		t.Fatal("start button shown without an intake callback")
	}
	markup := test.RenderObjectToMarkup(s.Detail)
	for _, want := range []string{"Thành phần hồ sơ", "Cách thức nộp, thời hạn và phí", "Trực tiếp", "Căn cứ pháp lý", "Tờ khai đăng ký khai sinh"} {
		if !contains(markup, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
}

func TestCatalogBrowser_Filters(t *testing.T) {
	s, _ := newScreen(t, nil)
	test.Type(s.Search, "khai sinh")
	all := len(s.Hits())
	s.Level.SetSelectedIndex(4) // commune
	for _, h := range s.Hits() {
		ok := false
		for _, l := range h.Procedure.Levels {
			ok = ok || l == catalog.LevelCommune
		}
		if !ok {
			t.Fatalf("%s is not a commune procedure", h.Procedure.Code)
		}
	}
	if len(s.Hits()) == 0 || len(s.Hits()) > all {
		t.Fatalf("commune filter: %d of %d", len(s.Hits()), all)
	}
	s.Level.SetSelectedIndex(0)
	test.Type(s.Agency, "zzzz khong co")
	if len(s.Hits()) != 0 || s.Count.Text != "Không tìm thấy thủ tục nào. Thử bớt từ, hoặc bỏ bộ lọc." {
		t.Fatalf("agency filter: %d hits, %q", len(s.Hits()), s.Count.Text)
	}
}

func TestFormatting(t *testing.T) {
	widgets.SetLanguage(widgets.LangVietnamese)
	cases := []struct{ got, want string }{
		{TimeText(catalog.Time{Value: 5, Unit: catalog.UnitWorkingDays}), "5 ngày làm việc"},
		{TimeText(catalog.Time{Value: 0.5, Unit: catalog.UnitDays}), "0,5 ngày"},
		{TimeText(catalog.Time{Unit: catalog.UnitNone}), "Không quy định thời hạn"},
		{TimeText(catalog.Time{Value: 1, Text: "1"}), "“1” (danh mục không ghi rõ đơn vị thời gian)"},
		{TimeText(catalog.Time{}), "Không rõ (danh mục không ghi)"},
		{FeeText(catalog.Fee{Amount: 0}), "Miễn phí"},
		{FeeText(catalog.Fee{Amount: 1500000}), "1.500.000 đồng"},
		{FeeText(catalog.Fee{Amount: -1, Text: "Theo quy định"}), "Theo quy định"},
		{CopiesText(catalog.Component{Originals: 1, Copies: 2}), "1 bản chính, 2 bản sao"},
		{CopiesText(catalog.Component{}), "số bản không ghi"},
		{Money(999), "999"},
		{Money(1000), "1.000"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func contains(s, sub string) bool { return len(sub) == 0 || indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
