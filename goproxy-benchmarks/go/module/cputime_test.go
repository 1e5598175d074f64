package modulebench

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// threadCPU returns this OS thread's CPU time in nanoseconds (RUSAGE_THREAD).
func threadCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1, &ru); err != nil {
		panic(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

var cpuSink int

// TestCPUTime mirrors ModuleCpuTime (Java): best-of-rounds CPU time per operation on this
// thread. Runs only with MODULE_CPU=<rounds>.
func TestCPUTime(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("MODULE_CPU"))
	if rounds == 0 {
		t.Skip("set MODULE_CPU=<rounds> to run")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	buf := make([]string, len(versions))
	ops := []struct {
		name string
		op   func(i int)
	}{
		{"baseline_(harness_only)", func(i int) { cpuSink += len(versions[i&mask]) }},
		{"modulePathParse", func(i int) {
			if module.CheckPath(paths[i&7]) != nil {
				cpuSink++
			}
		}},
		{"modulePathEscape", func(i int) { s, _ := module.EscapePath(paths[i&7]); cpuSink += len(s) }},
		{"moduleCheck", func(i int) {
			if module.Check(checks[i&7][0], checks[i&7][1]) != nil {
				cpuSink++
			}
		}},
		{"versionParse", func(i int) {
			if semver.IsValid(versions[i&mask]) {
				cpuSink++
			}
		}},
		{"versionCompareStrings", func(i int) { cpuSink += semver.Compare(versions[i&mask], versions[(i+1)&mask]) }},
		{"pseudoIsPseudo", func(i int) {
			if module.IsPseudoVersion(versions[i&mask]) {
				cpuSink++
			}
		}},
		{"pseudoParse", func(i int) {
			v := pseudos[i&1023]
			tm, _ := module.PseudoVersionTime(v)
			b, _ := module.PseudoVersionBase(v)
			r, _ := module.PseudoVersionRev(v)
			cpuSink += tm.Second() + len(b) + len(r)
		}},
		{"matchPrefixPatterns", func(i int) {
			if module.MatchPrefixPatterns(patterns, patternPaths[i&7]) {
				cpuSink++
			}
		}},
		{"versionSortStrings10k", func(i int) { copy(buf, versions); semver.Sort(buf); cpuSink += len(buf[0]) }},
	}
	for _, o := range ops {
		n := 200000
		if o.name == "versionSortStrings10k" {
			n = 20
		}
		for w := 0; w < 3; w++ {
			for i := 0; i < n; i++ {
				o.op(i)
			}
		}
		best := 1e18
		for r := 0; r < rounds; r++ {
			t0 := threadCPU()
			for i := 0; i < n; i++ {
				o.op(i)
			}
			ns := float64(threadCPU()-t0) / float64(n)
			if ns < best {
				best = ns
			}
		}
		fmt.Printf("cpu %s %.1f\n", o.name, best)
	}
}
