package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSoak is the long run of the service under mixed load: reads, nearest, routes and
// checkpoint writes at a steady rate for CHOT_SOAK (e.g. 10m; skipped when unset, it is
// not part of make test). It checks zero errors, flat memory (the server's resident size
// at the end is within 50% of that after the first minute) and that every acknowledged
// write is there afterwards.
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("CHOT_SOAK"))
	if err != nil || d <= 0 {
		t.Skip("skipping: set CHOT_SOAK=10m to run the soak test")
	}
	s := start(t)
	const rate = 200 // requests per second, steady
	var sent, failed atomic.Int64
	var mu sync.Mutex
	acked := map[string]int{} // updates acknowledged per pool checkpoint
	client := &http.Client{Timeout: 10 * time.Second}
	send := func(method, path, body string) (int, error) {
		req, _ := http.NewRequest(method, "http://"+s.addr+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+s.token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// The writes update a pool of checkpoints, each with its own version, so the data stays
	// the same size and memory can stay flat.
	const pool = 20
	var locks [pool]sync.Mutex
	var versions, officers [pool]int
	for k := range pool {
		body := fmt.Sprintf(`{"id":"soak-%d","kind":"traffic_post","name":"Chốt %d","unit":"CSGT","officers":1,"radius_m":100,"lon":105.85,"lat":21.03}`, k, k)
		if code, err := send("POST", "/api/cities/ha-noi/checkpoints", body); code != 201 {
			t.Fatalf("create soak-%d: %d %v", k, code, err)
		}
		versions[k], officers[k] = 1, 1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var rss []int64
	tick := time.NewTicker(time.Second / rate)
	defer tick.Stop()
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := 0; time.Now().Before(end); i++ {
		<-tick.C
		if i%(rate*10) == 0 {
			rss = append(rss, residentKB(s.cmd.Process.Pid))
		}
		lat, lon := 21.00+rng.Float64()*0.05, 105.80+rng.Float64()*0.07
		var method, path, body string
		want := 200
		switch i % 10 {
		case 0, 1, 2:
			method, path = "GET", fmt.Sprintf("/api/cities/ha-noi/checkpoints/nearest?lat=%.5f&lon=%.5f&k=5", lat, lon)
		case 3, 4:
			method, path = "GET", "/api/cities/ha-noi"
		case 5:
			method, path = "GET", fmt.Sprintf("/tiles/ha-noi/14/%d/%d.mvt", 13006+rng.IntN(6), 7209+rng.IntN(6))
		case 6, 7:
			method, path = "POST", "/api/cities/ha-noi/route"
			body = `{"stops":[{"venue":"metropole"},{"venue":"ncc"}],"profile":"motorcade"}`
		default:
			k := (i / 10) % pool
			wg.Add(1)
			go func() {
				defer wg.Done()
				locks[k].Lock()
				defer locks[k].Unlock()
				n := 1 + (officers[k] % 50)
				body := fmt.Sprintf(`{"kind":"traffic_post","name":"Chốt %d","unit":"CSGT","officers":%d,"radius_m":100,"lon":%.5f,"lat":%.5f,"version":%d}`,
					k, n, lon, lat, versions[k])
				sent.Add(1)
				code, err := send("PUT", fmt.Sprintf("/api/cities/ha-noi/checkpoints/soak-%d", k), body)
				if err != nil || code != 200 {
					if failed.Add(1) <= 5 {
						t.Errorf("update soak-%d: %d %v", k, code, err)
					}
					return
				}
				versions[k]++
				officers[k] = n
				mu.Lock()
				acked[strconv.Itoa(k)]++
				mu.Unlock()
			}()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sent.Add(1)
			code, err := send(method, path, body)
			if err != nil || (code != want && !(want == 200 && code == 204)) {
				if failed.Add(1) <= 5 {
					t.Errorf("%s %s: %d %v", method, path, code, err)
				}
			}
		}()
	}
	wg.Wait()
	rss = append(rss, residentKB(s.cmd.Process.Pid))
	// Every acknowledged write is there: each checkpoint at the last version and value.
	missing, writes := 0, 0
	for k := range pool {
		writes += acked[strconv.Itoa(k)]
		code, body := s.get(t, fmt.Sprintf("/api/cities/ha-noi/checkpoints/soak-%d", k))
		if code != 200 || !strings.Contains(body, fmt.Sprintf(`"version":%d`, versions[k])) || !strings.Contains(body, fmt.Sprintf(`"officers":%d`, officers[k])) {
			missing++
		}
	}
	t.Logf("%v at %d req/s: %d requests, %d failed, %d updates acknowledged, %d checkpoints not at their last acknowledged state; resident KB every 10 s: %v",
		d, rate, sent.Load(), failed.Load(), writes, missing, rss)
	if failed.Load() > 0 || missing > 0 {
		t.Errorf("%d failed requests, %d acknowledged writes missing", failed.Load(), missing)
	}
	if len(rss) > 7 && float64(rss[len(rss)-1]) > 1.5*float64(rss[6]) {
		t.Errorf("memory grew from %d KB after a minute to %d KB", rss[6], rss[len(rss)-1])
	}
}

// residentKB returns a process's resident set size in KB (Linux), or -1.
func residentKB(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return -1
}
