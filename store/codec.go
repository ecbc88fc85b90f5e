package store

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"

	"motcua/dossier"
	"motcua/workday"
)

// Dossier record codec, version 1.
//
// A record is: version byte (1), the facts block, then the body. The facts
// block holds the fixed fields that reports and dashboards need, so they
// decode it without touching the body (and without decrypting it). The
// body holds everything else and may be sealed (encrypted) as one unit.
//
//	record = 0x01 uvarint(len(facts)) facts uvarint(len(body)) body
//	facts  = uvarint(id) kind status channel result flags
//	         time(received) time(appointment) time(first_appointment)
//	         time(finished) time(returned) time(transfer_due) time(supplement_since)
//	         uvarint(supplements) varint(supplement_wait seconds)
//	         string(procedure code) string(field code) string(clerk) string(desk)
//	         string(code) string(guidance no) uvarint(history length)
//	body   = procedure name/version/field name/level/agency, case, parties,
//	         checklist, fees, limit, override, texts, history (see encodeBody)
//
// Times are seconds since the Unix epoch as varints, 0 for the zero time;
// strings are uvarint length + UTF-8 bytes. Sub-second precision is dropped:
// domain times are kept to the second (domain.md §10).
const codecVersion = 1

// flags in the facts block.
const (
	flagGenerated = 1 << iota
	flagExtended
	flagDigitised
	flagOverride
	flagReturnByPost
	flagHasOwner
)

// Facts is the part of a dossier record that reports read.
type Facts struct {
	ID               uint64
	Kind             dossier.RecordKind
	Status           dossier.Status
	Channel          dossier.Channel
	Result           dossier.ResultKind
	Generated        bool
	Extended         bool
	Digitised        bool
	Overridden       bool
	ReceivedAt       time.Time
	Appointment      time.Time
	FirstAppointment time.Time
	FinishedAt       time.Time
	ReturnedAt       time.Time
	TransferDue      time.Time
	SupplementSince  time.Time
	Supplements      int
	SupplementWait   time.Duration
	ProcedureCode    string
	FieldCode        string
	Clerk            string
	Desk             string
	Code             dossier.Code
	GuidanceNo       string
	Events           int
	// PendingSupplementAt is the last supplement request not answered
	// (dossier.PendingSupplement).
	PendingSupplementAt time.Time
}

var errCorrupt = errors.New("corrupt record")

type encoder struct{ b []byte }

func (e *encoder) byte(v byte)      { e.b = append(e.b, v) }
func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) bool(v bool) {
	if v {
		e.byte(1)
	} else {
		e.byte(0)
	}
}
func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.varint(0)
		return
	}
	e.varint(t.Unix())
}
func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

type decoder struct {
	b   []byte
	err error
	// intern, when set, shares the strings that repeat across records
	// (procedure and field codes, clerks, desks) during a scan.
	intern map[string]string
}

// istr reads a string through the intern table.
func (d *decoder) istr() string {
	if d.intern == nil {
		return d.str()
	}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	b := d.b[:n]
	d.b = d.b[n:]
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.intern) < 1<<16 {
		d.intern[s] = s
	}
	return s
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v := d.uvarint()
	if v > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) bool() bool { return d.byte() != 0 }

func (d *decoder) time() time.Time {
	v := d.varint()
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0).In(dossier.Zone)
}

func (d *decoder) strs() []string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// count reads a slice length and checks it against the remaining bytes
// (every element takes at least one byte), so corrupt input cannot make us
// allocate huge slices.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

// encodeFacts appends the facts block of d.
func encodeFacts(e *encoder, d *dossier.Dossier) {
	e.uvarint(d.ID)
	e.byte(byte(d.Kind))
	e.byte(byte(d.Status))
	e.byte(byte(d.Channel))
	e.byte(byte(d.ResultKind))
	var f byte
	if d.Generated {
		f |= flagGenerated
	}
	if d.Extended {
		f |= flagExtended
	}
	if d.Digitised() {
		f |= flagDigitised
	}
	if d.Override != nil {
		f |= flagOverride
	}
	if d.ReturnBy == dossier.ReturnByPost {
		f |= flagReturnByPost
	}
	if d.Owner != nil {
		f |= flagHasOwner
	}
	e.byte(f)
	e.time(d.ReceivedAt)
	e.time(d.Appointment)
	e.time(d.FirstAppointment)
	e.time(d.FinishedAt)
	e.time(d.ReturnedAt)
	e.time(d.TransferDue)
	e.time(d.SupplementSince)
	e.uvarint(uint64(d.Supplements))
	e.varint(int64(d.SupplementWait / time.Second))
	e.str(d.Procedure.Code)
	e.str(d.Procedure.FieldCode)
	e.str(d.Clerk)
	e.str(d.Desk)
	e.str(string(d.Code))
	e.str(d.GuidanceNo)
	e.uvarint(uint64(len(d.History)))
	e.time(d.PendingSupplement())
}

func decodeFacts(dec *decoder) (Facts, byte) {
	var f Facts
	f.ID = dec.uvarint()
	f.Kind = dossier.RecordKind(dec.byte())
	f.Status = dossier.Status(dec.byte())
	f.Channel = dossier.Channel(dec.byte())
	f.Result = dossier.ResultKind(dec.byte())
	flags := dec.byte()
	f.Generated = flags&flagGenerated != 0
	f.Extended = flags&flagExtended != 0
	f.Digitised = flags&flagDigitised != 0
	f.Overridden = flags&flagOverride != 0
	f.ReceivedAt = dec.time()
	f.Appointment = dec.time()
	f.FirstAppointment = dec.time()
	f.FinishedAt = dec.time()
	f.ReturnedAt = dec.time()
	f.TransferDue = dec.time()
	f.SupplementSince = dec.time()
	f.Supplements = dec.int()
	f.SupplementWait = time.Duration(dec.varint()) * time.Second
	f.ProcedureCode = dec.istr()
	f.FieldCode = dec.istr()
	f.Clerk = dec.istr()
	f.Desk = dec.istr()
	f.Code = dossier.Code(dec.str())
	f.GuidanceNo = dec.str()
	f.Events = dec.int()
	f.PendingSupplementAt = dec.time()
	return f, flags
}

func encodeParty(e *encoder, p *dossier.Party) {
	e.byte(byte(p.Kind))
	e.str(p.Name)
	e.str(p.IDNumber)
	e.bool(p.Passport)
	e.str(p.OldID)
	e.str(p.BirthDate)
	e.str(p.Sex)
	e.str(p.Address)
	e.str(p.Phone)
	e.str(p.Email)
	e.str(p.TaxCode)
	e.bool(p.Verified)
}

func decodeParty(d *decoder) dossier.Party {
	var p dossier.Party
	p.Kind = dossier.PartyKind(d.byte())
	p.Name = d.str()
	p.IDNumber = d.str()
	p.Passport = d.bool()
	p.OldID = d.str()
	p.BirthDate = d.str()
	p.Sex = d.str()
	p.Address = d.str()
	p.Phone = d.str()
	p.Email = d.str()
	p.TaxCode = d.str()
	p.Verified = d.bool()
	return p
}

// The body refers to the catalog version the dossier was received under
// instead of repeating what that version already says: the procedure's
// name, field, level and agency, the case name and each checklist
// component's code, name, kind and expected counts are written as indexes
// into the version (which the store keeps forever, proc_versions) whenever
// they equal it. Anything that differs — a component the clerk added, a
// renamed item, a version the store lacks — is written in full. This
// halves a typical record.
//
//	body  = bodyFlags version(16B or str) [name] [field name] [level] [agency] case …
//	item  = itemFlags (ref: uvarint(case) uvarint(component) | inline: code name kind want-o want-c)
//	        decision originals certified copies note scans
//	scan  = scanFlags name (sha256 32B | str) varint(size) (mime code | str)

// procDict is what a catalog version says, in the form a dossier stores it.
type procDict struct {
	name, fieldName, level, agency string
	cases                          []caseDict
}

type caseDict struct {
	name  string
	comps []dossier.Item // Code, Name, MustSubmit, PresentOnly, WantOriginals, WantCopies
}

// dictionary returns the procDict of a procedure version, or nil.
type dictionary func(code, version string) *procDict

const (
	bodyDict      = 1 << 0 // the version is in the dictionary
	bodyName      = 1 << 1 // procedure name stored (differs)
	bodyFieldName = 1 << 2
	bodyLevel     = 1 << 3
	bodyAgency    = 1 << 4
	bodyHexVer    = 1 << 5 // version stored as 16 raw bytes
	bodyCaseRef   = 1 << 6 // case stored as an index
)

const (
	itemRef         = 1 << 0
	itemMust        = 1 << 1
	itemPresent     = 1 << 2
	itemConditional = 1 << 3
)

var mimeCodes = []string{"", "application/pdf", "image/jpeg", "image/png"}

func mimeCode(m string) byte {
	for i, x := range mimeCodes {
		if i > 0 && x == m {
			return byte(i)
		}
	}
	return 0
}

func hex32(s string) ([]byte, bool) {
	if len(s) != 32 {
		return nil, false
	}
	b, err := hex.DecodeString(s)
	if err != nil || hex.EncodeToString(b) != s {
		return nil, false
	}
	return b, true
}

func hex64(s string) ([]byte, bool) {
	if len(s) != 64 {
		return nil, false
	}
	b, err := hex.DecodeString(s)
	if err != nil || hex.EncodeToString(b) != s {
		return nil, false
	}
	return b, true
}

func sameComponent(a, b *dossier.Item) bool {
	return a.Code == b.Code && a.Name == b.Name && a.MustSubmit == b.MustSubmit && a.PresentOnly == b.PresentOnly && a.Conditional == b.Conditional &&
		a.WantOriginals == b.WantOriginals && a.WantCopies == b.WantCopies
}

// encodeBody appends the body block of d.
func encodeBody(e *encoder, d *dossier.Dossier, dict dictionary) {
	var pd *procDict
	if dict != nil {
		pd = dict(d.Procedure.Code, d.Procedure.Version)
	}
	var f byte
	caseIdx := -1
	if pd != nil {
		f |= bodyDict
		if d.Procedure.Name != pd.name {
			f |= bodyName
		}
		if d.Procedure.FieldName != pd.fieldName {
			f |= bodyFieldName
		}
		if d.Procedure.Level != pd.level {
			f |= bodyLevel
		}
		if d.Procedure.Agency != pd.agency {
			f |= bodyAgency
		}
		for i, c := range pd.cases {
			if c.name == d.Case {
				caseIdx = i
				f |= bodyCaseRef
				break
			}
		}
	} else {
		f |= bodyName | bodyFieldName | bodyLevel | bodyAgency
	}
	ver, hexVer := hex32(d.Procedure.Version)
	if hexVer {
		f |= bodyHexVer
	}
	e.byte(f)
	if hexVer {
		e.b = append(e.b, ver...)
	} else {
		e.str(d.Procedure.Version)
	}
	if f&bodyName != 0 {
		e.str(d.Procedure.Name)
	}
	if f&bodyFieldName != 0 {
		e.str(d.Procedure.FieldName)
	}
	if f&bodyLevel != 0 {
		e.str(d.Procedure.Level)
	}
	if f&bodyAgency != 0 {
		e.str(d.Procedure.Agency)
	}
	if f&bodyCaseRef != 0 {
		e.uvarint(uint64(caseIdx))
	} else {
		e.str(d.Case)
	}
	encodeParty(e, &d.Submitter)
	if d.Owner != nil {
		encodeParty(e, d.Owner)
	}
	e.str(d.Authorisation)
	e.uvarint(uint64(len(d.Checklist)))
	for i := range d.Checklist {
		it := &d.Checklist[i]
		ci, ki := -1, -1
		if pd != nil {
		search:
			for c := range pd.cases {
				for k := range pd.cases[c].comps {
					if sameComponent(it, &pd.cases[c].comps[k]) {
						ci, ki = c, k
						break search
					}
				}
			}
		}
		if ci >= 0 {
			e.byte(itemRef)
			e.uvarint(uint64(ci))
			e.uvarint(uint64(ki))
		} else {
			var fl byte
			if it.MustSubmit {
				fl |= itemMust
			}
			if it.PresentOnly {
				fl |= itemPresent
			}
			if it.Conditional {
				fl |= itemConditional
			}
			e.byte(fl)
			e.str(it.Code)
			e.str(it.Name)
			e.uvarint(uint64(it.WantOriginals))
			e.uvarint(uint64(it.WantCopies))
		}
		e.byte(byte(it.Decision))
		e.uvarint(uint64(it.Originals))
		e.uvarint(uint64(it.CertifiedCopies))
		e.uvarint(uint64(it.Copies))
		e.str(it.Note)
		e.uvarint(uint64(len(it.Scans)))
		for _, sc := range it.Scans {
			sum, raw := hex64(sc.SHA256)
			mc := mimeCode(sc.MIME)
			var sf byte
			if raw {
				sf |= 1
			}
			if mc != 0 {
				sf |= 2
			}
			e.byte(sf)
			e.str(sc.Name)
			if raw {
				e.b = append(e.b, sum...)
			} else {
				e.str(sc.SHA256)
			}
			e.varint(sc.Size)
			if mc != 0 {
				e.byte(mc)
			} else {
				e.str(sc.MIME)
			}
		}
	}
	e.uvarint(uint64(len(d.Fees)))
	for _, f := range d.Fees {
		e.str(f.Name)
		e.varint(f.Amount)
		e.varint(f.CatalogAmount)
		e.str(f.Reason)
		e.byte(byte(f.When))
		e.bool(f.Paid)
	}
	e.uvarint(math.Float64bits(d.TimeLimit.Value))
	e.str(string(d.TimeLimit.Unit))
	e.str(d.LimitNote)
	if d.Override != nil {
		e.str(d.Override.By)
		e.str(d.Override.Reason)
		e.time(d.Override.At)
	}
	e.str(d.ClerkName)
	// The summary (trích yếu) defaults to the procedure name.
	if d.Summary == d.Procedure.Name {
		e.byte(0)
	} else {
		e.byte(1)
		e.str(d.Summary)
	}
	e.str(d.Reason)
	e.str(d.Department)
	e.uvarint(uint64(d.IntakeAmendments))
	for i := range d.History {
		encodeEvent(e, &d.History[i], d.Desk)
	}
}

// encodeEvent appends an event; the desk is written only when it differs
// from the dossier's own desk.
func encodeEvent(e *encoder, ev *dossier.Event, desk string) {
	e.str(string(ev.Kind))
	e.time(ev.At)
	e.str(ev.Actor)
	if ev.Desk == desk {
		e.byte(0)
	} else {
		e.byte(1)
		e.str(ev.Desk)
	}
	e.byte(byte(ev.From))
	e.byte(byte(ev.To))
	e.str(ev.Note)
	e.str(ev.Department)
	e.time(ev.Appointment)
	e.strs(ev.Items)
	e.str(ev.Approver)
	e.byte(byte(ev.Result))
	e.varint(ev.Amount)
	if c := ev.Collector; c != nil {
		e.byte(1)
		e.str(c.Name)
		e.str(c.IDNumber)
		e.bool(c.IDChecked)
		e.bool(c.Authorised)
	} else {
		e.byte(0)
	}
	if a := ev.Amend; a != nil {
		e.byte(1)
		e.str(a.Field)
		e.str(a.Old)
		e.str(a.New)
		e.str(a.Reason)
	} else {
		e.byte(0)
	}
}

func decodeEvent(d *decoder, desk string) dossier.Event {
	var ev dossier.Event
	ev.Kind = dossier.EventKind(d.str())
	ev.At = d.time()
	ev.Actor = d.str()
	if d.byte() == 1 {
		ev.Desk = d.str()
	} else {
		ev.Desk = desk
	}
	ev.From = dossier.Status(d.byte())
	ev.To = dossier.Status(d.byte())
	ev.Note = d.str()
	ev.Department = d.str()
	ev.Appointment = d.time()
	ev.Items = d.strs()
	ev.Approver = d.str()
	ev.Result = dossier.ResultKind(d.byte())
	ev.Amount = d.varint()
	if d.byte() == 1 {
		ev.Collector = &dossier.Collector{Name: d.str(), IDNumber: d.str(), IDChecked: d.bool(), Authorised: d.bool()}
	}
	if d.byte() == 1 {
		ev.Amend = &dossier.Amendment{Field: d.str(), Old: d.str(), New: d.str(), Reason: d.str()}
	}
	return ev
}

func (d *decoder) raw(n int) []byte {
	if len(d.b) < n {
		d.fail()
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func decodeBody(dec *decoder, d *dossier.Dossier, flags byte, events int, dict dictionary) error {
	bf := dec.byte()
	if bf&bodyHexVer != 0 {
		d.Procedure.Version = hex.EncodeToString(dec.raw(16))
	} else {
		d.Procedure.Version = dec.str()
	}
	var pd *procDict
	if bf&bodyDict != 0 && dec.err == nil {
		if dict != nil {
			pd = dict(d.Procedure.Code, d.Procedure.Version)
		}
		if pd == nil {
			return fmt.Errorf("catalog version %s of procedure %s is not stored (the record refers to it)", d.Procedure.Version, d.Procedure.Code)
		}
		d.Procedure.Name, d.Procedure.FieldName, d.Procedure.Level, d.Procedure.Agency = pd.name, pd.fieldName, pd.level, pd.agency
	}
	if bf&bodyName != 0 {
		d.Procedure.Name = dec.str()
	}
	if bf&bodyFieldName != 0 {
		d.Procedure.FieldName = dec.str()
	}
	if bf&bodyLevel != 0 {
		d.Procedure.Level = dec.str()
	}
	if bf&bodyAgency != 0 {
		d.Procedure.Agency = dec.str()
	}
	if bf&bodyCaseRef != 0 {
		ci := dec.int()
		if pd == nil || ci >= len(pd.cases) {
			dec.fail()
			return dec.err
		}
		d.Case = pd.cases[ci].name
	} else {
		d.Case = dec.str()
	}
	d.Submitter = decodeParty(dec)
	if flags&flagHasOwner != 0 {
		o := decodeParty(dec)
		d.Owner = &o
	}
	d.Authorisation = dec.str()
	n := dec.count()
	d.Checklist = make([]dossier.Item, n)
	for i := range d.Checklist {
		it := &d.Checklist[i]
		f := dec.byte()
		if f&itemRef != 0 {
			ci, ki := dec.int(), dec.int()
			if pd == nil || ci >= len(pd.cases) || ki >= len(pd.cases[ci].comps) {
				dec.fail()
				return dec.err
			}
			*it = pd.cases[ci].comps[ki]
		} else {
			it.MustSubmit = f&itemMust != 0
			it.PresentOnly = f&itemPresent != 0
			it.Conditional = f&itemConditional != 0
			it.Code = dec.str()
			it.Name = dec.str()
			it.WantOriginals = dec.int()
			it.WantCopies = dec.int()
		}
		it.Decision = dossier.Decision(dec.byte())
		it.Originals = dec.int()
		it.CertifiedCopies = dec.int()
		it.Copies = dec.int()
		it.Note = dec.str()
		if ns := dec.count(); ns > 0 {
			it.Scans = make([]dossier.Scan, ns)
			for j := range it.Scans {
				sf := dec.byte()
				sc := &it.Scans[j]
				sc.Name = dec.str()
				if sf&1 != 0 {
					sc.SHA256 = hex.EncodeToString(dec.raw(32))
				} else {
					sc.SHA256 = dec.str()
				}
				sc.Size = dec.varint()
				if sf&2 != 0 {
					mc := dec.byte()
					if int(mc) >= len(mimeCodes) || mc == 0 {
						dec.fail()
					} else {
						sc.MIME = mimeCodes[mc]
					}
				} else {
					sc.MIME = dec.str()
				}
			}
		}
	}
	if nf := dec.count(); nf > 0 {
		d.Fees = make([]dossier.Fee, nf)
		for i := range d.Fees {
			d.Fees[i] = dossier.Fee{Name: dec.str(), Amount: dec.varint(), CatalogAmount: dec.varint(), Reason: dec.str(), When: dossier.FeeTiming(dec.byte()), Paid: dec.bool()}
		}
	}
	d.TimeLimit.Value = math.Float64frombits(dec.uvarint())
	d.TimeLimit.Unit = workday.Unit(dec.str())
	d.LimitNote = dec.str()
	if flags&flagOverride != 0 {
		d.Override = &dossier.Override{By: dec.str(), Reason: dec.str(), At: dec.time()}
	}
	d.ClerkName = dec.str()
	if dec.byte() == 1 {
		d.Summary = dec.str()
	} else {
		d.Summary = d.Procedure.Name
	}
	d.Reason = dec.str()
	d.Department = dec.str()
	d.IntakeAmendments = dec.int()
	if events > len(dec.b) {
		dec.fail()
		return dec.err
	}
	d.History = make([]dossier.Event, events)
	for i := range d.History {
		d.History[i] = decodeEvent(dec, d.Desk)
	}
	return dec.err
}

// recordCodec encodes and decodes dossier records, sealing the body when a
// Sealer is configured.
type recordCodec struct {
	sealer Sealer
}

// encode returns the record bytes of d.
func (c recordCodec) encode(d *dossier.Dossier, dict dictionary) ([]byte, error) {
	var facts, body encoder
	facts.b = make([]byte, 0, 128)
	body.b = make([]byte, 0, 768)
	encodeFacts(&facts, d)
	encodeBody(&body, d, dict)
	b := body.b
	if c.sealer != nil {
		var err error
		if b, err = c.sealer.Seal(b); err != nil {
			return nil, fmt.Errorf("seal dossier %d: %w", d.ID, err)
		}
	}
	out := encoder{b: make([]byte, 0, 1+binary.MaxVarintLen64*2+len(facts.b)+len(b))}
	out.byte(codecVersion)
	out.uvarint(uint64(len(facts.b)))
	out.b = append(out.b, facts.b...)
	out.uvarint(uint64(len(b)))
	out.b = append(out.b, b...)
	return out.b, nil
}

// split returns the facts and body blocks of a record.
func splitRecord(rec []byte) (facts, body []byte, err error) {
	d := decoder{b: rec}
	if v := d.byte(); v != codecVersion {
		if d.err != nil {
			return nil, nil, errCorrupt
		}
		return nil, nil, fmt.Errorf("unknown record version %d", v)
	}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		return nil, nil, errCorrupt
	}
	facts, d.b = d.b[:n], d.b[n:]
	m := d.uvarint()
	if d.err != nil || m != uint64(len(d.b)) {
		return nil, nil, errCorrupt
	}
	return facts, d.b, nil
}

// decodeFactsOnly reads the facts block without touching the body.
func decodeFactsOnly(rec []byte) (Facts, error) { return decodeFactsInterned(rec, nil) }

// decodeFactsInterned is decodeFactsOnly sharing repeated strings through
// intern (one table per scan).
func decodeFactsInterned(rec []byte, intern map[string]string) (Facts, error) {
	fb, _, err := splitRecord(rec)
	if err != nil {
		return Facts{}, err
	}
	dec := decoder{b: fb, intern: intern}
	f, _ := decodeFacts(&dec)
	if dec.err != nil {
		return Facts{}, dec.err
	}
	return f, nil
}

// decode returns the full dossier of a record.
func (c recordCodec) decode(rec []byte, dict dictionary) (*dossier.Dossier, error) {
	fb, body, err := splitRecord(rec)
	if err != nil {
		return nil, err
	}
	dec := decoder{b: fb}
	f, flags := decodeFacts(&dec)
	if dec.err != nil {
		return nil, dec.err
	}
	if c.sealer != nil {
		if body, err = c.sealer.Open(body); err != nil {
			return nil, fmt.Errorf("open dossier %d: %w", f.ID, err)
		}
	}
	d := &dossier.Dossier{
		ID: f.ID, Kind: f.Kind, Status: f.Status, Channel: f.Channel, ResultKind: f.Result,
		Generated: f.Generated, Extended: f.Extended,
		ReceivedAt: f.ReceivedAt, Appointment: f.Appointment, FirstAppointment: f.FirstAppointment,
		FinishedAt: f.FinishedAt, ReturnedAt: f.ReturnedAt, TransferDue: f.TransferDue,
		SupplementSince: f.SupplementSince, Supplements: f.Supplements, SupplementWait: f.SupplementWait,
		Clerk: f.Clerk, Desk: f.Desk, Code: f.Code, GuidanceNo: f.GuidanceNo,
	}
	d.Procedure.Code = f.ProcedureCode
	d.Procedure.FieldCode = f.FieldCode
	if flags&flagReturnByPost != 0 {
		d.ReturnBy = dossier.ReturnByPost
	}
	bd := decoder{b: body}
	if err := decodeBody(&bd, d, flags, f.Events, dict); err != nil {
		return nil, err
	}
	if len(bd.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(bd.b))
	}
	return d, nil
}

// Sealer encrypts and decrypts record bodies and outbox payloads at rest.
// Implementations must be safe for concurrent use.
type Sealer interface {
	Seal(plain []byte) ([]byte, error)
	Open(sealed []byte) ([]byte, error)
	// IndexKey is the key for the keyed hashes of personal data in index
	// keys (owner ID, name words, phone).
	IndexKey() []byte
}
