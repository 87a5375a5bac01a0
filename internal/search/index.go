package search

import (
	"encoding/json"
	"fmt"

	"github.com/broadsheet/broadsheet/internal/parallel"
	"github.com/broadsheet/broadsheet/internal/publish"
)

// Dir is the output folder of the index files.
const Dir = "search"

// MaxText is the most text of one page, in bytes, that is indexed and kept
// for showing matches in context; the rest of a longer page is left out.
const MaxText = 100_000

// Target sizes: the index is cut into shards of about shardBytes of
// postings, and page texts into files of about textBytes, so that a query
// loads only what it needs.
const (
	shardBytes = 24 << 10
	textBytes  = 64 << 10
	maxShards  = 1024
)

// Doc is one page to index.
type Doc struct {
	// Link is the page's address relative to the site root, as a link
	// from the root would be written ("editions/2022-03/index.html").
	Link string
	// Title is the page's title; Label says where it belongs (an
	// edition's name, a section's title).
	Title, Label string
	// Text is the page's readable text.
	Text string
}

// Index is the built index: its files, by output path, and what they hold.
type Index struct {
	// Entry is the output path of the file a page loads first.
	Entry string
	Files map[string][]byte
	Stats Stats
}

// Stats measure an index.
type Stats struct {
	Docs, Tokens, Postings int
	// TextBytes is the size of the pages' text; IndexBytes of the entry
	// and the postings shards (what queries load to find pages);
	// StoreBytes of the text files that show matches in context.
	TextBytes, IndexBytes, StoreBytes int
	Shards, TextFiles                 int
}

// Build indexes docs; their order is the order of ties in results. The
// files are named under Dir with a content hash, so a host may cache them.
func Build(docs []Doc) *Index {
	postings := invert(docs)
	ix := &Index{Files: map[string][]byte{}}
	ix.Stats.Docs = len(docs)
	ix.Stats.Tokens = len(postings)
	entry := entryData{Shards: ix.shards(postings), Texts: ix.texts(docs)}
	for _, d := range docs {
		entry.Docs = append(entry.Docs, [3]string{d.Link, d.Title, d.Label})
	}
	ix.Entry = ix.add(Dir+"/index.js", call("index", 0, entry))
	ix.Stats.IndexBytes += len(ix.Files[ix.Entry])
	return ix
}

// file is a file of the index made on one core: its name (fingerprinted)
// and bytes.
type file struct {
	name string
	data []byte
}

// made writes n files on every core, and adds them in order.
func (ix *Index) made(n int, write func(i int) file) []string {
	files := make([]file, n)
	parallel.Do(n, func(i int) {
		f := write(i)
		files[i] = file{publish.Fingerprint(f.name, f.data), f.data}
	})
	names := make([]string, n)
	for i, f := range files {
		ix.Files[f.name] = f.data
		names[i] = f.name
	}
	return names
}

// shards writes the postings into shards of about shardBytes, each token
// in the shard its hash picks, and returns their names.
func (ix *Index) shards(postings map[string][]int) []string {
	size := 0
	for tok, ids := range postings {
		size += len(tok) + 6 + len(ids)*2
		ix.Stats.Postings += len(ids)
	}
	n := min(max(1, (size+shardBytes-1)/shardBytes), maxShards)
	toks := make([][]string, n)
	for tok := range postings {
		k := shardOf(tok, n)
		toks[k] = append(toks[k], tok)
	}
	names := ix.made(n, func(i int) file {
		sh := make(map[string]string, len(toks[i]))
		for _, tok := range toks[i] {
			sh[tok] = encode(postings[tok])
		}
		return file{fmt.Sprintf("%s/i%d.js", Dir, i), call("shard", i, sh)}
	})
	for _, name := range names {
		ix.Stats.IndexBytes += len(ix.Files[name])
	}
	ix.Stats.Shards = n
	return names
}

// texts writes the pages' texts into files of about textBytes, in page
// order, and returns where each file starts.
func (ix *Index) texts(docs []Doc) []textFile {
	var starts []int
	for start := 0; start < len(docs); {
		end, size := start, 0
		for end < len(docs) && (end == start || size+len(docs[end].Text) <= textBytes) {
			size += len(docs[end].Text)
			end++
		}
		starts = append(starts, start)
		start = end
	}
	names := ix.made(len(starts), func(k int) file {
		end := len(docs)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		body := make([]string, 0, end-starts[k])
		for _, d := range docs[starts[k]:end] {
			body = append(body, cut(d.Text, MaxText))
		}
		return file{fmt.Sprintf("%s/t%d.js", Dir, k), call("text", k, body)}
	})
	out := make([]textFile, len(starts))
	for k, name := range names {
		out[k] = textFile{From: starts[k], File: name}
		ix.Stats.StoreBytes += len(ix.Files[name])
	}
	for _, d := range docs {
		ix.Stats.TextBytes += len(d.Text)
	}
	ix.Stats.TextFiles = len(starts)
	return out
}

// entryData is the first file a query loads: the pages, and the names of
// the other files.
type entryData struct {
	Docs   [][3]string `json:"docs"`
	Shards []string    `json:"shards"`
	Texts  []textFile  `json:"texts"`
}

// textFile holds the texts of the pages from From on.
type textFile struct {
	From int    `json:"from"`
	File string `json:"file"`
}

// add stores a file under its fingerprinted name and returns that name
// relative to Dir's parent.
func (ix *Index) add(name string, data []byte) string {
	out := publish.Fingerprint(name, data)
	ix.Files[out] = data
	return out
}

// call writes a script that hands JSON data to the search script. Go's
// encoding/json escapes <, >, &, U+2028 and U+2029, so the data can neither
// close a script element nor end a JavaScript line.
func call(kind string, k int, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, numbers, slices and maps always marshal
	}
	out := make([]byte, 0, len(data)+40)
	out = fmt.Appendf(out, "bsSearch(%q,%d,", kind, k)
	out = append(out, data...)
	return append(out, ");\n"...)
}

// cut shortens s to at most n bytes, at a character boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// invert maps every token to the sorted ids of the texts holding it. Each
// core tokenizes a contiguous run of texts into its own dictionary; the
// dictionaries are merged in order, so every list comes out sorted.
func invert(docs []Doc) map[string][]int {
	workers := parallel.Workers(len(docs))
	dicts := make([]*dict, workers)
	parallel.Do(workers, func(w int) {
		d := newDict()
		for i := w * len(docs) / workers; i < (w+1)*len(docs)/workers; i++ {
			d.add(docs[i].Title, int32(i))
			d.add(cut(docs[i].Text, MaxText), int32(i))
		}
		dicts[w] = d
	})
	out := make(map[string][]int, len(dicts[0].post))
	for _, d := range dicts {
		for i, k := range d.han.keys {
			if k != 0 {
				tok := hanToken(rune(k>>32), rune(uint32(k)))
				out[tok] = appendInts(out[tok], d.post[d.han.vals[i]])
			}
		}
		for i, tok := range d.word.words {
			out[tok] = appendInts(out[tok], d.post[d.word.ids[i]])
		}
	}
	return out
}

func appendInts(dst []int, src []int32) []int {
	for _, v := range src {
		dst = append(dst, int(v))
	}
	return dst
}

// dict is one worker's tokens: an id for each, and the texts holding it.
type dict struct {
	han  hanTable
	word wordTable
	post [][]int32
	// last is the last text (plus one) each token was seen in: a dense
	// array, so that a token seen again in the same text costs no visit
	// to its list.
	last []int32
	// seq and buf are scan's output, reused from text to text.
	seq []uint64
	buf []byte
}

func newDict() *dict {
	return &dict{han: newHanTable(1 << 12), word: newWordTable(1 << 12)}
}

// add records the tokens of text number doc.
func (d *dict) add(text string, doc int32) {
	d.seq, d.buf = scan(text, d.seq[:0], d.buf[:0])
	for _, c := range d.seq {
		var id int32
		if c&wordBit != 0 {
			id = d.word.id(wordOf(c, d.buf), int32(len(d.post)))
		} else {
			id = d.han.id(c, int32(len(d.post)))
		}
		if int(id) == len(d.post) {
			d.post = append(d.post, nil)
			d.last = append(d.last, 0)
		}
		if d.last[id] != doc+1 {
			d.last[id] = doc + 1
			d.post[id] = append(d.post[id], doc)
		}
	}
}

// hanTable maps the key of a Chinese token (its two characters, a<<32|b,
// never 0) to an id: open addressing over a power-of-two table, several
// times faster than a map for the one lookup every character makes.
type hanTable struct {
	keys []uint64
	vals []int32
	n    int
}

func newHanTable(size int) hanTable {
	return hanTable{keys: make([]uint64, size), vals: make([]int32, size)}
}

// id returns the id of key k, giving it next if it has none.
func (t *hanTable) id(k uint64, next int32) int32 {
	if 4*(t.n+1) > 3*len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15 >> 20) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			t.keys[i], t.vals[i] = k, next
			t.n++
			return next
		}
	}
}

func (t *hanTable) grow() {
	old := *t
	*t = newHanTable(2 * len(old.keys))
	for i, k := range old.keys {
		if k != 0 {
			t.id(k, old.vals[i])
		}
	}
}

// wordTable maps words to ids like hanTable: open addressing on a 64-bit
// FNV-1a hash of the word, checked against the word itself.
type wordTable struct {
	slots []int32 // index into words plus one; 0 is empty
	hash  []uint64
	words []string
	ids   []int32
}

func newWordTable(size int) wordTable {
	return wordTable{slots: make([]int32, size)}
}

func fnv(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// id returns the id of word w, giving it next if it has none.
func (t *wordTable) id(w []byte, next int32) int32 {
	if 4*(len(t.words)+1) > 3*len(t.slots) {
		t.grow()
	}
	h := fnv(w)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.words = append(t.words, string(w))
			t.hash = append(t.hash, h)
			t.ids = append(t.ids, next)
			t.slots[i] = int32(len(t.words))
			return next
		}
		if t.hash[s-1] == h && t.words[s-1] == string(w) {
			return t.ids[s-1]
		}
	}
}

func (t *wordTable) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	mask := uint64(len(t.slots) - 1)
	for k, h := range t.hash {
		i := h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}

// Digits of the postings code: a document id is written as the difference
// from the previous id in the list (the first as itself), in base 32, most
// significant digit first; the last digit of each number comes from final,
// the others from more. Every character is safe in JSON and HTML.
const (
	final = "0123456789abcdefghijklmnopqrstuv"
	more  = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
)

// encode writes sorted ids in the postings code.
func encode(ids []int) string {
	var b []byte
	prev := 0
	for i, id := range ids {
		v := id
		if i > 0 {
			v = id - prev
		}
		prev = id
		var digits [8]byte
		k := len(digits)
		k--
		digits[k] = final[v&31]
		for v >>= 5; v > 0; v >>= 5 {
			k--
			digits[k] = more[v&31]
		}
		b = append(b, digits[k:]...)
	}
	return string(b)
}
