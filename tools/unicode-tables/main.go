// unicode-tables prints the Unicode data that goproxy4j's Go rules need, exactly as the Go
// release that runs it answers them: the code points for which unicode.IsLetter, IsPrint,
// IsGraphic, IsSpace and strconv.IsPrint hold, and the orbits of unicode.SimpleFold.
// Run it with each release (generate.sh does, and merges identical outputs):
//
//	GO111MODULE=off go run main.go > body.txt
//
// Output, after a "unicode <unicode.Version>" line: one block per property,
//
//	<name> <number of ranges>
//	gap:len gap:len ...     (hex; a range starts gap code points after the previous one ended
//	                         and holds len code points; the first gap counts from U+0000)
//
// and the fold block,
//
//	SimpleFold <number of orbits>
//	a,b,c ...               (hex; each orbit sorted, its first member relative to the previous
//	                         orbit's first member, the others relative to the orbit's first)
//
// Lines are wrapped at 100 columns. The data are facts about the release, not code.
package main

import (
	"bufio"
	"os"
	"strconv"
	"unicode"
)

const maxRune = unicode.MaxRune

type line struct {
	w   *bufio.Writer
	col int
}

func (l *line) word(s string) {
	if l.col > 0 && l.col+1+len(s) > 100 {
		l.w.WriteByte('\n')
		l.col = 0
	}
	if l.col > 0 {
		l.w.WriteByte(' ')
		l.col++
	}
	l.w.WriteString(s)
	l.col += len(s)
}

func (l *line) end() {
	if l.col > 0 {
		l.w.WriteByte('\n')
	}
	l.col = 0
}

func hex(v rune) string { return strconv.FormatInt(int64(v), 16) }

func property(w *bufio.Writer, name string, has func(rune) bool) {
	var words []string
	next := rune(0) // first code point after the previous range
	for r := rune(0); r <= maxRune; {
		if !has(r) {
			r++
			continue
		}
		lo := r
		for r <= maxRune && has(r) {
			r++
		}
		words = append(words, hex(lo-next)+":"+hex(r-lo))
		next = r
	}
	w.WriteString(name + " " + strconv.Itoa(len(words)) + "\n")
	l := line{w: w}
	for _, s := range words {
		l.word(s)
	}
	l.end()
}

func folds(w *bufio.Writer) {
	var words []string
	prev := rune(0)
	for r := rune(0); r <= maxRune; r++ {
		// r starts an orbit when folding leads away from it and every member is larger.
		f := unicode.SimpleFold(r)
		if f <= r {
			continue
		}
		orbit := []rune{r}
		for f != r {
			if f < r {
				orbit = nil
				break
			}
			orbit = append(orbit, f)
			f = unicode.SimpleFold(f)
		}
		if orbit == nil {
			continue
		}
		// SimpleFold walks an orbit in increasing order, wrapping once to its smallest member.
		s := hex(r - prev)
		for _, m := range orbit[1:] {
			s += "," + hex(m-r)
		}
		words = append(words, s)
		prev = r
	}
	w.WriteString("SimpleFold " + strconv.Itoa(len(words)) + "\n")
	l := line{w: w}
	for _, s := range words {
		l.word(s)
	}
	l.end()
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	w.WriteString("unicode " + unicode.Version + "\n")
	property(w, "IsLetter", unicode.IsLetter)
	property(w, "IsPrint", unicode.IsPrint)
	property(w, "IsGraphic", unicode.IsGraphic)
	property(w, "IsSpace", unicode.IsSpace)
	property(w, "strconv.IsPrint", strconv.IsPrint)
	folds(w)
}
