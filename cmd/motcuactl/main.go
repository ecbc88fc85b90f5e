// Command motcuactl is the administration CLI of motcua for IT staff and
// scripted checks. It never imports Fyne.
//
// Usage:
//
//	motcuactl [--db PATH] <command> [args]
//
// Output conventions: results go to stdout in the exact formats documented
// per command; diagnostics and errors go to stderr in English. Exit codes:
// 0 success, 1 failure (or problems found), 2 usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one motcuactl subcommand. Commands register themselves from
// init functions in cmd_<name>.go files, one file per command group.
type command struct {
	// Name is the first word after the global flags, e.g. "catalog".
	Name string
	// Summary is one line for the help text.
	Summary string
	// Run executes the command. args excludes the command name.
	Run func(env *env, args []string) error
}

// env carries what every command needs: global flags and output streams.
type env struct {
	DBPath string
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.Name]; dup {
		panic("motcuactl: duplicate command " + c.Name)
	}
	commands[c.Name] = c
}

// errUsage marks an error caused by wrong arguments (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// exitError lets a command choose its exit code while still printing a
// message (e.g. "check" found problems: exit 1 with a summary).
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("motcuactl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	e := &env{Stdout: stdout, Stderr: stderr, Stdin: stdin}
	fs.StringVar(&e.DBPath, "db", "", "path to the desk database (default: the desk app's database in the user config folder)")
	fs.Usage = func() { printUsage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	rest := fs.Args()
	if len(rest) == 0 {
		printUsage(stderr, fs)
		return 2
	}
	if rest[0] == "help" {
		printUsage(stdout, fs)
		return 0
	}
	c, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "motcuactl: unknown command %q (run \"motcuactl help\")\n", rest[0])
		return 2
	}
	if err := c.Run(e, rest[1:]); err != nil {
		var ue usageError
		var ee exitError
		var he helpError
		switch {
		case errors.As(err, &he):
			fmt.Fprintf(stdout, "motcuactl %s: %s\nflags:\n%s", c.Name, c.Summary, he.flags)
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "motcuactl %s: %s\n", c.Name, ue.msg)
			return 2
		case errors.As(err, &ee):
			if ee.msg != "" {
				fmt.Fprintf(stderr, "motcuactl %s: %s\n", c.Name, ee.msg)
			}
			return ee.code
		default:
			fmt.Fprintf(stderr, "motcuactl %s: %v\n", c.Name, err)
			return 1
		}
	}
	return 0
}

func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "usage: motcuactl [--db PATH] <command> [args]")
	fmt.Fprintln(w, "\nglobal flags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].Summary)
	}
}

// subcommands dispatches "group verb args" commands such as
// "catalog search QUERY". It returns a usage error listing the verbs.
func subcommands(group string, args []string, verbs map[string]func([]string) error) error {
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usagef("missing subcommand: %s %s", group, strings.Join(names, "|"))
	}
	f, ok := verbs[args[0]]
	if !ok {
		return usagef("unknown subcommand %q: %s %s", args[0], group, strings.Join(names, "|"))
	}
	return f(args[1:])
}

// parseInterspersed parses flags that may appear before, between or after
// positional arguments ("form print CODE --form 01 --out f.pdf"), as
// operators expect. "--" ends flag parsing. It returns the positional
// arguments in order. Errors are usage errors.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpFor(fs)
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stops at the first non-flag or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// helpError answers -h/--help after a command: its flags, on stdout.
type helpError struct{ flags string }

func (e helpError) Error() string { return "help requested" }

func helpFor(fs *flag.FlagSet) helpError {
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if b.Len() == 0 {
		b.WriteString("  (none)\n")
	}
	return helpError{b.String()}
}

// parseN parses flags and positional arguments like parseInterspersed and
// requires exactly n positional arguments; otherwise it returns the usage
// error usage (used as is, not as a format).
func parseN(fs *flag.FlagSet, args []string, n int, usage string) ([]string, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != n {
		return nil, usageError{usage}
	}
	return pos, nil
}

// parseFlags parses flags like parseInterspersed and rejects any positional
// argument ("unexpected argument").
func parseFlags(fs *flag.FlagSet, args []string) error {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}
