package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"time"
)

// The catalog file format ("MCAT"), used for the embedded default catalog:
// gzip over a compact binary encoding — a magic string and format version,
// the set's stamp, then every procedure's fields in a fixed order. Strings
// are a uvarint length followed by UTF-8 bytes; counts and small integers
// are uvarints, fee amounts signed varints, time values IEEE-754 bits. It
// exists because decoding JSON of the 22 MB default catalog takes several
// times longer than this format (see BenchmarkLoadDefault): decoded
// strings share one buffer instead of one allocation each.
//
// Any change of the field order or of Procedure's fields needs a new
// format version; TestCodecCoversEveryField fails when a field is added to
// the model but not to the codec.

const (
	codecMagic   = "MOTCUA-CATALOG\x00"
	codecVersion = 1
	// maxDecoded bounds the decompressed size of a catalog file.
	maxDecoded = 512 << 20
)

// Encode writes the set in the catalog file format. The output is
// deterministic: the same set gives the same bytes.
func (s *Set) Encode(w io.Writer) error { return s.EncodeLevel(w, gzip.BestCompression) }

// EncodeLevel is Encode with a chosen gzip level (the store uses a fast
// level for its per-version records).
func (s *Set) EncodeLevel(w io.Writer, level int) error {
	var e encoder
	e.buf.WriteString(codecMagic)
	e.buf.WriteByte(codecVersion)
	e.str(s.Stamp)
	e.uint(uint64(len(s.Procedures)))
	for _, p := range s.Procedures {
		if err := e.procedure(p); err != nil {
			return fmt.Errorf("procedure %s: %w", p.Code, err)
		}
	}
	zw, err := gzip.NewWriterLevel(w, level)
	if err != nil {
		return err
	}
	if _, err := zw.Write(e.buf.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// maxStampHeader bounds the bytes DecodeStamp reads: magic, version, a
// length and a stamp of at most 1 KiB.
const maxStampHeader = 1 << 11

// DecodeStamp returns the stamp of an encoded catalog from its header alone
// (Decode reads and checks the whole file): start-up compares the embedded
// default's stamp with the stored catalog's without decoding 2,849
// procedures.
func DecodeStamp(data []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("catalog file: %w", err)
	}
	head, err := io.ReadAll(io.LimitReader(zr, maxStampHeader))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "", fmt.Errorf("catalog file: %w", err)
	}
	d := decoder{s: string(head)}
	if len(d.s) < len(codecMagic)+1 || d.s[:len(codecMagic)] != codecMagic {
		return "", errors.New("catalog file: bad magic (not a motcua catalog)")
	}
	if v := d.s[len(codecMagic)]; v != codecVersion {
		return "", fmt.Errorf("catalog file: format version %d, this build reads %d", v, codecVersion)
	}
	d.i = len(codecMagic) + 1
	stamp := d.str()
	if d.err != nil {
		return "", fmt.Errorf("catalog file: header: %w", d.err)
	}
	return stamp, nil
}

var gzipReaders sync.Pool // *gzip.Reader

// Decode reads a set in the catalog file format.
func Decode(data []byte) (*Set, error) {
	// The store decodes one small version per procedure it meets; a
	// pooled reader spares each its 32 KB window and tables.
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(data))
	} else {
		err = zr.Reset(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("catalog file: %w", err)
	}
	defer gzipReaders.Put(zr)
	var raw bytes.Buffer
	if isz := gzipSize(data); isz > 0 && isz < maxDecoded {
		raw.Grow(isz)
	}
	n, err := raw.ReadFrom(io.LimitReader(zr, maxDecoded+1))
	if err != nil {
		return nil, fmt.Errorf("catalog file: %w", err)
	}
	if n > maxDecoded {
		return nil, errors.New("catalog file: too large")
	}
	d := decoder{s: raw.String()}
	if len(d.s) < len(codecMagic)+1 || d.s[:len(codecMagic)] != codecMagic {
		return nil, errors.New("catalog file: bad magic (not a motcua catalog)")
	}
	if v := d.s[len(codecMagic)]; v != codecVersion {
		return nil, fmt.Errorf("catalog file: format version %d, this build reads %d", v, codecVersion)
	}
	d.i = len(codecMagic) + 1
	stamp := d.str()
	count := d.count(8)
	procs := make([]*Procedure, 0, count)
	if d.err != nil {
		return nil, fmt.Errorf("catalog file: header: %w", d.err)
	}
	for k := 0; k < count; k++ {
		p := d.procedure()
		if d.err != nil {
			return nil, fmt.Errorf("catalog file: procedure %d (code %q): %w", k, p.Code, d.err)
		}
		procs = append(procs, p)
	}
	if d.i != len(d.s) {
		return nil, fmt.Errorf("catalog file: %d trailing bytes", len(d.s)-d.i)
	}
	set := NewSet(stamp, procs)
	if set.Len() != len(procs) {
		return nil, errors.New("catalog file: duplicate procedure codes")
	}
	return set, nil
}

// gzipSize reads the ISIZE trailer (uncompressed size mod 2^32).
func gzipSize(data []byte) int {
	if len(data) < 18 {
		return 0
	}
	return int(binary.LittleEndian.Uint32(data[len(data)-4:]))
}

type encoder struct{ buf bytes.Buffer }

func (e *encoder) uint(v uint64) {
	var b [binary.MaxVarintLen64]byte
	e.buf.Write(b[:binary.PutUvarint(b[:], v)])
}

func (e *encoder) int(v int64) {
	var b [binary.MaxVarintLen64]byte
	e.buf.Write(b[:binary.PutVarint(b[:], v)])
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf.WriteString(s)
}

func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf.WriteByte(1)
	} else {
		e.buf.WriteByte(0)
	}
}

func (e *encoder) agencies(as []Agency) {
	e.uint(uint64(len(as)))
	for _, a := range as {
		e.str(a.Code)
		e.str(a.Name)
	}
}

func (e *encoder) procedure(p *Procedure) error {
	e.str(p.Code)
	e.str(p.Name)
	e.uint(uint64(len(p.Levels)))
	for _, l := range p.Levels {
		e.str(string(l))
	}
	e.str(p.LevelText)
	e.str(p.Field.Code)
	e.str(p.Field.Name)
	e.str(p.Kind)
	e.str(p.Publisher)
	e.agencies(p.Agencies.Executing)
	e.agencies(p.Agencies.Competent)
	e.agencies(p.Agencies.Delegated)
	e.agencies(p.Agencies.Coordinating)
	e.strs(p.Subjects)
	e.uint(uint64(len(p.LegalBasis)))
	for _, l := range p.LegalBasis {
		e.str(l.Number)
		e.str(l.Title)
		e.str(l.Date)
		e.str(l.Issuer)
	}
	e.uint(uint64(len(p.Results)))
	for _, r := range p.Results {
		e.str(r.Code)
		e.str(r.Name)
		e.str(r.Template)
	}
	e.str(p.Conditions)
	e.uint(uint64(len(p.Steps)))
	for _, s := range p.Steps {
		e.str(s.Case)
		e.str(s.Text)
	}
	e.str(p.DecisionNumber)
	e.str(p.ReceivingAddress)
	e.strs(p.Keywords)
	e.str(p.Description)
	e.uint(uint64(len(p.Channels)))
	for _, c := range p.Channels {
		if c.Method < 0 {
			return fmt.Errorf("negative method %d", c.Method)
		}
		e.uint(uint64(c.Method))
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(c.Time.Value))
		e.buf.Write(b[:])
		e.str(string(c.Time.Unit))
		e.str(c.Time.Text)
		e.uint(uint64(len(c.Fees)))
		for _, f := range c.Fees {
			e.int(f.Amount)
			e.str(f.Text)
		}
		e.str(c.Description)
	}
	e.uint(uint64(len(p.Cases)))
	for _, c := range p.Cases {
		e.str(c.Name)
		e.uint(uint64(len(c.Components)))
		for _, k := range c.Components {
			if k.Originals < 0 || k.Copies < 0 {
				return fmt.Errorf("component %q: negative quantity", k.Name)
			}
			e.str(k.Name)
			e.str(k.Code)
			e.uint(uint64(k.Originals))
			e.uint(uint64(k.Copies))
			e.bool(k.MustSubmit)
			e.bool(k.Optional)
			e.str(k.Template)
			e.str(k.TemplateURL)
		}
		e.strs(c.Notes)
	}
	e.bool(p.ListOnly)
	e.str(p.Version.Hash)
	e.str(p.Version.Source)
	if p.Version.ImportedAt.IsZero() {
		e.str("")
	} else {
		e.str(p.Version.ImportedAt.Format(time.RFC3339Nano))
	}
	return nil
}

// decoder reads from one string; decoded strings are substrings of it.
type decoder struct {
	s   string
	i   int
	err error
}

func (d *decoder) fail(format string, a ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format+" at byte %d", append(a, d.i)...)
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	var x uint64
	var s uint
	for k := 0; k < binary.MaxVarintLen64; k++ {
		if d.i >= len(d.s) {
			d.fail("truncated number")
			return 0
		}
		b := d.s[d.i]
		d.i++
		if b < 0x80 {
			if k == binary.MaxVarintLen64-1 && b > 1 {
				d.fail("number overflows")
				return 0
			}
			return x | uint64(b)<<s
		}
		x |= uint64(b&0x7f) << s
		s += 7
	}
	d.fail("number overflows")
	return 0
}

func (d *decoder) int() int64 {
	u := d.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// count reads a length and checks it against the bytes left, each element
// needing at least min bytes.
func (d *decoder) count(min int) int {
	n := d.uint()
	if d.err != nil {
		return 0
	}
	if n > uint64(len(d.s)-d.i)/uint64(min) {
		d.fail("count %d exceeds the data", n)
		return 0
	}
	return int(n)
}

func (d *decoder) small() int {
	n := d.uint()
	if n > math.MaxInt32 {
		d.fail("value %d out of range", n)
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.s)-d.i) {
		d.fail("string of %d bytes exceeds the data", n)
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for k := range out {
		out[k] = d.str()
	}
	return out
}

func (d *decoder) bool() bool {
	if d.err != nil {
		return false
	}
	if d.i >= len(d.s) {
		d.fail("truncated flag")
		return false
	}
	b := d.s[d.i]
	d.i++
	if b > 1 {
		d.fail("bad flag %d", b)
	}
	return b == 1
}

func (d *decoder) agencies() []Agency {
	n := d.count(2)
	if n == 0 {
		return nil
	}
	out := make([]Agency, n)
	for k := range out {
		out[k] = Agency{Code: d.str(), Name: d.str()}
	}
	return out
}

func (d *decoder) procedure() *Procedure {
	p := &Procedure{Code: d.str(), Name: d.str()}
	if n := d.count(1); n > 0 {
		p.Levels = make([]Level, n)
		for k := range p.Levels {
			p.Levels[k] = Level(d.str())
		}
	}
	p.LevelText = d.str()
	p.Field = Field{Code: d.str(), Name: d.str()}
	p.Kind = d.str()
	p.Publisher = d.str()
	p.Agencies.Executing = d.agencies()
	p.Agencies.Competent = d.agencies()
	p.Agencies.Delegated = d.agencies()
	p.Agencies.Coordinating = d.agencies()
	p.Subjects = d.strs()
	if n := d.count(4); n > 0 {
		p.LegalBasis = make([]LegalDoc, n)
		for k := range p.LegalBasis {
			p.LegalBasis[k] = LegalDoc{Number: d.str(), Title: d.str(), Date: d.str(), Issuer: d.str()}
		}
	}
	if n := d.count(3); n > 0 {
		p.Results = make([]Result, n)
		for k := range p.Results {
			p.Results[k] = Result{Code: d.str(), Name: d.str(), Template: d.str()}
		}
	}
	p.Conditions = d.str()
	if n := d.count(2); n > 0 {
		p.Steps = make([]Step, n)
		for k := range p.Steps {
			p.Steps[k] = Step{Case: d.str(), Text: d.str()}
		}
	}
	p.DecisionNumber = d.str()
	p.ReceivingAddress = d.str()
	p.Keywords = d.strs()
	p.Description = d.str()
	if n := d.count(13); n > 0 {
		p.Channels = make([]Channel, n)
		for k := range p.Channels {
			c := &p.Channels[k]
			c.Method = Method(d.small())
			if d.err == nil && d.i+8 > len(d.s) {
				d.fail("truncated time")
			}
			if d.err != nil {
				return p
			}
			var bits uint64
			for j := 7; j >= 0; j-- {
				bits = bits<<8 | uint64(d.s[d.i+j])
			}
			c.Time.Value = math.Float64frombits(bits)
			d.i += 8
			if v := c.Time.Value; math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				d.fail("bad time value %v", v)
				return p
			}
			c.Time.Unit = TimeUnit(d.str())
			c.Time.Text = d.str()
			if nf := d.count(2); nf > 0 {
				c.Fees = make([]Fee, nf)
				for j := range c.Fees {
					c.Fees[j] = Fee{Amount: d.int(), Text: d.str()}
				}
			}
			c.Description = d.str()
		}
	}
	if n := d.count(3); n > 0 {
		p.Cases = make([]Case, n)
		for k := range p.Cases {
			c := &p.Cases[k]
			c.Name = d.str()
			if nc := d.count(8); nc > 0 {
				c.Components = make([]Component, nc)
				for j := range c.Components {
					c.Components[j] = Component{
						Name: d.str(), Code: d.str(), Originals: d.small(), Copies: d.small(),
						MustSubmit: d.bool(), Optional: d.bool(), Template: d.str(), TemplateURL: d.str(),
					}
				}
			}
			c.Notes = d.strs()
		}
	}
	p.ListOnly = d.bool()
	p.Version.Hash = d.str()
	p.Version.Source = d.str()
	if t := d.str(); t != "" && d.err == nil {
		at, err := time.Parse(time.RFC3339Nano, t)
		if err != nil {
			d.fail("bad import time %q", t)
		}
		p.Version.ImportedAt = at
	}
	return p
}
