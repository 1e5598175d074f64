// sumdbserver: the download benchmark's loopback server, written for goproxy4j (Apache-2.0). It
// calls golang.org/x/mod (Debian's source, GOPATH mode); it copies none of it.
//
//	sumdbserver prepare LIST PROXYDIR   LIST: lines "<module dir>\t<Debian version>"; writes a
//	                                    GOPROXY tree (zip, mod, info, list) with x/mod's zip.CreateFromDir
//	                                    and prints "path@version" for every module written
//	sumdbserver serve PROXYDIR          serves PROXYDIR at /proxy/ and x/mod's sumdb server
//	                                    (NewServer over NewTestServer: each record computed on its
//	                                    first lookup) at /sumdb/localhost.localdev/sumdb/; prints
//	                                    "READY <base URL>" and serves until stdin closes
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// Go's own test key (cmd/go's proxy_test.go and x/mod's client tests use it).
const signer = "PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk"

func main() {
	switch os.Args[1] {
	case "prepare":
		prepare(os.Args[2], os.Args[3])
	case "serve":
		serve(os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "usage: sumdbserver prepare LIST PROXYDIR | serve PROXYDIR")
		os.Exit(2)
	}
}

var semverRE = regexp.MustCompile(`^(?:[0-9]+:)?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?`)

// version turns a Debian version into a module version valid for path: its upstream
// major.minor.patch when that fits the path's major version, else a pseudo-version.
func version(path, debian string) string {
	_, pathMajor, _ := module.SplitPathVersion(path)
	if m := semverRE.FindStringSubmatch(debian); m != nil {
		patch := m[3]
		if patch == "" {
			patch = "0"
		}
		v := "v" + m[1] + "." + m[2] + "." + patch
		if module.CheckPathMajor(v, pathMajor) == nil && module.Check(path, v) == nil {
			return v
		}
	}
	major := "v0"
	if pathMajor != "" {
		major = strings.TrimLeft(pathMajor, "/.")
	}
	return major + ".0.0-20200101000000-000000000000"
}

func prepare(list, proxyDir string) {
	data, err := os.ReadFile(list)
	if err != nil {
		panic(err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.SplitN(line, "\t", 2)
		if len(f) != 2 {
			continue
		}
		dir, deb := f[0], f[1]
		gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err != nil {
			continue
		}
		path := modfile.ModulePath(gomod)
		if path == "" || seen[path] || module.CheckPath(path) != nil {
			continue
		}
		v := version(path, deb)
		if module.Check(path, v) != nil {
			continue
		}
		m := module.Version{Path: path, Version: v}
		var zip bytes.Buffer
		if err := modzip.CreateFromDir(&zip, m, dir); err != nil {
			fmt.Fprintf(os.Stderr, "skip %s: %v\n", path, err)
			continue
		}
		ep, _ := module.EscapePath(path)
		ev, _ := module.EscapeVersion(v)
		at := filepath.Join(proxyDir, ep, "@v")
		must(os.MkdirAll(at, 0o777))
		must(os.WriteFile(filepath.Join(at, ev+".zip"), zip.Bytes(), 0o666))
		must(os.WriteFile(filepath.Join(at, ev+".mod"), gomod, 0o666))
		must(os.WriteFile(filepath.Join(at, ev+".info"),
			[]byte(`{"Version":"`+v+`","Time":"2020-01-01T00:00:00Z"}`), 0o666))
		must(os.WriteFile(filepath.Join(at, "list"), []byte(v+"\n"), 0o666))
		seen[path] = true
		fmt.Println(path + "@" + v)
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func serve(proxyDir string) {
	gosum := func(path, vers string) ([]byte, error) {
		ep, err := module.EscapePath(path)
		if err != nil {
			return nil, err
		}
		ev, err := module.EscapeVersion(vers)
		if err != nil {
			return nil, err
		}
		base := filepath.Join(proxyDir, ep, "@v", ev)
		zh, err := dirhash.HashZip(base+".zip", dirhash.Hash1)
		if err != nil {
			return nil, err
		}
		mh, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
			return os.Open(base + ".mod")
		})
		if err != nil {
			return nil, err
		}
		return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, zh, path, vers, mh)), nil
	}
	mux := http.NewServeMux()
	mux.Handle("/proxy/", http.StripPrefix("/proxy", http.FileServer(http.Dir(proxyDir))))
	mux.Handle("/sumdb/localhost.localdev/sumdb/", http.StripPrefix("/sumdb/localhost.localdev/sumdb",
		sumdb.NewServer(sumdb.NewTestServer(signer, gosum))))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Printf("READY http://%s\n", l.Addr())
	go func() {
		// Stop when the parent closes stdin.
		io.Copy(io.Discard, bufio.NewReader(os.Stdin))
		os.Exit(0)
	}()
	panic(http.Serve(l, mux))
}
