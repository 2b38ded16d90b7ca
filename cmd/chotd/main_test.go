package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chotmap/chot/osmimport/osmtest"
)

var binary, cli string // chotd and chot, built once for the tests

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chotd-test-")
	if err != nil {
		panic(err)
	}
	binary, cli = filepath.Join(dir, "chotd"), filepath.Join(dir, "chot")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	if out, err := exec.Command("go", "build", "-o", cli, "../chot").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// started is a running chotd, the address it reported when ready and the admin token it
// logged on its first start.
type started struct {
	cmd   *exec.Cmd
	addr  string
	token string
	logs  *bufio.Scanner
}

// start runs chotd with args on a free loopback port and waits for its "ready" log line.
func start(tb testing.TB, args ...string) *started {
	tb.Helper()
	args = append([]string{"--addr", "127.0.0.1:0", "--store", filepath.Join(tb.TempDir(), "chot.db")}, args...)
	cmd := exec.Command(binary, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := bufio.NewScanner(stderr)
	token := ""
	for logs.Scan() {
		var line struct{ Msg, Addr, Token string }
		if json.Unmarshal(logs.Bytes(), &line) != nil {
			continue
		}
		switch line.Msg {
		case "admin token":
			token = line.Token
		case "ready":
			return &started{cmd: cmd, addr: line.Addr, token: token, logs: logs}
		}
	}
	tb.Fatalf("chotd exited before it was ready")
	return nil
}

func (s *started) get(t *testing.T, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+s.addr+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeAndShutDown(t *testing.T) {
	s := start(t)
	if code, _ := s.get(t, "/readyz"); code != 200 {
		t.Fatalf("readyz %d", code)
	}
	code, body := s.get(t, "/api/cities")
	for _, id := range []string{`"hoi-an"`, `"ha-noi"`, `"dien-bien"`} {
		if code != 200 || !strings.Contains(body, id) {
			t.Errorf("/api/cities (%d) lacks %s", code, id)
		}
	}
	code, body = s.get(t, "/api/cities/dien-bien/checkpoints/nearest?lat=21.383&lon=103.020&k=3")
	if code != 200 || strings.Count(body, `"distance_m"`) != 3 {
		t.Errorf("nearest: %d %s", code, body)
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for s.logs.Scan() {
		var line struct{ Msg string }
		json.Unmarshal(s.logs.Bytes(), &line)
		msgs = append(msgs, line.Msg)
	}
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
	if got := strings.Join(msgs, ","); got != "shutting down,stopped" {
		t.Errorf("logs after SIGTERM: %s", got)
	}
}

func TestExtraMaps(t *testing.T) {
	dir := t.TempDir()
	src, err := filepath.Abs("../../data/hoi-an")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "hoi-an-2"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	s := start(t, "--maps", dir)
	if code, body := s.get(t, "/api/cities/hoi-an-2"); code != 200 || !strings.Contains(body, `"id":"hoi-an-2"`) {
		t.Errorf("extra city: %d %s", code, body)
	}
}

// TestImportedOSMCity runs the whole path a planner takes with OpenStreetMap data: chot
// import of the Hà Nội extract, chotd --maps, then a motorcade route over it.
func TestImportedOSMCity(t *testing.T) {
	pbf := osmtest.Extract(t, osmtest.HanoiInner)
	dir := t.TempDir()
	out, err := exec.Command(cli, "import", "--pbf", pbf, "--city", "ha-noi-osm", "--name", "Hà Nội (OSM)", "--out", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("chot import: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "© OpenStreetMap contributors") {
		t.Errorf("import summary lacks the attribution: %s", out)
	}
	s := start(t, "--maps", dir)
	code, body := s.get(t, "/api/cities/ha-noi-osm")
	if code != 200 || !strings.Contains(body, "© OpenStreetMap contributors") {
		t.Errorf("city: %d %.300s", code, body)
	}
	// Hoàn Kiếm (Tràng Tiền) to Mỹ Đình, as a motorcade.
	req, _ := http.NewRequest(http.MethodPost, "http://"+s.addr+"/api/cities/ha-noi-osm/route",
		strings.NewReader(`{"stops":[[105.8555,21.0245],[105.7790,21.0205]],"profile":"motorcade"}`))
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rt struct {
		Summary struct {
			DistanceM float64 `json:"distance_m"`
			DurationS float64 `json:"duration_s"`
		} `json:"summary"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&rt); err != nil || resp.StatusCode != 200 {
		t.Fatalf("route: %d %v", resp.StatusCode, err)
	}
	// About 8 km as the crow flies; by road 8.5 to 14 km.
	if rt.Summary.DistanceM < 8500 || rt.Summary.DistanceM > 14000 || rt.Summary.DurationS <= 0 {
		t.Errorf("route %+v", rt.Summary)
	}
}

func TestBadStart(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "broken"), 0o755)
	os.WriteFile(filepath.Join(dir, "broken", "city.json"), []byte(`{"name":"x"}`), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--maps", dir}, "broken: city.json: timezone: want an IANA time zone"},
		{[]string{"--maps", filepath.Join(dir, "nope")}, "no such file or directory"},
		{[]string{"--log-format", "xml"}, "--log-format: want json or text"},
		{[]string{"--addr", "256.0.0.1:1"}, "listen tcp"},
		{[]string{"stray"}, `unexpected argument "stray"`},
	}
	for _, tt := range tests {
		cmd := exec.Command(binary, tt.args...)
		cmd.Dir = t.TempDir() // the default --store chot.db lands there, not in the source tree
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("chotd %v: err %v, output %q; want it to fail with %q", tt.args, err, out, tt.want)
		}
	}
}

// BenchmarkStartToReady measures a real chotd first start with the three embedded cities,
// from exec to its "ready" line and a 200 from /readyz: each run has a new store, which it
// creates and seeds with the maps' checkpoints and a first admin.
func BenchmarkStartToReady(b *testing.B) {
	var ready time.Duration
	for b.Loop() {
		t0 := time.Now()
		s := start(b)
		resp, err := http.Get("http://" + s.addr + "/readyz")
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("readyz: %v", err)
		}
		resp.Body.Close()
		ready += time.Since(t0)
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
	b.ReportMetric(float64(ready.Microseconds())/1000/float64(b.N), "ms-to-ready")
}
