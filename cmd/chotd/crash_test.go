package main

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestCrashKeepsAcknowledgedWrites: chotd takes a burst of checkpoint writes from four
// clients and is killed with SIGKILL in the middle of it. After a restart on the same store,
// every write it acknowledged is there, complete.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	db := filepath.Join(t.TempDir(), "chot.db")
	s := start(t, "--store", db)
	token := s.token
	var mu sync.Mutex
	acked := map[string]int{} // id -> officers
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id, officers := fmt.Sprintf("crash-%d-%d", w, i), 1+(i%100)
				body := fmt.Sprintf(`{"id":%q,"kind":"traffic_post","name":"Chốt %d","unit":"CSGT","officers":%d,"radius_m":100,"lon":105.85,"lat":21.03}`, id, i, officers)
				req, _ := http.NewRequest(http.MethodPost, "http://"+s.addr+"/api/cities/ha-noi/checkpoints", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server is gone
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked[id] = officers
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.cmd.Wait()
	close(stop)
	wg.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d writes acknowledged before the kill", len(acked))
	}

	// The restart reuses the store: no new admin token, the old one still works.
	s2 := start(t, "--store", db)
	s2.token = token
	for id, officers := range acked {
		code, body := s2.get(t, "/api/cities/ha-noi/checkpoints/"+id)
		if code != 200 || !strings.Contains(body, fmt.Sprintf(`"officers":%d`, officers)) || !strings.Contains(body, `"version":1`) {
			t.Fatalf("acknowledged %s is %d %s after the crash", id, code, body)
		}
	}
	t.Logf("%d writes acknowledged before SIGKILL; all there after the restart", len(acked))
}
