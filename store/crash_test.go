package store

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"motcua/dossier"
)

var (
	crashRounds  = flag.Int("crash.rounds", 20, "crash test: number of SIGKILLs")
	crashIntakes = flag.Int("crash.intakes", 0, "crash test: intakes per round before the kill point is drawn (0 = kill at a random moment in time)")
)

// TestCrashChild is the writer process of TestCrash: it receives dossiers
// until it is killed, printing each code after its commit returned.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("MOTCUA_CRASH_DB")
	if path == "" {
		t.Skip("helper process for TestCrash")
	}
	db, err := Open(path, Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(3)
	}
	// Each round receives on its own day, so 50 rounds of 1,000 intakes
	// stay within a desk's daily block of numbers.
	round, _ := strconv.Atoi(os.Getenv("MOTCUA_CRASH_ROUND"))
	at := time.Now().In(dossier.Zone).AddDate(0, 0, round)
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		d := sampleDossier(at, i)
		if err := db.CreateDossier(d, testScheme); err != nil {
			fmt.Fprintln(os.Stderr, "child create:", err)
			os.Exit(4)
		}
		// The code is acknowledged only once the commit returned.
		fmt.Fprintln(out, d.Code)
		out.Flush()
		if i%3 == 0 {
			_, err := db.UpdateDossier(string(d.Code), func(x *dossier.Dossier) error {
				return x.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(time.Minute), Actor: "clerk1", Department: "Phòng A"})
			})
			if err != nil {
				fmt.Fprintln(os.Stderr, "child update:", err)
				os.Exit(5)
			}
		}
	}
}

// TestCrash kills a process receiving dossiers with SIGKILL at random
// moments, then checks that every dossier whose commit returned is present,
// that the full check is clean and that no code was issued twice.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test needs child processes")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	acked := map[string]int{}
	total := 0
	for round := 1; round <= *crashRounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
		cmd.Env = append(os.Environ(), "MOTCUA_CRASH_DB="+path, fmt.Sprintf("MOTCUA_CRASH_ROUND=%d", round))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Kill after a random number of intakes (or a random delay once
		// the first intake is through), so the kill lands anywhere in the
		// write path: mid-transaction, mid-fsync, between commits.
		var killAfter int
		if *crashIntakes > 0 {
			killAfter = 1 + rng.IntN(*crashIntakes)
		}
		delay := time.Duration(rng.IntN(40_000)) * time.Microsecond
		n := 0
		killed := false
		timeout := time.After(60 * time.Second)
	loop:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break loop
				}
				if strings.HasPrefix(l, "000.") {
					acked[l]++
					n++
					total++
				}
				if !killed && ((killAfter > 0 && n >= killAfter) || (killAfter == 0 && n == 1)) {
					if killAfter == 0 {
						time.Sleep(delay)
					}
					cmd.Process.Signal(syscall.SIGKILL)
					killed = true
				}
			case <-timeout:
				cmd.Process.Kill()
				t.Fatalf("round %d: child made no progress: %s", round, stderr.String())
			}
		}
		err = cmd.Wait()
		if !killed || err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("round %d: child ended by itself (%v): %s", round, err, stderr.String())
		}
		// Drain lines printed between the kill and process exit.
		for l := range lines {
			if strings.HasPrefix(l, "000.") {
				acked[l]++
				total++
			}
		}
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for code, n := range acked {
		if n > 1 {
			t.Errorf("code %s was issued %d times", code, n)
		}
		if _, err := db.Dossier(code); err != nil {
			t.Errorf("acknowledged dossier %s lost: %v", code, err)
		}
	}
	rep, err := db.Check()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Errorf("check after crashes: %s", p)
	}
	t.Logf("%d kills, %d acknowledged intakes, %d records, check clean=%v", *crashRounds, total, rep.Dossiers, len(rep.Problems) == 0)
}
