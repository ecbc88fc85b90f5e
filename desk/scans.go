package desk

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"motcua/dossier"
)

// MaxScanSize bounds one attached file (scanned PDFs of a thick dossier
// stay well below it).
const MaxScanSize = 50 << 20

// Scans keeps attached scans in a content-addressed folder next to the
// database: <dir>/<first two hex digits>/<sha256>.<ext>. The dossier record
// keeps the hash; identical files are stored once.
type Scans struct{ Dir string }

// scanTypes are the accepted formats, recognised by their magic bytes
// (the extension is not trusted).
var scanTypes = []struct {
	magic []byte
	mime  string
	ext   string
}{
	{[]byte("%PDF-"), "application/pdf", ".pdf"},
	{[]byte{0xFF, 0xD8, 0xFF}, "image/jpeg", ".jpg"},
	{[]byte("\x89PNG\r\n\x1a\n"), "image/png", ".png"},
}

// Attach copies the file at path into the folder and returns its record.
// Files that are not PDF, JPEG or PNG, empty or too large are refused with
// a specific error and nothing is stored.
func (s Scans) Attach(path string) (dossier.Scan, error) {
	f, err := os.Open(path)
	if err != nil {
		return dossier.Scan{}, dossier.Errorf(dossier.KindInvalid, "scan", "cannot open %s: %v", filepath.Base(path), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return dossier.Scan{}, err
	}
	if st.IsDir() {
		return dossier.Scan{}, dossier.Errorf(dossier.KindInvalid, "scan", "%s is a folder, not a file", filepath.Base(path))
	}
	if st.Size() == 0 {
		return dossier.Scan{}, dossier.Errorf(dossier.KindInvalid, "scan", "%s is empty", filepath.Base(path))
	}
	if st.Size() > MaxScanSize {
		return dossier.Scan{}, dossier.Errorf(dossier.KindInvalid, "scan", "%s is %d MB; the limit is %d MB", filepath.Base(path), st.Size()>>20, MaxScanSize>>20)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	mime, ext := "", ""
	for _, t := range scanTypes {
		if bytes.HasPrefix(head[:n], t.magic) {
			mime, ext = t.mime, t.ext
		}
	}
	if mime == "" {
		return dossier.Scan{}, dossier.Errorf(dossier.KindInvalid, "scan", "%s is not a PDF, JPEG or PNG file", filepath.Base(path))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return dossier.Scan{}, err
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return dossier.Scan{}, fmt.Errorf("scan folder: %w", err)
	}
	tmp, err := os.CreateTemp(s.Dir, ".scan-*")
	if err != nil {
		return dossier.Scan{}, fmt.Errorf("scan folder: %w", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(tmp, h), f)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return dossier.Scan{}, fmt.Errorf("copy %s: %w", filepath.Base(path), err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	dst := s.Path(sum, ext)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return dossier.Scan{}, err
	}
	if _, err := os.Stat(dst); err != nil {
		if err := os.Rename(tmp.Name(), dst); err != nil {
			return dossier.Scan{}, fmt.Errorf("store %s: %w", filepath.Base(path), err)
		}
	}
	return dossier.Scan{Name: filepath.Base(path), SHA256: sum, Size: size, MIME: mime}, nil
}

// Path returns where a scan with this hash and extension lives.
func (s Scans) Path(sha, ext string) string {
	return filepath.Join(s.Dir, sha[:2], sha+ext)
}

// Open returns the stored file of a scan and checks its hash.
func (s Scans) Open(sc dossier.Scan) ([]byte, error) {
	ext := ".bin"
	for _, t := range scanTypes {
		if t.mime == sc.MIME {
			ext = t.ext
		}
	}
	b, err := os.ReadFile(s.Path(sc.SHA256, ext))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	if !strings.EqualFold(hex.EncodeToString(sum[:]), sc.SHA256) {
		return nil, fmt.Errorf("scan %s: the stored file does not match its hash (damaged)", sc.Name)
	}
	return b, nil
}

// FolderFiles lists the PDF/JPEG/PNG files of a scanner's output folder,
// newest first, for the "attach from scanner folder" action.
func FolderFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type fi struct {
		path string
		mod  int64
	}
	var out []fi
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".pdf", ".jpg", ".jpeg", ".png":
			if info, err := e.Info(); err == nil {
				out = append(out, fi{filepath.Join(dir, e.Name()), info.ModTime().UnixNano()})
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].mod > out[j-1].mod; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	paths := make([]string, len(out))
	for i, f := range out {
		paths[i] = f.path
	}
	return paths, nil
}

// Files lists the stored scan files by hash.
func (s Scans) Files() (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(s.Dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == s.Dir {
				return filepath.SkipDir
			}
			return err
		}
		if e.IsDir() {
			return nil
		}
		name := e.Name()
		sha := strings.TrimSuffix(name, filepath.Ext(name))
		if len(sha) == 64 && !strings.HasPrefix(name, ".") {
			out[sha] = p
		}
		return nil
	})
	return out, err
}
