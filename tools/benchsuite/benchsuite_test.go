//go:build linux

package main

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"motcua/catalog"
)

func TestQuantile(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	cases := []struct {
		in   []time.Duration
		q    float64
		want time.Duration
	}{
		{nil, 0.5, 0},
		{ms(7), 0.99, 7 * time.Millisecond},
		{ms(5, 1, 3), 0.5, 3 * time.Millisecond},
		{ms(4, 1, 3, 2), 0.5, 2 * time.Millisecond}, // lower median
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9, 9 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.99, 10 * time.Millisecond},
		{ms(3, 1, 2), 0, 1 * time.Millisecond},
		{ms(3, 1, 2), 1, 3 * time.Millisecond},
	}
	for _, c := range cases {
		in := append([]time.Duration(nil), c.in...)
		if got := quantile(c.in, c.q); got != c.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", c.in, c.q, got, c.want)
		}
		for i := range in {
			if in[i] != c.in[i] {
				t.Fatalf("quantile reordered its input")
			}
		}
	}
	if got := medianInt([]int64{9, 1, 5, 7}); got != 5 {
		t.Errorf("medianInt = %d, want 5", got)
	}
}

func TestFormatting(t *testing.T) {
	cases := []struct{ got, want string }{
		{sig3(1234.5), "1234"},
		{sig3(12.345), "12.3"},
		{sig3(1.2345), "1.23"},
		{sig3(0.012345), "0.0123"},
		{sig3(0.5), "0.500"},
		{ms(1840 * time.Microsecond), "1.84 ms"},
		{dur(512 * time.Microsecond), "512 µs"},
		{dur(2500 * time.Millisecond), "2.50 s"},
		{ratio(3, 2), "1.50×"},
		{ratio(1, 0), "–"},
		{thousands(1000000), "1,000,000"},
		{thousands(999), "999"},
		{thousands64(-12345), "-12,345"},
		{mbDec(30_500_000), "30.5 MB"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestTables(t *testing.T) {
	rows := []Row{
		{Target: "catalog search p99", Measured: "0.35 ms", Baseline: "25 ms", Ratio: "0.014×", Goal: "≤ 2 ms", Status: Pass},
		{Target: "hub ingest", Status: Skipped},
		{Target: "a|b", Measured: "1", Status: Fail},
	}
	md := markdownTable(rows)
	lines := strings.Split(strings.TrimSpace(md), "\n")
	if len(lines) != 5 {
		t.Fatalf("markdown table has %d lines:\n%s", len(lines), md)
	}
	if lines[3] != "| hub ingest | – | – | – | – | SKIPPED |" {
		t.Errorf("skipped row: %q", lines[3])
	}
	if !strings.Contains(lines[4], `a\|b`) {
		t.Errorf("pipe not escaped: %q", lines[4])
	}
	txt := textTable(rows)
	tl := strings.Split(strings.TrimSpace(txt), "\n")
	if len(tl) != 4 || !strings.HasPrefix(tl[0], "target") {
		t.Fatalf("text table:\n%s", txt)
	}
	// The result column lines up.
	col := strings.Index(tl[0], "result")
	for _, l := range tl[1:] {
		if r := []rune(l); len(r) < col || !strings.ContainsAny(string(r[col:]), "PFS") {
			t.Errorf("misaligned: %q", l)
		}
	}
}

func TestMachineParsing(t *testing.T) {
	cpu := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
	if got := cpuModel(cpu); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel("Hardware\t: BCM2835\n"); got != "BCM2835" {
		t.Errorf("cpuModel (arm) = %q", got)
	}
	if got := cpuModel("processor : 0\n"); got != "" {
		t.Errorf("cpuModel (none) = %q", got)
	}
	mem := "MemTotal:       24684008 kB\nMemFree:        15342200 kB\n"
	if kb, ok := meminfo(mem, "MemTotal"); !ok || kb != 24684008 {
		t.Errorf("meminfo = %d %v", kb, ok)
	}
	if _, ok := meminfo(mem, "SwapTotal"); ok {
		t.Error("meminfo found a missing key")
	}
	if got := utsString([]int8{'6', '.', '1', 0, 'x'}); got != "6.1" {
		t.Errorf("utsString = %q", got)
	}
}

func TestParseStatusRSS(t *testing.T) {
	status := "Name:\tmotcua\nVmPeak:\t 3000000 kB\nVmRSS:\t  256664 kB\nRssAnon:\t  154928 kB\nRssFile:\t   97936 kB\nRssShmem:\t    3800 kB\n"
	rss, anon, file, err := parseStatusRSS(status)
	if err != nil || rss != 256664*1024 || anon != 154928*1024 || file != 97936*1024 {
		t.Fatalf("got %d %d %d %v", rss, anon, file, err)
	}
	for _, bad := range []string{
		"VmRSS:\t 1 kB\nRssAnon:\t 1 kB\n",                    // RssFile missing
		"VmRSS:\t 1 MB\nRssAnon:\t 1 kB\nRssFile:\t 1 kB\n",   // unit
		"VmRSS:\t x kB\nRssAnon:\t 1 kB\nRssFile:\t 1 kB\n",   // number
		"VmRSS:\t 1 2 kB\nRssAnon:\t 1 kB\nRssFile:\t 1 kB\n", // fields
	} {
		if _, _, _, err := parseStatusRSS(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestGCLive(t *testing.T) {
	cases := []struct {
		line string
		want int64
		ok   bool
	}{
		{"gc 7 @0.336s 3%: 0.34+10+0.004 ms clock, 0.68+0.10/1.0/9.4+0.008 ms cpu, 55->58->46 MB, 63 MB goal, 0 MB stacks, 0 MB globals, 2 P", 46 << 20, true},
		{"gc 12 @1.2s 1%: 0.1+2+0.1 ms clock, 0.2+0/1/2+0.2 ms cpu, 4->4->0 MB, 8 MB goal, 2 P (forced)", 0, true},
		{"window shown", 0, false},
		{"gc 1 @0.1s 1%: broken", 0, false},
		{"gc 1 @0.1s 1%: 0.1 ms clock, 0.2 ms cpu, 4->x->0 MB", 0, true},
	}
	for _, c := range cases {
		got, ok := gcLive(c.line)
		if ok != c.ok || got != c.want {
			t.Errorf("gcLive(%q) = %d %v, want %d %v", c.line, got, ok, c.want, c.ok)
		}
	}
}

func TestAppEnv(t *testing.T) {
	got := appEnv([]string{"PATH=/bin", "MOTCUA_HOME=/x", "DISPLAY=:0", "LANG=C", "GODEBUG=x=1", "HOME=/root"})
	if strings.Join(got, " ") != "PATH=/bin HOME=/root" {
		t.Errorf("appEnv = %v", got)
	}
}

func TestSummarizeTop(t *testing.T) {
	cum := `File: benchsuite
Type: cpu
Showing nodes accounting for 2.42s, 100% of 2.42s total
      flat  flat%   sum%        cum   cum%
         0     0%     0%      2.09s 86.36%  motcua/wire.Open
         0     0%     0%      2.09s 86.36%  runtime.main
     0.08s  3.31% 52.48%      0.13s  5.37%  motcua/catalog.(*decoder).uint
`
	flat := `File: benchsuite
Duration: 3.12s, Total samples = 2420ms (77.59%)
Showing nodes accounting for 1.5s, 62% of 2.42s total
      flat  flat%   sum%        cum   cum%
     400ms 16.53% 16.53%      400ms 16.53%  runtime.memmove
`
	got := summarizeTop(cum, flat, 1)
	for _, want := range []string{"Duration: 3.12s", "motcua/wire.Open", "runtime.memmove", "flat  flat%"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "runtime.main") || strings.Contains(got, "decoder).uint") {
		t.Errorf("summary keeps lines it should not (n = 1, module only):\n%s", got)
	}
	if got := summarizeTop("", flat, 5); !strings.Contains(got, "no function of this module") {
		t.Errorf("empty profile not said:\n%s", got)
	}
}

func TestSearchHelpers(t *testing.T) {
	ps := typedPrefixes([]string{"đăng", "ab"})
	want := []string{"đ", "đă", "đăn", "đăng", "a", "ab"}
	if strings.Join(ps, ",") != strings.Join(want, ",") {
		t.Errorf("typedPrefixes = %q, want %q", ps, want)
	}
	procs := []*catalog.Procedure{{Code: "1.001193", Name: "Đăng ký khai sinh"}, {Code: "1.000001", Name: "Đăng ký kết hôn"}}
	r := replicate(procs, 5)
	codes := []string{}
	for _, p := range r {
		codes = append(codes, p.Code)
	}
	if strings.Join(codes, " ") != "1.001193 1.000001 81.001193 81.000001 91.001193" {
		t.Errorf("replicate codes %v", codes)
	}
	if procs[0].Code != "1.001193" {
		t.Error("replicate changed its input")
	}
	got := naiveSearch(r, "dang ky khai sinh", 2)
	if len(got) != 2 || got[0].Name != "Đăng ký khai sinh" || got[1].Name != "Đăng ký khai sinh" {
		t.Errorf("naiveSearch ranks %v", got)
	}
	if got := naiveSearch(r, "thuế", 5); len(got) != 0 {
		t.Errorf("naiveSearch found %d for an absent word", len(got))
	}
}

// fakeX is an X server speaking just what xConn uses.
func fakeX(t *testing.T, c net.Conn, root uint32, windows map[uint32]string, maps []uint32) {
	t.Helper()
	le := binary.LittleEndian
	// Setup request: 12 bytes, no authorisation.
	req := make([]byte, 12)
	if _, err := io.ReadFull(c, req); err != nil || req[0] != 'l' || le.Uint16(req[2:]) != 11 {
		t.Errorf("setup request %v %v", req, err)
		return
	}
	vendor := "Fake"
	more := make([]byte, 32+4+8*1+40)
	le.PutUint16(more[16:], uint16(len(vendor)))
	more[20], more[21] = 1, 1 // one screen, one format
	copy(more[32:], vendor)
	le.PutUint32(more[32+4+8:], root)
	head := []byte{1, 0, 11, 0, 0, 0, 0, 0}
	le.PutUint16(head[6:], uint16(len(more)/4))
	c.Write(append(head, more...))
	var seq uint16
	for {
		h := make([]byte, 4)
		if _, err := io.ReadFull(c, h); err != nil {
			return
		}
		body := make([]byte, 4*int(le.Uint16(h[2:]))-4)
		if _, err := io.ReadFull(c, body); err != nil {
			return
		}
		seq++
		switch h[0] {
		case xReqChangeWindowAttributes:
			if le.Uint32(body[0:]) != root || le.Uint32(body[4:]) != xCWEventMask || le.Uint32(body[8:]) != xSubstructureNotifyMask {
				t.Errorf("ChangeWindowAttributes %v", body)
			}
		case xReqGetInputFocus:
			r := make([]byte, 32)
			r[0] = 1
			le.PutUint16(r[2:], seq)
			c.Write(r)
			// Now the windows appear.
			for _, w := range maps {
				ev := make([]byte, 32)
				ev[0] = xEventMapNotify
				le.PutUint32(ev[4:], root)
				le.PutUint32(ev[8:], w)
				c.Write(ev)
			}
		case xReqGetProperty:
			w := le.Uint32(body[0:])
			name, ok := windows[w]
			if !ok {
				e := make([]byte, 32)
				e[1] = 3 // BadWindow
				le.PutUint16(e[2:], seq)
				e[10] = xReqGetProperty
				c.Write(e)
				continue
			}
			pad := (4 - len(name)%4) % 4
			r := make([]byte, 32+len(name)+pad)
			r[0], r[1] = 1, 8
			le.PutUint16(r[2:], seq)
			le.PutUint32(r[4:], uint32((len(name)+pad)/4))
			le.PutUint32(r[16:], uint32(len(name)))
			copy(r[32:], name)
			c.Write(r)
		default:
			t.Errorf("unexpected request %d", h[0])
		}
	}
}

func TestXConnWaitMapped(t *testing.T) {
	client, server := net.Pipe()
	// Window 7 is a helper window without the name, 8 is gone before it
	// is asked about, 9 is the app's main window.
	go fakeX(t, server, 0x2a, map[uint32]string{7: "glfw helper", 9: "motcua — Bộ phận Một cửa"}, []uint32{7, 8, 9})
	x, err := newXConn(client)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { server.Close(); x.Close() }()
	if x.root != 0x2a {
		t.Fatalf("root %#x", x.root)
	}
	if err := x.watchMaps(); err != nil {
		t.Fatal(err)
	}
	at, w, err := x.waitMapped(context.Background(), "motcua", 5*time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	if w != 9 || at.IsZero() {
		t.Fatalf("mapped window %d at %v", w, at)
	}
	// No other window comes: the wait times out, and an exit ends it.
	if _, _, err := x.waitMapped(context.Background(), "motcua", 50*time.Millisecond, nil); err == nil {
		t.Error("waitMapped without a window succeeded")
	}
	exited := make(chan struct{})
	close(exited)
	if _, _, err := x.waitMapped(context.Background(), "motcua", 5*time.Second, exited); err == nil || !strings.Contains(err.Error(), "exited") {
		t.Errorf("exit not reported: %v", err)
	}
}

func TestParseSetupRefused(t *testing.T) {
	more := []byte("No protocol specified\x00\x00\x00")
	if _, err := parseSetup([]byte{0, 21, 11, 0, 0, 0, 6, 0}, more); err == nil || !strings.Contains(err.Error(), "No protocol specified") {
		t.Errorf("refusal: %v", err)
	}
	if _, err := parseSetup([]byte{2, 0, 0, 0, 0, 0, 0, 0}, nil); err == nil {
		t.Error("authentication request accepted")
	}
	if _, err := parseSetup([]byte{1, 0, 11, 0, 0, 0, 1, 0}, make([]byte, 4)); err == nil {
		t.Error("short reply accepted")
	}
}

func TestPropertyValue(t *testing.T) {
	r := make([]byte, 36)
	r[0], r[1] = 1, 8
	binary.LittleEndian.PutUint32(r[16:], 3)
	copy(r[32:], "abc")
	if v, err := propertyValue(r); err != nil || v != "abc" {
		t.Errorf("propertyValue = %q %v", v, err)
	}
	binary.LittleEndian.PutUint32(r[16:], 9)
	if _, err := propertyValue(r); err == nil {
		t.Error("value longer than the reply accepted")
	}
	if v, err := propertyValue(make([]byte, 32)); err != nil || v != "" {
		t.Errorf("unset property = %q %v", v, err)
	}
}

func TestPerDossierBar(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		big, empty time.Duration
		n          int
		ok         bool
	}{
		{228 * ms, 175 * ms, 1_000_000, true},   // 53 ns per dossier
		{275 * ms, 175 * ms, 1_000_000, true},   // exactly 100 ns
		{276 * ms, 175 * ms, 1_000_000, false},  // over
		{1200 * ms, 180 * ms, 1_000_000, false}, // a decode per dossier
		{150 * ms, 175 * ms, 1_000_000, true},   // faster
		{30 * ms, 20 * ms, 20_000, false},       // 500 ns per dossier on a small store
	}
	for _, c := range cases {
		if got := perDossierOK(c.big, c.empty, c.n); got != c.ok {
			t.Errorf("perDossierOK(%v, %v, %d) = %v", c.big, c.empty, c.n, got)
		}
	}
	if s := perDossierNote(150*ms, 175*ms, 1_000_000); !strings.Contains(s, "−25.0 ms = −25.0 ns per dossier") {
		t.Errorf("note %q", s)
	}
}
