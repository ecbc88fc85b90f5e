package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"motcua/hub"
	"motcua/syncproto"
)

func init() {
	commands["serve"] = command{"run the hub's HTTP API", cmdServe}
	commands["enroll"] = command{"print a one-time enrolment token for a desk of an office", cmdEnroll}
	commands["apikey"] = command{"print an API key for a department or an administrator", cmdAPIKey}
	commands["import"] = command{"ingest a desk's USB bundle and write the answer bundle", cmdImport}
	commands["publish"] = command{"publish a catalog file or a holiday year table to desks", cmdPublish}
	commands["stats"] = command{"events and dossiers held, per desk", cmdStats}
	commands["migrate"] = command{"apply the schema migrations", cmdMigrate}
}

func open(ctx context.Context, c *cli, pg string) (*hub.Hub, error) {
	return hub.Open(ctx, pg, hub.Options{Logger: c.log})
}

func cmdServe(ctx context.Context, c *cli, args []string) error {
	var pg, listen string
	pos, err := parse("serve", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&listen, "listen", "127.0.0.1:8470", "address to listen on")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("serve takes no arguments")
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	return h.Serve(ctx, listen, func(addr string) {
		c.log.Info("hub listening", "addr", addr, "hub_key", h.KeyID())
	})
}

func cmdEnroll(ctx context.Context, c *cli, args []string) error {
	var pg, office string
	pos, err := parse("enroll", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&office, "office", "", "agency code (mã định danh) of the desk's office")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 || office == "" {
		return usagef("usage: enroll --office CODE")
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	t, err := h.IssueEnrollToken(ctx, office)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, t)
	return nil
}

func cmdAPIKey(ctx context.Context, c *cli, args []string) error {
	var pg, name, office string
	pos, err := parse("apikey", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "who uses the key (a department, an administrator)")
		fs.StringVar(&office, "office", "", "limit the key to one office (default: every office)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 || name == "" {
		return usagef("usage: apikey --name NAME [--office CODE]")
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	t, err := h.IssueAPIKey(ctx, name, office)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, t)
	return nil
}

// answerPath is the default answer file next to the bundle:
// "desk.mcbundle" → "desk.answer.mcbundle".
func answerPath(in string) string {
	ext := filepath.Ext(in)
	return strings.TrimSuffix(in, ext) + ".answer" + ext
}

func cmdImport(ctx context.Context, c *cli, args []string) error {
	var pg, out string
	pos, err := parse("import", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "answer bundle to write (default: FILE with .answer before the extension)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: import FILE [--out ANSWER]")
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	if out == "" {
		out = answerPath(pos[0])
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	res, err := h.ImportBundle(ctx, data, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	ok, dup, rej := res.Ack.Counts()
	fmt.Fprintf(c.stdout, "imported %d events from desk %s: %d new, %d duplicate, %d rejected; %d changes for the desk\nanswer: %s\n",
		len(res.Ack.Items), res.Manifest.Install, ok, dup, rej, res.Changes, out)
	return nil
}

func cmdPublish(ctx context.Context, c *cli, args []string) error {
	var pg, kind, office, by string
	pos, err := parse("publish", c, args, &pg, func(fs *flag.FlagSet) {
		fs.StringVar(&kind, "kind", "", "catalog or holidays")
		fs.StringVar(&office, "office", "", "only for this office (default: every office)")
		fs.StringVar(&by, "by", "hub administrator", "who publishes")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 || (kind != "catalog" && kind != "holidays") {
		return usagef("usage: publish --kind catalog|holidays FILE [--office CODE]")
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	ch, err := h.Publish(ctx, by, office, syncproto.ChangeKind(kind), data)
	if err != nil {
		var he *hub.Error
		if errors.As(err, &he) {
			return errors.New(he.Msg)
		}
		return err
	}
	fmt.Fprintf(c.stdout, "published %s version %s (cursor %d)\n", kind, ch.Version, ch.Cursor)
	return nil
}

func cmdStats(ctx context.Context, c *cli, args []string) error {
	var pg string
	var asJSON bool
	pos, err := parse("stats", c, args, &pg, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("stats takes no arguments")
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	ss, err := h.Stats(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		if ss == nil {
			ss = []hub.DeskStats{}
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(ss)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OFFICE\tDESK\tSLOT\tINSTALL\tEVENTS\tDOSSIERS\tCOVERED\tANOMALIES\tLAST SEEN\tCHECKSUM\tGEN\tLOST FROM DESK AFTER RESTORE")
	var ev, ds, lostD int64
	for _, s := range ss {
		lost := "-"
		if s.LostEvents > 0 || s.LostDossiers > 0 || s.LostChanges > 0 {
			lost = fmt.Sprintf("%d events: %d dossiers, %d with changes, %d codes reissued (motcua-hub lost)", s.LostEvents, s.LostDossiers, s.LostChanges, s.Reissued)
		}
		lostD += s.LostDossiers
		last := "-"
		if !s.LastSeen.IsZero() {
			last = s.LastSeen.Format("2006-01-02 15:04")
		}
		sum := s.Checksum
		if len(sum) > 16 {
			sum = sum[:16]
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%d\t%s\n", s.Office, s.Desk, s.Slot, s.Install, s.Events, s.Dossiers, s.Covered, s.Anomalies, last, sum, s.Generation, lost)
		ev += s.Events
		ds += s.Dossiers
	}
	total := "-"
	if lostD > 0 {
		total = fmt.Sprintf("%d dossiers lost from desks", lostD)
	}
	fmt.Fprintf(tw, "TOTAL\t%d desks\t\t\t%d\t%d\t\t\t\t\t\t%s\n", len(ss), ev, ds, total)
	return tw.Flush()
}

func cmdMigrate(ctx context.Context, c *cli, args []string) error {
	var pg string
	if _, err := parse("migrate", c, args, &pg, nil); err != nil {
		return err
	}
	h, err := open(ctx, c, pg)
	if err != nil {
		return err
	}
	defer h.Close()
	v, err := hub.SchemaVersion(ctx, h.Pool())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "schema version %d\n", v)
	return nil
}
