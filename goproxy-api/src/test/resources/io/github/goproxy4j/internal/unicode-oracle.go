// unicode-oracle answers for the Go release that builds it, so that UnicodeTablesTest can compare
// goproxy4j's per-release Unicode data with the real thing over every code point.
//
//	go build                                 prints "version <GOVERSION> <unicode.Version>",
//	                                         then per property one line: the name and a 64-bit
//	                                         FNV-1a digest per 4096-rune block
//	go build -ldflags=-X=main.block=NAME:N   prints the answers for block N of property NAME,
//	                                         one hex value a line
//
// It writes with the print builtin (to standard error) and imports only unicode and strconv,
// so that each release compiles little beyond its runtime.
//
// Predicates answer 0 or 1; SimpleFold answers the rune it folds to. A digest hashes the answers
// of its block in rune order, predicates as one byte, SimpleFold as four little-endian bytes.
package main

import (
	"runtime"
	"strconv"
	"unicode"
)

// block is set with -ldflags=-X=main.block=NAME:N to ask for one block's answers.
var block string

const blockSize = 0x1000
const blocks = (unicode.MaxRune + 1) / blockSize

type property struct {
	name   string
	answer func(rune) uint32
}

func pred(f func(rune) bool) func(rune) uint32 {
	return func(r rune) uint32 {
		if f(r) {
			return 1
		}
		return 0
	}
}

var properties = []property{
	{"IsLetter", pred(unicode.IsLetter)},
	{"IsPrint", pred(unicode.IsPrint)},
	{"IsGraphic", pred(unicode.IsGraphic)},
	{"IsSpace", pred(unicode.IsSpace)},
	{"strconv.IsPrint", pred(strconv.IsPrint)},
	{"SimpleFold", func(r rune) uint32 { return uint32(unicode.SimpleFold(r)) }},
}

func digest(p property, block int) uint64 {
	h := uint64(14695981039346656037)
	add := func(b byte) {
		h ^= uint64(b)
		h *= 1099511628211
	}
	for r := rune(block * blockSize); r < rune((block+1)*blockSize); r++ {
		v := p.answer(r)
		if p.name == "SimpleFold" {
			add(byte(v))
			add(byte(v >> 8))
			add(byte(v >> 16))
			add(byte(v >> 24))
		} else {
			add(byte(v))
		}
	}
	return h
}

func main() {
	if block == "" {
		println("version " + runtime.Version() + " " + unicode.Version)
		for _, p := range properties {
			line := p.name
			for b := 0; b < blocks; b++ {
				line += " " + strconv.FormatUint(digest(p, b), 16)
			}
			println(line)
		}
		return
	}
	for i := len(block) - 1; i >= 0; i-- {
		if block[i] != ':' {
			continue
		}
		n, err := strconv.Atoi(block[i+1:])
		for _, p := range properties {
			if err == nil && p.name == block[:i] {
				for r := rune(n * blockSize); r < rune((n+1)*blockSize); r++ {
					println(strconv.FormatUint(uint64(p.answer(r)), 16))
				}
				return
			}
		}
	}
	panic("bad block request " + strconv.Quote(block))
}
