package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"motcua/account"
	"motcua/desk"
	"motcua/receipt"
	"motcua/store"
	"motcua/wire"
)

// Receipt commands:
//
//	receipt verify TEXT|-        prints "OK CODE", or fails naming why:
//	                             malformed receipt, unknown key, bad signature
//	receipt key export [--all] [--out FILE]
//	                             this desk's public key line (--all: every
//	                             trusted key), for other desks and the hub
//	receipt key import FILE|-    trust the public keys in FILE
//	receipt key list             "KEYID ORIGIN NAME" per trusted key
//	receipt key new              give this desk a new signing key; the old
//	                             one stays trusted for earlier receipts
//
// The trusted keys are the desk's own key and the imported ones, all in
// the database's keys bucket.
func init() {
	register(&command{
		Name:    "receipt",
		Summary: "signed receipt QR codes: verify TEXT | key export|import|list|new",
		Run: func(e *env, args []string) error {
			return subcommands("receipt", args, map[string]func([]string) error{
				"verify": func(a []string) error { return receiptVerify(e, a) },
				"key": func(a []string) error {
					return subcommands("receipt key", a, map[string]func([]string) error{
						"export": func(a []string) error { return keyExport(e, a) },
						"import": func(a []string) error { return keyImport(e, a) },
						"list":   func(a []string) error { return keyList(e, a) },
						"new":    func(a []string) error { return keyNew(e, a) },
					})
				},
			})
		},
	})
}

// trustedKeys reads every key record of the keys bucket.
func trustedKeys(db *store.DB) ([]receipt.Record, error) {
	var recs []receipt.Record
	err := db.Keys(func(id string, raw []byte) error {
		var r receipt.Record
		if err := json.Unmarshal(raw, &r); err != nil {
			return fmt.Errorf("key %s: %w", id, err)
		}
		if r.ID != id {
			return fmt.Errorf("key record stored under %s names %s", id, r.ID)
		}
		recs = append(recs, r)
		return nil
	})
	sort.Slice(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
	return recs, err
}

// readArg returns TEXT, or standard input for "-".
func readArg(e *env, s string) (string, error) {
	if s != "-" {
		return s, nil
	}
	b, err := io.ReadAll(io.LimitReader(e.Stdin, 1<<20))
	return string(b), err
}

func receiptVerify(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("usage: receipt verify TEXT (or - to read the scanned text from standard input)")
	}
	text, err := readArg(e, args[0])
	if err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		recs, err := trustedKeys(db)
		if err != nil {
			return err
		}
		ring := receipt.Keyring{}
		for _, r := range recs {
			k, err := r.Key()
			if err != nil {
				fmt.Fprintf(e.Stderr, "motcuactl receipt: skipping key %s: %v\n", r.ID, err)
				continue
			}
			ring.Add(k)
		}
		c, err := receipt.Verify(text, ring.Trusted)
		if err != nil {
			if errors.Is(err, receipt.ErrUnknownKey) && len(ring) == 0 {
				return fmt.Errorf("%w (this desk trusts no keys yet: %s)", err, setupHint)
			}
			return err
		}
		fmt.Fprintf(e.Stdout, "OK %s\n", c.Code)
		return nil
	})
}

func keyExport(e *env, args []string) error {
	fs := flag.NewFlagSet("receipt key export", flag.ContinueOnError)
	all := fs.Bool("all", false, "export every trusted key, not only this desk's")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if _, err := parseN(fs, args, 0, "usage: receipt key export [--all] [--out FILE]"); err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		var lines []string
		if *all {
			recs, err := trustedKeys(db)
			if err != nil {
				return err
			}
			for _, r := range recs {
				k, err := r.Key()
				if err != nil {
					return err
				}
				lines = append(lines, k.PublicLine())
			}
			if len(lines) == 0 {
				return errors.New("the keys bucket is empty: " + setupHint)
			}
		} else {
			_, dk, err := officeDesk(db)
			if err != nil {
				return err
			}
			k, err := ownKey(db, dk)
			if err != nil {
				return err
			}
			lines = []string{k.PublicLine()}
		}
		text := strings.Join(lines, "\n") + "\n"
		if *out == "" {
			_, err := io.WriteString(e.Stdout, text)
			return err
		}
		return writeFileAtomic(*out, []byte(text))
	})
}

func keyImport(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("usage: receipt key import FILE (or - for standard input)")
	}
	var data []byte
	var err error
	if args[0] == "-" {
		data, err = io.ReadAll(io.LimitReader(e.Stdin, 1<<20))
	} else {
		data, err = os.ReadFile(args[0])
	}
	if err != nil {
		return err
	}
	keys, err := receipt.ParsePublicKeys(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	return e.withDB(func(db *store.DB) error {
		// Check every key first, so a bad file changes nothing.
		var fresh []receipt.Key
		for _, k := range keys {
			var have receipt.Record
			ok, err := db.GetKey(k.ID, &have)
			if err != nil {
				return err
			}
			if !ok {
				fresh = append(fresh, k)
				continue
			}
			hk, err := have.Key()
			if err != nil {
				return err
			}
			if !hk.Public.Equal(k.Public) {
				return fmt.Errorf("key id %s is already used by a different key (%q); nothing imported (the desk that made the new key can draw another one: motcuactl receipt key new)", k.ID, have.Name)
			}
			fmt.Fprintf(e.Stdout, "already trusted %s %s\n", k.ID, have.Name)
		}
		now := formNow().UTC()
		for _, k := range fresh {
			if err := db.PutKey(k.ID, k.Record(receipt.OriginImported, now), store.Audit{Actor: operator(), Action: "key.import", Object: k.ID, Detail: k.Name}); err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "imported %s %s\n", k.ID, k.Name)
		}
		return nil
	})
}

func keyList(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("usage: receipt key list")
	}
	return e.withDB(func(db *store.DB) error {
		recs, err := trustedKeys(db)
		if err != nil {
			return err
		}
		for _, r := range recs {
			origin := r.Origin
			if r.Private != "" {
				origin += ",signing"
			}
			fmt.Fprintf(e.Stdout, "%s %s %s\n", r.ID, origin, r.Name)
		}
		return nil
	})
}

// keyNew rotates this desk's signing key (desk.Service.RotateKey) and says
// what the operator must do next.
func keyNew(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("usage: receipt key new")
	}
	return e.withSession(func(dk *wire.Desk, s *desk.Session) error {
		s.User.Role = account.RoleAdmin // the operator holds the database file
		old, fresh, err := dk.Service.RotateKey(s, nil)
		if err != nil {
			return err
		}
		if old.ID != "" {
			fmt.Fprintf(e.Stdout, "retired %s (kept to verify earlier receipts)\n", old.ID)
		}
		fmt.Fprintf(e.Stdout, "new signing key %s %s\n", fresh.ID, fresh.Name)
		fmt.Fprintln(e.Stdout, "next: give it to the other desks (receipt key export, then receipt key import there)")
		if _, enrolled, err := readSync(dk.DB); err == nil && enrolled {
			fmt.Fprintln(e.Stdout, "next: re-enrol with the hub (sync enroll --hub URL --token T, with the token this desk enrolled with or a new one from motcua-hub enroll); until then the hub refuses this desk's batches")
		}
		return nil
	})
}
