package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"motcua/account"
	"motcua/desk"
	"motcua/store"
	"motcua/wire"
)

// Maintenance commands:
//
//	motcuactl setup --agency CODE --name NAME --parent AGENCY --place PLACE [--desk ID --number N --slot S --slots K]
//	                --admin USER --admin-name NAME  (password read from stdin)
//	motcuactl user add USER --name NAME --role clerk|supervisor|admin   (password read from stdin)
//	motcuactl check           full consistency check; exit 1 on problems
//	motcuactl backup OUT      hot backup, verified
//	motcuactl restore IN      replace the database with a verified backup (desk app closed)
//	motcuactl audit verify    verify the audit chain; exit 1 on any break
//	motcuactl audit list [--from SEQ] [--limit N]

func init() {
	register(&command{Name: "setup", Summary: "first-run setup of office, desk and first administrator", Run: runSetup})
	register(&command{Name: "user", Summary: "add users (user add NAME --role R --name FULLNAME)", Run: runUser})
	register(&command{Name: "check", Summary: "full consistency check of the database (exit 1 on problems)", Run: runCheck})
	register(&command{Name: "backup", Summary: "hot backup to a file, verified (backup OUT)", Run: runBackup})
	register(&command{Name: "restore", Summary: "restore a verified backup (restore IN; the desk app must be closed)", Run: runRestore})
	register(&command{Name: "compact", Summary: "rewrite the database without free pages (the desk app must be closed)", Run: runCompact})
	register(&command{Name: "audit", Summary: "audit chain: verify, list", Run: runAudit})
	register(&command{Name: "key", Summary: "encryption key: key recovery (new recovery code)", Run: runKey})
	register(&command{Name: "purge", Summary: "remove personal data past the retention period (purge [--dry-run])", Run: runPurge})
	register(&command{Name: "scans", Summary: "scan files: scans gc [--dry-run] deletes files no dossier refers to", Run: runScans})
}

func readPassword(e *env) (string, error) {
	r := bufio.NewReader(e.Stdin)
	line, err := r.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", usagef("the password is read from standard input (one line)")
	}
	return pw, nil
}

func runSetup(e *env, args []string) error {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	o := desk.DefaultOffice()
	d := desk.Desk{}
	fs.StringVar(&o.AgencyCode, "agency", "", "electronic code (mã định danh) of the one-stop unit")
	fs.StringVar(&o.Name, "name", "", "name of the one-stop unit")
	fs.StringVar(&o.ParentAgency, "parent", "", "governing agency printed on forms")
	fs.StringVar(&o.Place, "place", "", "place name printed before dates")
	fs.StringVar(&o.Address, "address", "", "office address")
	fs.StringVar(&o.Hours, "hours", o.Hours, "office windows")
	fs.StringVar(&o.LookupURL, "lookup-url", "", "public lookup URL printed in receipt QR codes")
	forms := fs.String("forms", string(o.Forms), "form set: tt03-2025 or tt01-2018")
	fs.IntVar(&o.Slots, "slots", o.Slots, "desk slots the day's code numbers are cut into")
	fs.StringVar(&d.ID, "desk", "quay-01", "desk id")
	fs.IntVar(&d.Number, "number", 1, "counter number")
	fs.IntVar(&d.Slot, "slot", 1, "this desk's code slot")
	admin := fs.String("admin", "admin", "first administrator's user name")
	adminName := fs.String("admin-name", "", "first administrator's full name")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	o.Forms = desk.FormSet(*forms)
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	return e.withDesk(func(dk *wire.Desk) error {
		if err := dk.Service.Setup(desk.SetupRequest{Office: o, Desk: d, AdminUsername: *admin, AdminName: *adminName, AdminPassword: pw}); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "set up %s, desk %s (slot %d of %d), administrator %s\n", o.AgencyCode, d.ID, d.Slot, o.Slots, *admin)
		code, err := dk.NewRecoveryCode()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "recovery code (keep it on paper; needed to restore backups on another machine): %s\n", code)
		return nil
	})
}

func runUser(e *env, args []string) error {
	return subcommands("user", args, map[string]func([]string) error{
		"add": func(a []string) error {
			fs := flag.NewFlagSet("user add", flag.ContinueOnError)
			name := fs.String("name", "", "full name")
			role := fs.String("role", "clerk", "clerk|supervisor|admin")
			pos, err := parseN(fs, a, 1, "usage: user add USER --name FULLNAME --role clerk|supervisor|admin (password on stdin)")
			if err != nil {
				return err
			}
			pw, err := readPassword(e)
			if err != nil {
				return err
			}
			return e.withSession(func(dk *wire.Desk, s *desk.Session) error {
				s.User.Role = account.RoleAdmin // the operator holds the database file
				if err := dk.Service.SaveUser(s, desk.UserRequest{Username: pos[0], Name: *name, Role: account.Role(*role), Password: pw}); err != nil {
					return err
				}
				fmt.Fprintf(e.Stdout, "user %s (%s) saved; the password must be changed at first login\n", pos[0], *role)
				return nil
			})
		},
		"list": func(a []string) error {
			return e.withDB(func(db *store.DB) error {
				us, err := db.Users()
				if err != nil {
					return err
				}
				for _, u := range us {
					state := "active"
					if u.Disabled {
						state = "disabled"
					}
					fmt.Fprintf(e.Stdout, "%s\t%s\t%s\t%s\n", u.Username, u.Role, state, u.Name)
				}
				return nil
			})
		},
	})
}

func runCheck(e *env, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		rep, err := db.Check()
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(e.Stdout)
			enc.SetIndent("", "  ")
			enc.Encode(rep)
		} else {
			fmt.Fprint(e.Stdout, rep.String())
		}
		if len(rep.Problems) > 0 {
			return exitError{code: 1, msg: fmt.Sprintf("%d problems found", len(rep.Problems))}
		}
		if !*asJSON {
			fmt.Fprintln(e.Stdout, "OK")
		}
		return nil
	})
}

func runBackup(e *env, args []string) error {
	pos, err := parseN(flag.NewFlagSet("backup", flag.ContinueOnError), args, 1, "usage: backup OUT")
	if err != nil {
		return err
	}
	return e.withDesk(func(dk *wire.Desk) error {
		rep, keyCopy, err := dk.Backup(pos[0])
		if err != nil {
			return err
		}
		if err := dk.DB.Audit(store.Audit{Actor: operator(), Action: "backup.run", Detail: fmt.Sprintf("%d dossiers", rep.Dossiers)}); err != nil {
			return err
		}
		st, _ := os.Stat(pos[0])
		fmt.Fprintf(e.Stdout, "backup written to %s (%d bytes), verified: %d dossiers, %d audit entries\n", pos[0], st.Size(), rep.Dossiers, rep.Audit)
		if keyCopy {
			fmt.Fprintf(e.Stdout, "key copy for another machine: %s.key (opens only with the recovery code)\n", pos[0])
		} else {
			fmt.Fprintln(e.Stderr, "motcuactl backup: warning: no recovery code is set, so this backup can be restored only on this machine (run \"motcuactl key recovery\")")
		}
		return nil
	})
}

func runRestore(e *env, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	code := fs.String("recovery-code", "", "the recovery code, to restore a backup on another machine (reads IN.key)")
	var lastCodes multiFlag
	fs.Var(&lastCodes, "last-code", "the last dossier code printed after the backup was taken (repeat per day/agency); its day counter is raised so no printed code is issued again")
	pos, err := parseN(fs, args, 1, "usage: restore IN [--recovery-code CODE]")
	if err != nil {
		return err
	}
	dst, err := e.dbPath()
	if err != nil {
		return err
	}
	rep, err := wire.Restore(pos[0], dst, *code)
	if err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		if err := db.Audit(store.Audit{Actor: operator(), Action: "backup.restore", Detail: fmt.Sprintf("%d dossiers from a backup", rep.Dossiers)}); err != nil {
			return err
		}
		for _, c := range lastCodes {
			raised, err := db.RaiseCounter(c, store.Audit{Actor: operator()})
			if err != nil {
				return fmt.Errorf("--last-code %s: %w", c, err)
			}
			if raised {
				fmt.Fprintf(e.Stdout, "day counter raised past %s\n", c)
			}
		}
		if len(lastCodes) == 0 {
			fmt.Fprintln(e.Stderr, "motcuactl restore: codes printed after the backup may be issued again; pass --last-code with the last code of each day since the backup (see the paper receipts or tracking book)")
		}
		if _, enrolled, err := readSync(db); err == nil && enrolled {
			fmt.Fprintln(e.Stderr, "motcuactl restore: before the first intake, run \"motcuactl sync push\" (or start the desk app online): the hub sends back the last codes it holds from this desk and the day counters are raised past them")
		}
		fmt.Fprintf(e.Stdout, "restored %s from %s: %d dossiers; the previous file was kept as %s.before-restore; new incarnation %s\n", dst, pos[0], rep.Dossiers, dst, db.IncarnationID())
		return nil
	})
}

func runAudit(e *env, args []string) error {
	return subcommands("audit", args, map[string]func([]string) error{
		"verify": func(a []string) error {
			return e.withDB(func(db *store.DB) error {
				n, probs, err := db.VerifyAudit()
				if err != nil {
					return err
				}
				for _, p := range probs {
					fmt.Fprintf(e.Stdout, "BROKEN %s\n", p)
				}
				if len(probs) > 0 {
					return exitError{code: 1, msg: fmt.Sprintf("the audit chain is broken in %d places", len(probs))}
				}
				h, _ := db.AuditHead()
				fmt.Fprintf(e.Stdout, "OK %d entries, head %d %s\n", n, h.Seq, h.Hash)
				return nil
			})
		},
		"list": func(a []string) error {
			fs := flag.NewFlagSet("audit list", flag.ContinueOnError)
			from := fs.Uint64("from", 1, "first sequence")
			limit := fs.Int("limit", 100, "maximum entries")
			if _, err := parseInterspersed(fs, a); err != nil {
				return err
			}
			return e.withDB(func(db *store.DB) error {
				es, err := db.AuditEntries(*from, *limit)
				if err != nil {
					return err
				}
				for _, x := range es {
					fmt.Fprintf(e.Stdout, "%d\t%s\t%s\t%s\t%s\t%s\n", x.Seq, x.At.Format("2006-01-02 15:04:05"), x.Actor, x.Action, x.Object, x.Detail)
				}
				return nil
			})
		},
	})
}

func runKey(e *env, args []string) error {
	return subcommands("key", args, map[string]func([]string) error{
		"recovery": func(a []string) error {
			return e.withDesk(func(dk *wire.Desk) error {
				code, err := dk.NewRecoveryCode()
				if err != nil {
					return err
				}
				fmt.Fprintf(e.Stdout, "%s\n", code)
				fmt.Fprintln(e.Stderr, "motcuactl key: keep this recovery code on paper in a safe place; it replaces any earlier code and is needed to restore backups on another machine")
				return nil
			})
		},
	})
}

func runPurge(e *env, args []string) error {
	fs := flag.NewFlagSet("purge", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "only count")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	return e.withSession(func(dk *wire.Desk, s *desk.Session) error {
		if s.Office.RetentionYears <= 0 {
			fmt.Fprintln(e.Stdout, "no retention period is set (office setting retention_years): nothing to purge")
			return nil
		}
		s.User.Role = account.RoleAdmin // the operator holds the database file
		n, err := dk.PurgeExpired(s, *dry)
		if err != nil {
			return err
		}
		verb := "purged"
		if *dry {
			verb = "would purge"
		}
		fmt.Fprintf(e.Stdout, "%s the personal data of %d dossiers finished more than %d years ago\n", verb, n, s.Office.RetentionYears)
		return nil
	})
}

func runScans(e *env, args []string) error {
	return subcommands("scans", args, map[string]func([]string) error{
		"gc": func(a []string) error {
			fs := flag.NewFlagSet("scans gc", flag.ContinueOnError)
			dry := fs.Bool("dry-run", false, "only count")
			if _, err := parseInterspersed(fs, a); err != nil {
				return err
			}
			return e.withDesk(func(dk *wire.Desk) error {
				n, err := dk.CollectScans(*dry)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.Stdout, "%d unreferenced scan files%s\n", n, map[bool]string{true: " (dry run)", false: " deleted"}[*dry])
				return nil
			})
		},
	})
}

// multiFlag collects a repeated string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runCompact(e *env, args []string) error {
	if _, err := parseInterspersed(flag.NewFlagSet("compact", flag.ContinueOnError), args); err != nil {
		return err
	}
	p, err := e.dbPath()
	if err != nil {
		return err
	}
	before, after, err := wire.CompactStore(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "compacted %s: %d → %d bytes\n", p, before, after)
	return nil
}
