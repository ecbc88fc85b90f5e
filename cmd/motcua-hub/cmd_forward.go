package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"motcua/hub"
	"motcua/hub/portal"
)

func init() {
	commands["forward"] = command{"forward the office's dossiers to the national portal (LGSP adapter)", cmdForward}
	commands["forward-status"] = command{"dossiers delivered, pending and refused by the national portal", cmdForwardStatus}
	commands["lost"] = command{"dossiers lost from desks restored from a backup (--resolve CODE when handled)", cmdLost}
}

// readPassword reads the adapter password from a file (first line,
// surrounding spaces removed): never from the command line, where other
// users could see it.
func readPassword(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("password file %s is readable by other users (mode %v); chmod 600 it", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	pw, _, _ := strings.Cut(string(b), "\n")
	pw = strings.TrimSpace(pw)
	if pw == "" {
		return "", fmt.Errorf("password file %s is empty", path)
	}
	return pw, nil
}

func cmdForward(ctx context.Context, c *cli, args []string) error {
	var pg, adapter, user, pwFile, unit, dst, authPath, svcPath, unitName string
	var once bool
	var interval, minB, maxB, timeout time.Duration
	pos, err := parse("forward", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&adapter, "portal", "", "base URL of the LGSP/NGSP adapter of the national portal")
		fs.StringVar(&user, "user", "", "adapter user name")
		fs.StringVar(&pwFile, "password-file", "", "file holding the adapter password (mode 600)")
		fs.StringVar(&unit, "unit", "", "madonvi: agency code of the office whose dossiers go")
		fs.StringVar(&dst, "dstcode", "", "dstcode header of the adapter (default: the unit)")
		fs.StringVar(&authPath, "auth-path", "/auth", "authentication endpoint of the adapter")
		fs.StringVar(&svcPath, "service-path", "/service", "integration endpoint of the adapter")
		fs.StringVar(&unitName, "unit-name", "", "DonViXuLy: name of the handling unit (default: the procedure's agency)")
		fs.BoolVar(&once, "once", false, "one pass, then exit (exit 1 if the portal could not be reached)")
		fs.DurationVar(&interval, "interval", 5*time.Minute, "pause between passes")
		fs.DurationVar(&minB, "min-backoff", time.Minute, "first retry delay after a refusal or an outage (doubling)")
		fs.DurationVar(&maxB, "max-backoff", 6*time.Hour, "longest retry delay")
		fs.DurationVar(&timeout, "timeout", 60*time.Second, "timeout of one adapter call")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 || adapter == "" || user == "" || pwFile == "" || unit == "" {
		return usagef("usage: forward --portal URL --user U --password-file F --unit CODE [--once] [--interval D]")
	}
	if interval <= 0 || minB <= 0 || maxB < minB || timeout <= 0 {
		return usagef("--interval, --min-backoff and --timeout must be positive, --max-backoff at least --min-backoff")
	}
	if !strings.HasPrefix(adapter, "https://") && !strings.HasPrefix(adapter, "http://") {
		return usagef("--portal must be an http(s) URL, got %q", adapter)
	}
	pw, err := readPassword(pwFile)
	if err != nil {
		return err
	}
	if dst == "" {
		dst = unit
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	client := &portal.Client{AdapterURL: adapter, AuthPath: authPath, ServicePath: svcPath, Username: user, Password: pw,
		DstCode: dst, MaDonVi: unit, HTTP: &http.Client{Timeout: timeout}}
	f, err := h.NewForwarder(hub.ForwardOptions{Unit: unit, Client: client, Map: portal.Options{DonViXuLy: unitName},
		Interval: interval, MinBackoff: minB, MaxBackoff: maxB, Logger: c.log})
	if err != nil {
		return err
	}
	if !once {
		c.log.Info("forwarding to the national portal", "unit", unit, "interval", interval)
		return f.Run(ctx)
	}
	res, err := f.RunOnce(ctx)
	fmt.Fprintf(c.stdout, "forwarded %d dossiers (%d as updates) and %d progress items; %d refused, %d held back, %d waiting for a retry, %d unchanged\n",
		res.Sent, res.Updated, res.Progress, res.Rejected, res.Held, res.Deferred, res.Unchanged)
	return err
}

func cmdForwardStatus(ctx context.Context, c *cli, args []string) error {
	var pg, unit string
	var asJSON bool
	var limit int
	pos, err := parse("forward-status", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&unit, "unit", "", "madonvi: agency code of the office")
		fs.BoolVar(&asJSON, "json", false, "print JSON")
		fs.IntVar(&limit, "limit", 20, "refusals to list")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 || unit == "" || limit < 0 {
		return usagef("usage: forward-status --unit CODE [--json] [--limit N]")
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	s, err := h.ForwardStatus(ctx, unit, limit)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.Format("2006-01-02 15:04:05")
	}
	fmt.Fprintf(c.stdout, "unit %s: %d dossiers: %d delivered, %d pending, %d refused\n", s.Unit, s.Dossiers, s.Delivered, s.Pending, s.Rejected)
	fmt.Fprintf(c.stdout, "last run %s, last success %s, failed passes in a row %d\n", when(s.LastRun), when(s.LastSuccess), s.Failures)
	if s.LastError != "" {
		fmt.Fprintf(c.stdout, "last error (%s): %s\n", when(s.LastErrorAt), s.LastError)
	}
	if len(s.Rejections) > 0 {
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tATTEMPTS\tLAST\tNEXT\tREASON")
		for _, r := range s.Rejections {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", r.Code, r.Attempts, when(r.At), when(r.NextAttempt), r.Error)
		}
		return tw.Flush()
	}
	return nil
}

func cmdLost(ctx context.Context, c *cli, args []string) error {
	var pg, office, resolve, by string
	var all, asJSON bool
	pos, err := parse("lost", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&office, "office", "", "only this office")
		fs.BoolVar(&all, "all", false, "include resolved records")
		fs.BoolVar(&asJSON, "json", false, "print JSON")
		fs.StringVar(&resolve, "resolve", "", "mark the lost records of this dossier code as handled")
		fs.StringVar(&by, "by", "", "who handled it (with --resolve)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 || (resolve != "" && by == "") {
		return usagef("usage: lost [--office CODE] [--all] [--json] | lost --resolve CODE --by NAME")
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	if resolve != "" {
		n, err := h.ResolveLost(ctx, resolve, by)
		if err != nil {
			var he *hub.Error
			if errors.As(err, &he) {
				return errors.New(he.Msg)
			}
			return err
		}
		fmt.Fprintf(c.stdout, "resolved %d lost record(s) of %s\n", n, resolve)
		return nil
	}
	ls, err := h.LostDossiers(ctx, office, all)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(ls)
	}
	if len(ls) == 0 {
		fmt.Fprintln(c.stdout, "no dossier lost from a restored desk")
		return nil
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OFFICE\tDESK\tCODE\tLOST\tEVENTS\tSTATUS\tRECEIVED\tDETECTED\tNOTE")
	for _, l := range ls {
		what := "dossier (re-enter it)"
		if l.What == "changes" {
			what = "later changes (re-enter them)"
		}
		var notes []string
		if l.Reissued {
			notes = append(notes, "code issued again to another dossier")
		}
		if !l.ResolvedAt.IsZero() {
			notes = append(notes, "resolved "+l.ResolvedAt.Format("2006-01-02")+" by "+l.ResolvedBy)
		}
		rec := "-"
		if !l.ReceivedAt.IsZero() {
			rec = l.ReceivedAt.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", l.Office, l.Desk, l.Code, what, l.Events, l.Status, rec,
			l.DetectedAt.Format("2006-01-02 15:04"), strings.Join(notes, "; "))
	}
	return tw.Flush()
}
