package cccd

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"motcua/vntext"
)

const addr = "Số 12 ngõ 34, phường Láng Hạ, quận Đống Đa, Hà Nội"

type parseCase struct {
	name string
	in   string
	// want is the expected card JSON; empty when an error is expected.
	want string
	// warn lists the expected warning kinds, in order.
	warn []WarningKind
	// err is a substring of the expected error; kind its kind.
	err  string
	kind ErrorKind
}

var parseCases = []parseCase{
	{
		name: "seven fields",
		in:   "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|" + addr + "|15042021",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"` + addr + `","issue_date":"2021-04-15"}`,
	},
	{
		name: "empty old ID, woman born 2003",
		in:   "079303001234||TRẦN THỊ THUỶ|29022004|Nữ|Phường Bến Nghé, Quận 1, TP Hồ Chí Minh|01072021",
		want: `{"id":"079303001234","old_id":"","name":"TRẦN THỊ THUỶ","birth_date":"2004-02-29","sex":"Nữ","address":"Phường Bến Nghé, Quận 1, TP Hồ Chí Minh","issue_date":"2021-07-01"}`,
		warn: []WarningKind{WarnYear},
	},
	{
		name: "six fields without CMND",
		in:   "066085000111|Y BLUM ÊBAN|12031985|Nam|Buôn Ma Thuột, Đắk Lắk|20102022",
		want: `{"id":"066085000111","old_id":"","name":"Y BLUM ÊBAN","birth_date":"1985-03-12","sex":"Nam","address":"Buôn Ma Thuột, Đắk Lắk","issue_date":"2022-10-20"}`,
	},
	{
		name: "eleven fields",
		in:   "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|" + addr + "|15042021|A|B||C",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"` + addr + `","issue_date":"2021-04-15"}`,
		warn: []WarningKind{WarnExtraFields},
	},
	{
		name: "odd placeholder payload",
		in:   "001203045373|---||LÊ VĂN BÌNH|05062003|Nam|Xã Tân Lập, huyện Đan Phượng, Hà Nội|10032021",
		want: `{"id":"001203045373","old_id":"","name":"LÊ VĂN BÌNH","birth_date":"2003-06-05","sex":"Nam","address":"Xã Tân Lập, huyện Đan Phượng, Hà Nội","issue_date":"2021-03-10"}`,
		warn: []WarningKind{WarnIgnoredField},
	},
	{
		name: "address containing |",
		in:   "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|Thôn 3 | xã Yên Sở|15042021",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"Thôn 3 | xã Yên Sở","issue_date":"2021-04-15"}`,
	},
	{
		name: "decomposed text, CR LF tab noise",
		in:   "\ufeff 001090123456 |012345678|NGUYE\u0302\u0303N  VA\u0306N\tA|01011990|Nam|Tho\u0302n 3,\r\nxa\u0303 Yên Sở|15042021\r\n",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"Thôn 3, xã Yên Sở","issue_date":"2021-04-15"}`,
	},
	{
		name: "scanner prefix noise",
		in:   "]Q1001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|" + addr + "|15042021",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"` + addr + `","issue_date":"2021-04-15"}`,
		warn: []WarningKind{WarnNoise},
	},
	{
		name: "other leading noise",
		in:   "scan: 001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|" + addr + "|15042021",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"` + addr + `","issue_date":"2021-04-15"}`,
		warn: []WarningKind{WarnNoise},
	},
	{
		name: "noise glued after the issue date",
		in:   "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|" + addr + "|15042021 #END",
		want: `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"` + addr + `","issue_date":"2021-04-15"}`,
		warn: []WarningKind{WarnNoise},
	},
	{
		name: "sex spelled without diacritics, lower case",
		in:   "001190123456||PHẠM THỊ C|01011990|nu|Hà Nội|15042021",
		want: `{"id":"001190123456","old_id":"","name":"PHẠM THỊ C","birth_date":"1990-01-01","sex":"Nữ","address":"Hà Nội","issue_date":"2021-04-15"}`,
	},
	{
		name: "twelve-digit old ID, empty address",
		in:   "001090123456|001090123456|NGUYỄN VĂN A|01011990|NAM||15042021",
		want: `{"id":"001090123456","old_id":"001090123456","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"","issue_date":"2021-04-15"}`,
	},
	{
		name: "ID inconsistent with birth date and sex",
		in:   "099190123456||NGUYỄN VĂN D|01011985|Nam|Hà Nội|15041980",
		want: `{"id":"099190123456","old_id":"","name":"NGUYỄN VĂN D","birth_date":"1985-01-01","sex":"Nam","address":"Hà Nội","issue_date":"1980-04-15"}`,
		warn: []WarningKind{WarnIssueBeforeBirth, WarnProvince, WarnSex, WarnYear},
	},
	{
		name: "ID of the wrong century",
		in:   "001290123456||NGUYỄN VĂN E|01011990|Nam|Hà Nội|15042021",
		want: `{"id":"001290123456","old_id":"","name":"NGUYỄN VĂN E","birth_date":"1990-01-01","sex":"Nam","address":"Hà Nội","issue_date":"2021-04-15"}`,
		warn: []WarningKind{WarnCentury},
	},
	// Errors.
	{name: "empty", in: "  \r\n", err: "not a CCCD payload: empty input", kind: NotCCCD},
	{name: "plain text", in: "Nguyễn Văn A", err: "not a CCCD payload: no '|' field separators", kind: NotCCCD},
	{name: "bare ID", in: "001090123456", err: "no '|' field separators", kind: NotCCCD},
	{name: "11-digit ID", in: "00109012345|012345678|A|01011990|Nam|x|15042021", err: `not a CCCD payload: field 1 is not a 12-digit ID number (got "00109012345")`, kind: NotCCCD},
	{name: "13-digit ID", in: "0010901234567|012345678|A|01011990|Nam|x|15042021", err: "field 1 is not a 12-digit ID number", kind: NotCCCD},
	{name: "letters in ID", in: "00109012345A|012345678|A|01011990|Nam|x|15042021", err: "field 1 is not a 12-digit ID number", kind: NotCCCD},
	{name: "health insurance card", in: "DN4010123456789|4e677579e1bb856e|1|01/01/1990", err: "field 1 is not a 12-digit ID number", kind: NotCCCD},
	{name: "too few fields", in: "001090123456|A|B", err: "3 fields, want 7", kind: NotCCCD},
	{name: "no birth date", in: "001090123456|012345678|NGUYỄN VĂN A|1990|Nam|Hà Nội|2021", err: "no birth date field", kind: NotCCCD},
	{name: "invalid birth date", in: "001090123456|012345678|NGUYỄN VĂN A|31022000|Nam|Hà Nội|15042021", err: `invalid CCCD payload: field 4 (birth date) "31022000" is not a valid calendar date DDMMYYYY`, kind: Invalid},
	{name: "month 13", in: "001090123456|012345678|NGUYỄN VĂN A|01131990|Nam|Hà Nội|15042021", err: `field 4 (birth date) "01131990"`, kind: Invalid},
	{name: "invalid issue date", in: "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|Hà Nội|00042021", err: `field 7 (issue date) "00042021"`, kind: Invalid},
	{name: "no name", in: "001090123456|012345678|01011990|Nam|Hà Nội|15042021", err: "no name before the birth date", kind: Invalid},
	{name: "bad sex", in: "001090123456|012345678|NGUYỄN VĂN A|01011990|Khác|Hà Nội|15042021", err: `field 5 (sex) is "Khác", want "Nam" or "Nữ"`, kind: Invalid},
	{name: "missing sex", in: "001090123456|012345678|NGUYỄN VĂN A|01011990", err: "missing field 5 (sex)", kind: Invalid},
	{name: "truncated", in: "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|Số 12 ngõ", err: "no issue date", kind: Invalid},
	{name: "no address field", in: "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|15042021", err: "no issue date", kind: Invalid},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.name, func(t *testing.T) {
			card, err := Parse(c.in)
			if card.Raw != c.in {
				t.Errorf("Raw = %q, want the input", card.Raw)
			}
			if c.want == "" {
				if err == nil {
					t.Fatalf("Parse(%q) succeeded: %+v", c.in, card)
				}
				if !strings.Contains(err.Error(), c.err) {
					t.Errorf("error %q does not contain %q", err, c.err)
				}
				var e *Error
				if !errors.As(err, &e) || e.Kind != c.kind {
					t.Errorf("error %#v, want kind %d", err, c.kind)
				}
				if c.kind == NotCCCD && !errors.Is(err, ErrNotCCCD) || c.kind == Invalid && !errors.Is(err, ErrInvalid) {
					t.Errorf("errors.Is fails for %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.in, err)
			}
			b, err := json.Marshal(card)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != c.want {
				t.Errorf("JSON\n got %s\nwant %s", b, c.want)
			}
			var kinds []WarningKind
			for _, w := range card.Warnings {
				kinds = append(kinds, w.Kind)
			}
			if strings.Join(toStrings(kinds), ",") != strings.Join(toStrings(c.warn), ",") {
				t.Errorf("warnings %v, want %v", card.Warnings, c.warn)
			}
			if !IsLikelyCCCD(c.in) {
				t.Errorf("IsLikelyCCCD false on a payload Parse accepts")
			}
		})
	}
}

func toStrings(ks []WarningKind) []string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return s
}

func TestParseExtraAndWarningsText(t *testing.T) {
	card, err := Parse("001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|Hà Nội|15042021|X|Y")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(card.Extra, ",") != "X,Y" {
		t.Errorf("Extra = %q", card.Extra)
	}
	if got := card.Warnings[0].String(); got != "extra-fields: 2 field(s) after the issue date kept as extra" {
		t.Errorf("warning text %q", got)
	}
}

func TestIsLikelyCCCD(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"001090123456|012345678|A|01011990|Nam|x|15042021", true},
		{"001090123456 |||||", true},
		{"xx001090123456|a|b|c|d|e", true},
		{"001090123456|a|b|c|d", false},
		{"0010901234567|a|b|c|d|e", false},
		{"00109012345|a|b|c|d|e", false},
		{"Nguyễn Văn A", false},
		{"", false},
		{"001090123456", false},
	}
	for _, c := range cases {
		if got := IsLikelyCCCD(c.in); got != c.want {
			t.Errorf("IsLikelyCCCD(%q) = %v", c.in, got)
		}
	}
	s := parseCases[0].in
	if a := testing.AllocsPerRun(100, func() { _ = IsLikelyCCCD(s) }); a != 0 {
		t.Errorf("IsLikelyCCCD allocates %v", a)
	}
}

func TestDateJSON(t *testing.T) {
	var d Date
	if err := json.Unmarshal([]byte(`"2021-04-15"`), &d); err != nil || d != (Date{2021, 4, 15}) {
		t.Fatalf("unmarshal: %v %v", d, err)
	}
	b, _ := json.Marshal(Date{})
	if string(b) != `""` {
		t.Errorf("zero date JSON %s", b)
	}
	if err := json.Unmarshal([]byte(`"15/04/2021"`), &d); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad date error %v", err)
	}
	if !(Date{2020, 12, 31}).Before(Date{2021, 1, 1}) || (Date{2021, 1, 1}).Before(Date{2021, 1, 1}) {
		t.Error("Before wrong")
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		card, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || (e.Kind != NotCCCD && e.Kind != Invalid) {
				t.Fatalf("error of unexpected type %#v", err)
			}
			return
		}
		if !IsLikelyCCCD(s) {
			t.Fatalf("Parse accepted %q but IsLikelyCCCD is false", s)
		}
		if len(card.ID) != 12 || (card.Sex != "Nam" && card.Sex != "Nữ") || card.Name == "" ||
			card.BirthDate.IsZero() || card.IssueDate.IsZero() {
			t.Fatalf("incomplete card from %q: %+v", s, card)
		}
		for _, v := range []string{card.Name, card.Address, card.OldID} {
			if utf8.ValidString(s) && vntext.NFC(v) != v {
				t.Fatalf("field %q not NFC", v)
			}
		}
		if _, err := json.Marshal(card); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	s := parseCases[0].in
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Parse(s)
	}
}
