// Benchmarks of golang.org/x/mod's module and semver packages on the same inputs as
// goproxy-benchmarks' ModuleBenchmarks (JMH). Run by ../../bench-module.sh in GOPATH mode:
//
//	GO111MODULE=off GOPATH=<tmp>:/usr/share/gocode go test -run NONE -bench . -benchmem
package modulebench

import (
	"fmt"
	"strconv"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

const sortSize = 10000
const mask = 8191

var paths = []string{
	"github.com/Azure/azure-sdk-for-go/sdk/azcore",
	"golang.org/x/mod",
	"gopkg.in/yaml.v3",
	"k8s.io/client-go",
	"github.com/google/go-cmp",
	"example.com/a/b/c/d/v2",
	"rsc.io/quote/v3",
	"go.uber.org/zap",
}

var checks = [][2]string{
	{"github.com/Azure/azure-sdk-for-go/sdk/azcore", "v1.9.1"},
	{"golang.org/x/mod", "v0.7.0"},
	{"gopkg.in/yaml.v3", "v3.0.1"},
	{"k8s.io/client-go", "v11.0.0+incompatible"},
	{"github.com/google/go-cmp", "v0.5.9"},
	{"example.com/a/b/c/d/v2", "v2.0.0-20191109021931-daa7c04131f5"},
	{"rsc.io/quote/v3", "v3.1.0"},
	{"go.uber.org/zap", "v1.24.0-rc.1"},
}

// lcg reproduces ModuleBenchData's generator.
type lcg struct{ state uint64 }

func (g *lcg) next() uint64 {
	g.state = g.state*6364136223846793005 + 1442695040888963407
	return g.state >> 33
}

func (g *lcg) version() string {
	k := g.next() % 20
	maj := g.next() % 4
	min := g.next() % 30
	pat := g.next() % 50
	switch {
	case k < 12:
		return fmt.Sprintf("v%d.%d.%d", maj, min, pat)
	case k < 15:
		return fmt.Sprintf("v%d.%d.%d-rc.%d", maj, min, pat, g.next()%5)
	case k < 18:
		year := 2015 + g.next()%10
		month := 1 + g.next()%12
		day := 1 + g.next()%28
		h := g.next() % 24
		m := g.next() % 60
		s := g.next() % 60
		a := g.next()
		b := g.next()
		hex := ((a << 17) ^ b) & 0xFFFFFFFFFFFF
		return fmt.Sprintf("v%d.%d.%d-0.%04d%02d%02d%02d%02d%02d-%012x", maj, min, pat+1, year, month, day, h, m, s, hex)
	case k == 18:
		return "v" + strconv.FormatUint(maj+2, 10) + ".0.0+incompatible"
	}
	return fmt.Sprintf("v%d.%d", maj, min)
}

var versions, pseudos = func() ([]string, []string) {
	g := &lcg{state: 42}
	vs := make([]string, sortSize)
	var ps []string
	for i := range vs {
		vs[i] = g.version()
		if module.IsPseudoVersion(vs[i]) && len(ps) < 1024 {
			ps = append(ps, vs[i])
		}
	}
	if len(ps) != 1024 {
		panic("expected 1024 pseudo-versions")
	}
	return vs, ps
}()

var sinkErr error
var sinkBool bool
var sinkInt int
var sinkStr string

func BenchmarkModulePathParse(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkErr = module.CheckPath(paths[i&7])
	}
}

func BenchmarkModulePathEscape(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkStr, sinkErr = module.EscapePath(paths[i&7])
	}
}

func BenchmarkModuleCheck(b *testing.B) {
	for i := 0; i < b.N; i++ {
		c := checks[i&7]
		sinkErr = module.Check(c[0], c[1])
	}
}

func BenchmarkVersionParse(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBool = semver.IsValid(versions[i&mask])
	}
}

func BenchmarkVersionCompareStrings(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkInt = semver.Compare(versions[i&mask], versions[(i+1)&mask])
	}
}

func BenchmarkVersionSortStrings10k(b *testing.B) {
	buf := make([]string, len(versions))
	for i := 0; i < b.N; i++ {
		copy(buf, versions)
		semver.Sort(buf)
	}
}

func BenchmarkPseudoIsPseudo(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBool = module.IsPseudoVersion(versions[i&mask])
	}
}

func BenchmarkPseudoParse(b *testing.B) {
	for i := 0; i < b.N; i++ {
		v := pseudos[i&1023]
		_, sinkErr = module.PseudoVersionTime(v)
		sinkStr, sinkErr = module.PseudoVersionBase(v)
		sinkStr, sinkErr = module.PseudoVersionRev(v)
	}
}

// TestSameInputs prints a digest of the inputs; bench-module.sh compares it with Java's.
func TestSameInputs(t *testing.T) {
	t.Logf("inputs: first=%s last=%s pseudo0=%s", versions[0], versions[sortSize-1], pseudos[0])
}
