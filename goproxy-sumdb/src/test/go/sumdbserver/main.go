// A checksum database served by golang.org/x/mod's own sumdb server code (sumdb.NewServer over
// sumdb.NewTestServer), on loopback HTTP, for goproxy4j's interop tests. Written for goproxy4j;
// it only calls x/mod's public API.
//
// Usage: sumdbserver [-name N] [-skey SIGNERKEY] [-records FILE] [-proxydir DIR]
//
// Every request's path is printed to standard error as "request <path>".
//
// It prints, one per line, "vkey <verifier key>", "skey <signer key>",
// "url http://127.0.0.1:<port>" and then "ready", and serves:
//
//	/lookup/, /latest, /tile/             the database itself (x/mod's sumdb.Server)
//	/mod/sumdb/<name>/supported           200, so that /mod can be used as a GOPROXY
//	/mod/sumdb/<name>/...                 the database, through the "proxy"
//	/mod/<escaped module>/@v/...          files from -proxydir (a GOPROXY directory layout)
//
// Records files hold blocks separated by blank lines. The first line of a block is
// "<path>@<version>" (unescaped); the remaining lines are that record's text verbatim (go.sum
// lines). A block with no further lines takes its record from -proxydir: the h1 hashes of
// <escaped path>/@v/<escaped version>.zip and .mod, as Go's own test proxy computes them.
// Every block of -records is added to the log at start, in order (record ids 0, 1, ...).
// A module looked up over HTTP that no block names is added on demand from -proxydir, or is a
// 404 when it is not there either.
//
// Standard input takes commands, one a line, answered with one line on standard output:
//
//	add <file>    add the blocks of <file> to the log, in order; answers "ok <tree size>"
//	size          answers "ok <tree size>"
//
// The program exits when standard input is closed.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
)

type state struct {
	mu       sync.Mutex
	explicit map[string][]byte // "path@version" -> record text
	proxyDir string
}

func (s *state) gosum(path, vers string) ([]byte, error) {
	key := path + "@" + vers
	s.mu.Lock()
	text, ok := s.explicit[key]
	s.mu.Unlock()
	if ok && len(text) > 0 {
		return text, nil
	}
	if s.proxyDir == "" {
		return nil, fs.ErrNotExist
	}
	epath, err := module.EscapePath(path)
	if err != nil {
		return nil, err
	}
	evers, err := module.EscapeVersion(vers)
	if err != nil {
		return nil, err
	}
	base := filepath.Join(s.proxyDir, filepath.FromSlash(epath), "@v", evers)
	zipHash, err := dirhash.HashZip(base+".zip", dirhash.Hash1)
	if err != nil {
		return nil, err // a missing zip is fs.ErrNotExist: the server answers 404
	}
	mod, err := os.ReadFile(base + ".mod")
	if err != nil {
		return nil, err
	}
	modHash, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(mod)), nil
	})
	if err != nil {
		return nil, err
	}
	return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, zipHash, path, vers, modHash)), nil
}

// readBlocks parses a records file into ordered keys and (possibly empty) record texts.
func readBlocks(file string) ([]string, map[string][]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	var keys []string
	texts := map[string][]byte{}
	for _, block := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n\n") {
		block = strings.Trim(block, "\n")
		if block == "" {
			continue
		}
		lines := strings.SplitN(block, "\n", 2)
		key := strings.TrimSpace(lines[0])
		if !strings.Contains(key, "@") {
			return nil, nil, fmt.Errorf("%s: block key %q is not path@version", file, key)
		}
		text := []byte{}
		if len(lines) == 2 {
			text = []byte(lines[1] + "\n")
		}
		keys = append(keys, key)
		texts[key] = text
	}
	return keys, texts, nil
}

func (s *state) add(ts *sumdb.TestServer, file string) error {
	keys, texts, err := readBlocks(file)
	if err != nil {
		return err
	}
	s.mu.Lock()
	for k, v := range texts {
		s.explicit[k] = v
	}
	s.mu.Unlock()
	for _, key := range keys {
		i := strings.LastIndex(key, "@")
		if _, err := ts.Lookup(context.Background(), module.Version{Path: key[:i], Version: key[i+1:]}); err != nil {
			return fmt.Errorf("adding %s: %v", key, err)
		}
	}
	return nil
}

func treeSize(ts *sumdb.TestServer) int64 {
	signed, err := ts.Signed(context.Background())
	if err != nil {
		fail(err)
	}
	lines := strings.SplitN(string(signed), "\n", 3)
	var n int64
	fmt.Sscanf(lines[1], "%d", &n)
	return n
}

func main() {
	name := flag.String("name", "localhost.localdev/sumdb", "database name")
	skey := flag.String("skey", "", "signer key (generated when empty)")
	records := flag.String("records", "", "records file added at start")
	proxyDir := flag.String("proxydir", "", "GOPROXY directory layout for computed records and /mod/")
	flag.Parse()

	signer := *skey
	var verifier string
	var err error
	if signer == "" {
		signer, verifier, err = note.GenerateKey(rand.Reader, *name)
		if err != nil {
			fail(err)
		}
	} else {
		s, err := note.NewSigner(signer)
		if err != nil {
			fail(err)
		}
		verifier, err = verifierFor(signer, s.Name())
		if err != nil {
			fail(err)
		}
	}

	st := &state{explicit: map[string][]byte{}, proxyDir: *proxyDir}
	ts := sumdb.NewTestServer(signer, st.gosum)
	if *records != "" {
		if err := st.add(ts, *records); err != nil {
			fail(err)
		}
	}

	srv := sumdb.NewServer(ts)
	mux := http.NewServeMux()
	for _, p := range sumdb.ServerPaths {
		mux.Handle(p, srv)
	}
	prefix := "/mod/sumdb/" + *name
	mux.HandleFunc(prefix+"/supported", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.Handle(prefix+"/", http.StripPrefix(prefix, srv))
	if *proxyDir != "" {
		mux.Handle("/mod/", http.StripPrefix("/mod/", http.FileServer(http.Dir(*proxyDir))))
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(out, "vkey %s\nskey %s\nurl http://%s\nready\n", verifier, signer, ln.Addr())
	out.Flush()
	var logMu sync.Mutex
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logMu.Lock()
		fmt.Fprintf(os.Stderr, "request %s\n", r.URL.Path)
		logMu.Unlock()
		mux.ServeHTTP(w, r)
	}))

	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		f := strings.Fields(in.Text())
		switch {
		case len(f) == 2 && f[0] == "add":
			if err := st.add(ts, f[1]); err != nil {
				fmt.Fprintf(out, "error %v\n", strings.ReplaceAll(err.Error(), "\n", " "))
			} else {
				fmt.Fprintf(out, "ok %d\n", treeSize(ts))
			}
		case len(f) == 1 && f[0] == "size":
			fmt.Fprintf(out, "ok %d\n", treeSize(ts))
		default:
			fmt.Fprintf(out, "error unknown command %q\n", in.Text())
		}
		out.Flush()
	}
}

// verifierFor derives the verifier key of a signer key "PRIVATE+KEY+<name>+<hash>+<base64(alg||seed)>".
// note.GenerateKey draws the 32-byte Ed25519 seed from its reader, so replaying the seed yields the
// same key pair.
func verifierFor(signer, name string) (string, error) {
	f := strings.SplitN(signer, "+", 5)
	if len(f) != 5 {
		return "", fmt.Errorf("malformed signer key")
	}
	seed, err := base64.StdEncoding.DecodeString(f[4])
	if err != nil || len(seed) != 33 {
		return "", fmt.Errorf("malformed signer key")
	}
	skey, vkey, err := note.GenerateKey(bytes.NewReader(seed[1:]), name)
	if err != nil {
		return "", err
	}
	if skey != signer {
		return "", fmt.Errorf("signer key does not round-trip")
	}
	return vkey, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sumdbserver:", err)
	os.Exit(1)
}
