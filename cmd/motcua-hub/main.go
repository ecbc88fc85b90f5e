// Command motcua-hub runs the provincial sync hub on PostgreSQL.
//
// Usage:
//
//	motcua-hub serve   --pg URL --listen ADDR      run the HTTP API (TLS: put a reverse proxy in front)
//	motcua-hub enroll  --pg URL --office CODE      print a one-time desk enrolment token (one line)
//	motcua-hub apikey  --pg URL --name NAME [--office CODE]   print an API key for a department or administrator
//	motcua-hub import  --pg URL FILE [--out ANSWER]          ingest a desk's USB bundle, write the answer bundle
//	motcua-hub publish --pg URL --kind catalog|holidays FILE [--office CODE] [--by NAME]
//	motcua-hub stats   --pg URL [--json]           events and dossiers held, per desk (and what restored desks lost)
//	motcua-hub lost    --pg URL [--office CODE] [--all] [--json]   dossiers lost from desks restored from a backup
//	motcua-hub lost    --pg URL --resolve CODE --by NAME          mark them handled by the office
//	motcua-hub forward --pg URL --portal URL --user U --password-file F --unit CODE [--once] [--interval D]
//	                   [--dstcode C] [--auth-path P] [--service-path P] [--unit-name N]   forward to the national portal
//	motcua-hub forward-status --pg URL --unit CODE [--json]   dossiers delivered / pending / refused, last error
//	motcua-hub migrate --pg URL                    apply the schema migrations and exit
//	motcua-hub bench   --pg URL [--events N]       ingest benchmark in a scratch database
//
// --pg defaults to the environment variable MOTCUA_PG. Results go to
// stdout; logs and errors to stderr. Exit codes: 0 success, 1 failure,
// 2 usage error.
//
// Log levels (style.md point 19): DEBUG for developers, INFO for normal
// events, WARN for refused or retried requests, ERROR for failures an
// operator must look at. Logs carry ids, sequences and counts, never
// personal data.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

type command struct {
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

var commands = map[string]command{}

type cli struct {
	stdout, stderr io.Writer
	log            *slog.Logger
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "motcua-hub: unknown command %q (run \"motcua-hub help\")\n", args[0])
		return 2
	}
	if err := cmd.run(ctx, c, args[1:]); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "motcua-hub %s: %s\n", args[0], ue.msg)
			return 2
		}
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "motcua-hub %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: motcua-hub <command> [flags] (--pg URL or MOTCUA_PG)")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-15s %s\n", n, commands[n].summary)
	}
}

// flags returns a flag set with --pg, parsing flags before and after the
// positional arguments.
func parse(name string, c *cli, args []string, pg *string, setup func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	if pg != nil {
		fs.StringVar(pg, "pg", os.Getenv("MOTCUA_PG"), "PostgreSQL URL (default $MOTCUA_PG)")
	}
	if setup != nil {
		setup(fs)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if pg != nil && strings.TrimSpace(*pg) == "" {
		return nil, usagef("no PostgreSQL URL: pass --pg URL or set MOTCUA_PG")
	}
	return pos, nil
}
