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

// filePaths: non-ASCII file names (as ModuleBenchData.FILE_PATHS).
var filePaths = []string{
	"docs/\u65e5\u672c\u8a9e/\u8aac\u660e\u66f8.md",
	"internal/\u0444\u0430\u0439\u043b\u044b/\u0447\u0442\u0435\u043d\u0438\u0435.go",
	"i18n/\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac/messages.txt",
	"testdata/Stra\u00dfe/\u00e9t\u00e9.txt",
	"pkg/\ud55c\uad6d\uc5b4/\ud30c\uc77c_test.go",
	"assets/\u0627\u0644\u0639\u0631\u0628\u064a\u0629/\u0645\u0644\u0641.json",
	"src/\u0570\u0561\u0575\u0565\u0580\u0565\u0576/a.go",
	"x/\U00020000\U00020001/\U00030000.go",
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

// patterns and patternPaths: as ModuleBenchData.PATTERNS and PATTERN_PATHS.
const patterns = "git0.corp.example.com/team0,git1.corp.example.com/team1,git2.corp.example.com/team2," +
	"git3.corp.example.com/team3,git4.corp.example.com/team4,git5.corp.example.com/team5," +
	"git6.corp.example.com/team6,git7.corp.example.com/team7,git8.corp.example.com/team8," +
	"git9.corp.example.com/team9,git10.corp.example.com/team10," +
	"git11.corp.example.com/team11,git12.corp.example.com/team12," +
	"git13.corp.example.com/team13,*.internal.example.org,github.com/acme-*/*," +
	"gitlab.example.net/group/*/sub,example.com/priv[0-9],bitbucket.org/acme," +
	"go.acme.io"

var patternPaths = []string{
	"golang.org/x/text",
	"github.com/stretchr/testify",
	"go.acme.io/tools/v2",
	"github.com/acme-labs/widget/v3",
	"git13.corp.example.com/team13/repo",
	"rsc.io/quote/v3",
	"gitlab.example.net/group/platform/sub/api",
	"example.com/priv7/lib",
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

func BenchmarkCheckFilePathUnicode(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkErr = module.CheckFilePath(filePaths[i&7])
	}
	if sinkErr != nil {
		b.Fatal(sinkErr)
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

// BenchmarkMatchPrefixPatterns: x/mod takes the comma list on every call (it has no compiled
// form); the Java side matches a list parsed once.
func BenchmarkMatchPrefixPatterns(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBool = module.MatchPrefixPatterns(patterns, patternPaths[i&7])
	}
}

// TestSameInputs prints a digest of the inputs; bench-module.sh compares it with Java's.
func TestSameInputs(t *testing.T) {
	hits := 0
	for _, p := range patternPaths {
		if module.MatchPrefixPatterns(patterns, p) {
			hits++
		}
	}
	t.Logf("inputs: first=%s last=%s pseudo0=%s patternHits=%d", versions[0], versions[sortSize-1], pseudos[0], hits)
}
