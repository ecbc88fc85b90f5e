package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"motcua/cccd"
)

// maxCCCDInput bounds what "cccd parse -" reads: a card payload is a few
// hundred bytes.
const maxCCCDInput = 64 << 10

func init() {
	register(&command{
		Name:    "cccd",
		Summary: "chip ID card QR payload: parse TEXT|- (JSON on stdout)",
		Run: func(e *env, args []string) error {
			return subcommands("cccd", args, map[string]func([]string) error{
				"parse": func(args []string) error { return cccdParse(e, args) },
			})
		},
	})
}

// cccdParse implements "motcuactl cccd parse TEXT": it prints the card as
// one line of JSON with the keys id, old_id, name, birth_date, sex,
// address, issue_date in this order (dates YYYY-MM-DD, UTF-8 unescaped),
// and the parser's warnings on stderr. TEXT "-" reads the payload from
// standard input. Input that is not a CCCD payload exits 1 with the
// parser's message.
func cccdParse(e *env, args []string) error {
	fs := flag.NewFlagSet("cccd parse", flag.ContinueOnError)
	pos, err := parseN(fs, args, 1, "usage: cccd parse TEXT (the scanned QR text; - reads it from standard input)")
	if err != nil {
		return err
	}
	text := pos[0]
	if text == "-" {
		b, err := io.ReadAll(io.LimitReader(e.Stdin, maxCCCDInput+1))
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		if len(b) > maxCCCDInput {
			return fmt.Errorf("not a CCCD payload: standard input is longer than %d KiB", maxCCCDInput>>10)
		}
		text = string(b)
	}
	card, err := cccd.Parse(text)
	if err != nil {
		return err
	}
	for _, w := range card.Warnings {
		fmt.Fprintf(e.Stderr, "motcuactl cccd: warning: %s\n", w.Msg)
	}
	enc := json.NewEncoder(e.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(card)
}
