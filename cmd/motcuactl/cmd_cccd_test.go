package main

import (
	"bytes"
	"strings"
	"testing"
)

func cccdRun(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestCCCDParse(t *testing.T) {
	const payload = "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|Số 12 ngõ 34, phường Láng Hạ, quận Đống Đa, Hà Nội|15042021"
	const want = `{"id":"001090123456","old_id":"012345678","name":"NGUYỄN VĂN A","birth_date":"1990-01-01","sex":"Nam","address":"Số 12 ngõ 34, phường Láng Hạ, quận Đống Đa, Hà Nội","issue_date":"2021-04-15"}` + "\n"
	cases := []struct {
		name      string
		stdin     string
		args      []string
		out       string
		errSubstr string
		code      int
	}{
		{name: "argument", args: []string{"cccd", "parse", payload}, out: want},
		{name: "stdin", stdin: payload + "\r\n", args: []string{"cccd", "parse", "-"}, out: want},
		{name: "after --", args: []string{"cccd", "parse", "--", payload}, out: want},
		{name: "decomposed name, six fields, woman",
			args: []string{"cccd", "parse", "079303001234|TRA\u0302\u0300N THI\u0323 THU\u0309Y|01012003|Nữ|A & B <x>|01072021"},
			out:  `{"id":"079303001234","old_id":"","name":"TRẦN THỊ THỦY","birth_date":"2003-01-01","sex":"Nữ","address":"A & B <x>","issue_date":"2021-07-01"}` + "\n"},
		{name: "warnings go to stderr",
			args:      []string{"cccd", "parse", "001203045373|---||LÊ VĂN BÌNH|05062003|Nam|Hà Nội|10032021"},
			out:       `{"id":"001203045373","old_id":"","name":"LÊ VĂN BÌNH","birth_date":"2003-06-05","sex":"Nam","address":"Hà Nội","issue_date":"2021-03-10"}` + "\n",
			errSubstr: "motcuactl cccd: warning: ignored field 2 \"---\"\n"},
		{name: "not a payload", args: []string{"cccd", "parse", "00109012345|012345678|A|01011990|Nam|x|15042021"},
			errSubstr: "motcuactl cccd: not a CCCD payload: field 1 is not a 12-digit ID number (got \"00109012345\")\n", code: 1},
		{name: "plain text", args: []string{"cccd", "parse", "hello"},
			errSubstr: "motcuactl cccd: not a CCCD payload: no '|' field separators\n", code: 1},
		{name: "empty stdin", args: []string{"cccd", "parse", "-"},
			errSubstr: "not a CCCD payload: empty input", code: 1},
		{name: "invalid date", args: []string{"cccd", "parse", strings.Replace(payload, "01011990", "31022000", 1)},
			errSubstr: `motcuactl cccd: invalid CCCD payload: field 4 (birth date) "31022000" is not a valid calendar date DDMMYYYY`, code: 1},
		{name: "too long stdin", stdin: strings.Repeat("x", 70000), args: []string{"cccd", "parse", "-"},
			errSubstr: "longer than 64 KiB", code: 1},
		{name: "missing text", args: []string{"cccd", "parse"}, errSubstr: "usage: cccd parse TEXT", code: 2},
		{name: "two texts", args: []string{"cccd", "parse", payload, payload}, errSubstr: "usage: cccd parse TEXT", code: 2},
		{name: "unknown flag", args: []string{"cccd", "parse", "--pretty", payload}, code: 2, errSubstr: "pretty"},
		{name: "no subcommand", args: []string{"cccd"}, errSubstr: "missing subcommand: cccd parse", code: 2},
		{name: "unknown subcommand", args: []string{"cccd", "scan"}, errSubstr: `unknown subcommand "scan"`, code: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := cccdRun(t, c.stdin, c.args...)
			if out != c.out {
				t.Errorf("stdout\n got %q\nwant %q", out, c.out)
			}
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, errOut)
			}
			if c.errSubstr == "" && errOut != "" {
				t.Errorf("unexpected stderr %q", errOut)
			}
			if !strings.Contains(errOut, c.errSubstr) {
				t.Errorf("stderr %q does not contain %q", errOut, c.errSubstr)
			}
		})
	}
}
