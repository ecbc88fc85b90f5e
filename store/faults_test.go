//go:build linux

package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
)

// TestFullDiskChild receives dossiers with the file size limited
// (RLIMIT_FSIZE), as if the disk were full: writes past the limit fail
// with EFBIG. It prints each acknowledged code, then the error that
// stopped it.
func TestFullDiskChild(t *testing.T) {
	path := os.Getenv("MOTCUA_FULL_DB")
	if path == "" {
		t.Skip("helper process for TestFullDisk")
	}
	signal.Ignore(syscall.SIGXFSZ)
	db, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("OPEN", err)
		os.Exit(0)
	}
	st, _ := os.Stat(path)
	lim := uint64(st.Size() + 256<<10)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		fmt.Println("RLIMIT", err)
		os.Exit(3)
	}
	at := time.Now().In(dossier.Zone)
	for i := 0; ; i++ {
		d := sampleDossier(at, i)
		if err := db.CreateDossier(d, testScheme); err != nil {
			fmt.Printf("ERROR %s %v\n", desk.StorageProblem(err), err)
			break
		}
		if err := db.Flush(); err != nil {
			fmt.Printf("ERROR %s %v\n", desk.StorageProblem(err), err)
			break
		}
		fmt.Println(d.Code)
	}
	db.Close()
	os.Exit(0)
}

// TestFullDisk fills the "disk" while receiving: the failing intake gets a
// disk-full error (which the UI shows in Vietnamese), nothing acknowledged
// is lost, and the database checks clean afterwards with room again.
func TestFullDisk(t *testing.T) {
	if runtime.GOOS != "linux" || testing.Short() {
		t.Skip("needs Linux rlimits and a child process")
	}
	path := filepath.Join(t.TempDir(), "full.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFullDiskChild$")
	cmd.Env = append(os.Environ(), "MOTCUA_FULL_DB="+path)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var acked []string
	var failure string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "ERROR "):
			failure = l
		case strings.HasPrefix(l, "000."):
			acked = append(acked, l)
		}
	}
	if len(acked) == 0 || !strings.HasPrefix(failure, "ERROR disk-full ") {
		t.Fatalf("%d intakes, then %q", len(acked), failure)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range acked {
		if _, err := db.Dossier(c); err != nil {
			t.Errorf("acknowledged %s lost: %v", c, err)
		}
	}
	rep, err := db.Check()
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check after a full disk: %v %v", err, rep.Problems)
	}
	// With space again, work continues.
	if err := db.CreateDossier(sampleDossier(time.Now(), 99999), testScheme); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d intakes before the disk filled; failure: %s", len(acked), failure)
}

// TestReadOnlyFile: a database file that cannot be written (a read-only
// disk or file) gives a read-only error at open, and nothing changes.
func TestReadOnlyFile(t *testing.T) {
	if os.Getuid() == 0 {
		// root ignores file permissions; use a read-only bind of the
		// file's folder instead when possible.
		dir := t.TempDir()
		path := filepath.Join(dir, "ro.db")
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
			t.Skipf("cannot bind-mount to simulate a read-only disk as root: %v", err)
		}
		defer syscall.Unmount(dir, 0)
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount read-only: %v", err)
		}
		_, err = Open(path, Options{Timeout: time.Second})
		if got := desk.StorageProblem(err); got != "read-only" {
			t.Fatalf("open on a read-only disk: %v (%q)", err, got)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "ro.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0o400)
	_, err = Open(path, Options{Timeout: time.Second})
	if got := desk.StorageProblem(err); got != "read-only" || !errors.Is(err, os.ErrPermission) {
		t.Fatalf("open of a read-only file: %v (%q)", err, got)
	}
}
