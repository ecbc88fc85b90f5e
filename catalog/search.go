package catalog

import (
	"math/bits"
	"sort"
	"strings"
	"unicode"
)

// Rank is how a procedure matched a query; smaller is better.
type Rank int

// Ranks, best first.
const (
	RankExactCode  Rank = iota + 1 // the code, or the base of a local code variant
	RankCodePrefix                 // the code starts with the query ("1.0011")
	RankExactName                  // the name equals the query (a leading "Thủ tục" is optional)
	RankPhrase                     // all query words, adjacent and in order
	RankInOrder                    // all query words in order
	RankAllWords                   // all query words, any order
	RankPartial                    // some of the query words
)

// String names the rank for diagnostics.
func (r Rank) String() string {
	switch r {
	case RankExactCode:
		return "exact-code"
	case RankCodePrefix:
		return "code-prefix"
	case RankExactName:
		return "exact-name"
	case RankPhrase:
		return "phrase"
	case RankInOrder:
		return "in-order"
	case RankAllWords:
		return "all-words"
	case RankPartial:
		return "partial"
	}
	return "none"
}

// Filter narrows a search. Empty fields do not filter. Matching is case-
// and diacritic-insensitive.
type Filter struct {
	// Field is a field code or a field name (whole name).
	Field string
	// Level keeps procedures carried out at this level.
	Level Level
	// Agency keeps procedures whose publisher or any agency name contains
	// this text.
	Agency string
}

// Hit is one search result. Procedure points into the indexed slice and
// must not be modified.
type Hit struct {
	Procedure *Procedure
	Rank      Rank
}

// Index is an in-memory search index over procedure names and codes. It is
// immutable and safe for concurrent use.
//
// Names are folded (lower case, no diacritics, đ = d) and split into words;
// every query word matches as a word prefix, so results narrow as the
// clerk types ("dang ky kh"). Codes match exactly, by prefix, and a local
// variant code ("1.001193.000.00.00.H48") finds its national procedure.
type Index struct {
	docs     []doc
	vocab    []string  // sorted distinct name words
	postings [][]int32 // per vocab word: sorted doc ids
	codes    []codeRef // sorted by code
	thu, tuc int32     // word ids of "thu" and "tuc" (-1 if absent)
}

type doc struct {
	p        *Procedure
	ord      int32   // position in code order
	words    []int32 // name word ids in order
	field    string  // folded field name
	fieldID  string  // folded field code
	agencies []string
}

type codeRef struct {
	code string
	doc  int32
}

// NewIndex builds the index. The procedures are not copied and must not
// be modified while the index is in use.
func NewIndex(procs []*Procedure) *Index {
	ix := &Index{docs: make([]doc, len(procs)), codes: make([]codeRef, 0, len(procs))}
	var all []string
	nameWords := make([][]string, len(procs))
	for i, p := range procs {
		ws := words(fold(p.Name))
		nameWords[i] = ws
		all = append(all, ws...)
		d := doc{p: p, field: fold(p.Field.Name), fieldID: fold(p.Field.Code)}
		if p.Publisher != "" {
			d.agencies = append(d.agencies, fold(p.Publisher))
		}
		for _, a := range p.Agencies.All() {
			d.agencies = append(d.agencies, fold(a.Name))
		}
		ix.docs[i] = d
		ix.codes = append(ix.codes, codeRef{code: strings.ToLower(p.Code), doc: int32(i)})
	}
	sort.Strings(all)
	vocab := all[:0]
	for i, w := range all {
		if i == 0 || w != all[i-1] {
			vocab = append(vocab, w)
		}
	}
	ix.vocab = append([]string(nil), vocab...)
	ix.postings = make([][]int32, len(ix.vocab))
	for i, ws := range nameWords {
		ids := make([]int32, len(ws))
		for k, w := range ws {
			id := int32(sort.SearchStrings(ix.vocab, w))
			ids[k] = id
			pl := ix.postings[id]
			if len(pl) == 0 || pl[len(pl)-1] != int32(i) {
				ix.postings[id] = append(pl, int32(i))
			}
		}
		ix.docs[i].words = ids
	}
	sort.Slice(ix.codes, func(a, b int) bool {
		if ix.codes[a].code != ix.codes[b].code {
			return ix.codes[a].code < ix.codes[b].code
		}
		return ix.codes[a].doc < ix.codes[b].doc
	})
	for k, c := range ix.codes {
		ix.docs[c.doc].ord = int32(k)
	}
	ix.thu, ix.tuc = ix.wordID("thu"), ix.wordID("tuc")
	return ix
}

// Len returns the number of indexed procedures.
func (ix *Index) Len() int { return len(ix.docs) }

func (ix *Index) wordID(w string) int32 {
	i := sort.SearchStrings(ix.vocab, w)
	if i < len(ix.vocab) && ix.vocab[i] == w {
		return int32(i)
	}
	return -1
}

// prefixRange returns the vocab ids [lo, hi) of words starting with p.
func (ix *Index) prefixRange(p string) (int32, int32) {
	lo := sort.SearchStrings(ix.vocab, p)
	hi := lo + sort.Search(len(ix.vocab)-lo, func(i int) bool { return !strings.HasPrefix(ix.vocab[lo+i], p) })
	return int32(lo), int32(hi)
}

// words splits a folded text into words: runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// looksLikeCode reports whether q is (a prefix of) a procedure code: a
// digit first, then only digits, ASCII letters and dots, with a dot.
func looksLikeCode(q string) bool {
	if q == "" || !isDigit(q[0]) {
		return false
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		if !(isDigit(c) || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return strings.IndexByte(q, '.') > 0
}

type bitset []uint64

func newBitset(n int) bitset      { return make(bitset, (n+63)/64) }
func (b bitset) set(i int32)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bitset) has(i int32) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }
func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}
func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}
func (b bitset) each(f func(int32)) {
	for i, w := range b {
		for w != 0 {
			t := bits.TrailingZeros64(w)
			f(int32(i*64 + t))
			w &= w - 1
		}
	}
}

type scored struct {
	doc    int32
	rank   Rank
	hits   int32 // matched query words (partial)
	pos    int32 // where the match starts in the name (phrase/in-order)
	nwords int32
	ord    int32 // position in code order
}

func (a scored) less(b scored) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.hits != b.hits {
		return a.hits > b.hits
	}
	if a.pos != b.pos {
		return a.pos < b.pos
	}
	if a.nwords != b.nwords {
		return a.nwords < b.nwords
	}
	return a.ord < b.ord
}

// collector keeps the best limit hits (all when limit <= 0) in a max-heap
// on "worst first", so most candidates are rejected with one comparison.
type collector struct {
	limit int
	h     []scored
}

func (c *collector) add(s scored) {
	if c.limit <= 0 || len(c.h) < c.limit {
		c.h = append(c.h, s)
		if c.limit > 0 {
			c.up(len(c.h) - 1)
		}
		return
	}
	if !s.less(c.h[0]) {
		return
	}
	c.h[0] = s
	c.down(0)
}

func (c *collector) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !c.h[p].less(c.h[i]) {
			return
		}
		c.h[p], c.h[i] = c.h[i], c.h[p]
		i = p
	}
}

func (c *collector) down(i int) {
	n := len(c.h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		w := l
		if r := l + 1; r < n && c.h[l].less(c.h[r]) {
			w = r
		}
		if !c.h[i].less(c.h[w]) {
			return
		}
		c.h[i], c.h[w] = c.h[w], c.h[i]
		i = w
	}
}

// full reports whether no further hit of rank r can enter.
func (c *collector) full(r Rank) bool {
	return c.limit > 0 && len(c.h) >= c.limit && c.h[0].rank < r
}

func (c *collector) sorted() []scored {
	sort.Slice(c.h, func(i, j int) bool { return c.h[i].less(c.h[j]) })
	return c.h
}

// Search returns up to limit hits for the query, best first (limit <= 0:
// all). Ranking: exact code, code prefix, exact name, all words as a
// phrase, all words in order, all words in any order, then procedures
// matching only some words (more words first). Within a rank, an earlier
// match (a leading "Thủ tục" does not count), then a shorter name, then the
// code decide. An empty query lists every procedure passing the filter,
// by code.
func (ix *Index) Search(query string, f Filter, limit int) []Hit {
	ff := compileFilter(f)
	q := strings.TrimSpace(query)
	c := &collector{limit: limit}
	seen := newBitset(len(ix.docs))
	if q == "" {
		for i := range ix.docs {
			if ff.match(&ix.docs[i]) {
				c.add(scored{doc: int32(i), rank: RankAllWords, ord: ix.docs[i].ord})
			}
		}
		return ix.hits(c.sorted())
	}
	code := looksLikeCode(q)
	if code {
		ix.searchCode(strings.ToLower(q), ff, seen, c)
	}
	if toks := words(fold(q)); len(toks) > 0 {
		ix.searchWords(toks, ff, seen, !code, c)
	}
	return ix.hits(c.sorted())
}

func (ix *Index) hits(s []scored) []Hit {
	out := make([]Hit, len(s))
	for i, x := range s {
		out[i] = Hit{Procedure: ix.docs[x.doc].p, Rank: x.rank}
	}
	return out
}

func (ix *Index) searchCode(q string, ff compiledFilter, seen bitset, c *collector) {
	add := func(d int32, r Rank, pos int32) {
		if !seen.has(d) && ff.match(&ix.docs[d]) {
			seen.set(d)
			c.add(scored{doc: d, rank: r, pos: pos, ord: ix.docs[d].ord})
		}
	}
	// The code itself first (pos 0), then the national procedure of a
	// local variant code (pos 1).
	for pos, k := range []string{q, strings.ToLower(BaseCode(q))} {
		i := sort.Search(len(ix.codes), func(i int) bool { return ix.codes[i].code >= k })
		for ; i < len(ix.codes) && ix.codes[i].code == k; i++ {
			add(ix.codes[i].doc, RankExactCode, int32(pos))
		}
	}
	i := sort.Search(len(ix.codes), func(i int) bool { return ix.codes[i].code >= q })
	for ; i < len(ix.codes) && strings.HasPrefix(ix.codes[i].code, q); i++ {
		add(ix.codes[i].doc, RankCodePrefix, 0)
	}
}

// searchWords matches name words. partial adds procedures matching only
// some of several words (not for code queries, whose pieces are noise).
func (ix *Index) searchWords(toks []string, ff compiledFilter, seen bitset, partial bool, c *collector) {
	n := len(ix.docs)
	los := make([]int32, len(toks))
	his := make([]int32, len(toks))
	sets := make([]bitset, len(toks))
	for k, t := range toks {
		lo, hi := ix.prefixRange(t)
		los[k], his[k] = lo, hi
		b := newBitset(n)
		for id := lo; id < hi; id++ {
			for _, d := range ix.postings[id] {
				b.set(d)
			}
		}
		sets[k] = b
	}
	all := newBitset(n)
	copy(all, sets[0])
	for _, b := range sets[1:] {
		all.and(b)
	}
	exact := make([]int32, len(toks))
	for k, t := range toks {
		exact[k] = ix.wordID(t)
	}
	in := func(id int32, k int) bool { return id >= los[k] && id < his[k] }
	all.each(func(d int32) {
		if seen.has(d) || !ff.match(&ix.docs[d]) {
			return
		}
		seen.set(d)
		ws := ix.docs[d].words
		s := scored{doc: d, rank: RankAllWords, nwords: int32(len(ws)), hits: int32(len(toks)), ord: ix.docs[d].ord}
		// A leading "Thủ tục" does not make a match later.
		skip := 0
		if len(ws) >= 2 && ws[0] == ix.thu && ws[1] == ix.tuc {
			skip = 2
		}
		switch {
		case ix.exactName(ws, exact):
			s.rank = RankExactName
		default:
			if p := phraseAt(ws, len(toks), in); p >= 0 {
				s.rank, s.pos = RankPhrase, int32(max(p-skip, 0))
			} else if p := inOrderAt(ws, len(toks), in); p >= 0 {
				s.rank, s.pos = RankInOrder, int32(max(p-skip, 0))
			}
		}
		c.add(s)
	})
	if len(toks) < 2 || !partial || c.full(RankPartial) {
		return
	}
	// Partial matches: some but not all words.
	any := newBitset(n)
	for _, b := range sets {
		any.or(b)
	}
	any.each(func(d int32) {
		if seen.has(d) || !ff.match(&ix.docs[d]) {
			return
		}
		var h int32
		for _, b := range sets {
			if b.has(d) {
				h++
			}
		}
		c.add(scored{doc: d, rank: RankPartial, hits: h, nwords: int32(len(ix.docs[d].words)), ord: ix.docs[d].ord})
	})
}

// exactName: the name's words equal the query words, with an optional
// leading "thủ tục".
func (ix *Index) exactName(ws, exact []int32) bool {
	if len(ws) == len(exact)+2 && ix.thu >= 0 && ws[0] == ix.thu && ws[1] == ix.tuc {
		ws = ws[2:]
	}
	if len(ws) != len(exact) {
		return false
	}
	for i, id := range exact {
		if id < 0 || ws[i] != id {
			return false
		}
	}
	return true
}

// phraseAt returns the first position where all n query words match
// adjacent name words in order, or -1.
func phraseAt(ws []int32, n int, in func(int32, int) bool) int {
outer:
	for i := 0; i+n <= len(ws); i++ {
		for k := 0; k < n; k++ {
			if !in(ws[i+k], k) {
				continue outer
			}
		}
		return i
	}
	return -1
}

// inOrderAt returns where a greedy in-order match of the query words
// starts, or -1.
func inOrderAt(ws []int32, n int, in func(int32, int) bool) int {
	k, start := 0, -1
	for i := 0; i < len(ws) && k < n; i++ {
		if in(ws[i], k) {
			if k == 0 {
				start = i
			}
			k++
		}
	}
	if k == n {
		return start
	}
	return -1
}

type compiledFilter struct {
	field, agency string
	level         Level
	active        bool
}

func compileFilter(f Filter) compiledFilter {
	c := compiledFilter{field: fold(f.Field), agency: fold(f.Agency), level: f.Level}
	c.active = c.field != "" || c.agency != "" || c.level != ""
	return c
}

func (c compiledFilter) match(d *doc) bool {
	if !c.active {
		return true
	}
	if c.field != "" && c.field != d.field && c.field != d.fieldID {
		return false
	}
	if c.level != "" {
		ok := false
		for _, l := range d.p.Levels {
			if l == c.level {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if c.agency != "" {
		ok := false
		for _, a := range d.agencies {
			if strings.Contains(a, c.agency) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// Fields returns the distinct fields of the indexed procedures, sorted by
// folded name (for filter pickers).
func (ix *Index) Fields() []Field {
	seen := map[Field]bool{}
	var out []Field
	for _, d := range ix.docs {
		f := d.p.Field
		if f.Name == "" && f.Code == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := fold(out[i].Name), fold(out[j].Name)
		if a != b {
			return a < b
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// Agencies returns the distinct publisher and agency names, sorted by
// folded name (for filter pickers).
func (ix *Index) Agencies() []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range ix.docs {
		names := []string{d.p.Publisher}
		for _, a := range d.p.Agencies.All() {
			names = append(names, a.Name)
		}
		for _, n := range names {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := fold(out[i]), fold(out[j])
		if a != b {
			return a < b
		}
		return out[i] < out[j]
	})
	return out
}
