// unquote-oracle answers strconv.UnquoteChar and strconv.Unquote of the Go release that runs it
// (go run unquote-oracle.go), so that GoQuoteTest can compare GoQuote with the real thing.
//
// Each input line is a query; each output line its answer:
//
//	char Q HEX   strconv.UnquoteChar(bytes, byte(Q)) of the hex-decoded bytes, Q a decimal byte:
//	             "ok VALUE MULTIBYTE CONSUMED" (decimal, true/false, bytes read) or "err"
//	str HEX      strconv.Unquote of the hex-decoded bytes: "ok HEX" (the result) or "err"
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func decode(s string) string {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		f := strings.Split(in.Text(), " ")
		switch f[0] {
		case "char":
			q, err := strconv.Atoi(f[1])
			if err != nil {
				panic(err)
			}
			s := decode(f[2])
			v, mb, tail, err := strconv.UnquoteChar(s, byte(q))
			if err != nil {
				fmt.Fprintln(out, "err")
			} else {
				fmt.Fprintf(out, "ok %d %t %d\n", v, mb, len(s)-len(tail))
			}
		case "str":
			u, err := strconv.Unquote(decode(f[1]))
			if err != nil {
				fmt.Fprintln(out, "err")
			} else {
				fmt.Fprintf(out, "ok %x\n", u)
			}
		default:
			panic("unknown query " + f[0])
		}
	}
}
