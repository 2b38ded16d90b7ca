package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Debian chromium for the end-to-end tests, with the flags that
// make MapLibre's WebGL work without a GPU. Without chromium the test is skipped, except
// under CI (CI=true), where it fails: .ci/run installs it.
func browser(t testing.TB) (context.Context, *consoleLog) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is missing: .ci/run installs it with apt-get install -y chromium")
		}
		t.Skip("skipping: chromium is not installed (apt-get install -y chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.WindowSize(1280, 800)}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "enable-unsafe-swiftshader", "disable-background-networking",
		"disable-component-update", "disable-sync", "disable-quic", "no-first-run", "no-default-browser-check"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	opts = append(opts, chromedp.Flag("use-angle", "swiftshader"))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatal(err)
	}
	log := &consoleLog{}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			log.add(m)
		}
	}()
	return ctx, log
}

// consoleLog collects the page's console errors and uncaught exceptions.
type consoleLog struct {
	mu     sync.Mutex
	errors []string
}

func (l *consoleLog) add(m chromedp.ConsoleMessage) {
	if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors = append(l.errors, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line))
}

func (l *consoleLog) reset() {
	time.Sleep(200 * time.Millisecond) // let the page's last messages arrive
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors = nil
}

func (l *consoleLog) check(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.errors {
		t.Errorf("console %s", e)
	}
	l.errors = nil
}

// waitJS polls a JavaScript condition until it is true.
func waitJS(ctx context.Context, cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %v waiting for %s (last error %v)", timeout, cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// idle is true when the map has loaded its style and tiles and is not moving.
const idle = `!!(window.chot && window.chot.map && window.chot.map.loaded() && window.chot.map.areTilesLoaded() && !window.chot.map.isMoving())`

func rendered(ctx context.Context, layer string) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(
		`window.chot.map.getLayer(%q) ? window.chot.map.queryRenderedFeatures({layers: [%[1]q]}).length : -1`, layer)))
}

// screenshot saves the page under the test's output folder (CHOT_ARTIFACTS, or the
// system's temporary folder) and logs where.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("CHOT_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "chot-e2e")
	}
	os.MkdirAll(dir, 0o755)
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the window as a planner sees it
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Error(err)
		return
	}
	t.Logf("screenshot: %s", p)
}

func TestBrowser(t *testing.T) {
	ctx, console := browser(t)
	s := start(t)
	// Without a token the page asks for one (the API's 401 is a console error the browser
	// logs itself, so the log is cleared after).
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+s.addr+"/")); err != nil {
		t.Fatal(err)
	}
	if err := waitJS(ctx, `!!document.querySelector('[data-testid="signin"]')`, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	console.reset()
	// The login link chotd prints signs the browser in.
	begin := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+s.addr+"/?city=ha-noi#token="+s.token)); err != nil {
		t.Fatal(err)
	}
	if err := waitJS(ctx, `document.body.dataset.ready === "1"`, 30*time.Second); err != nil {
		console.check(t)
		t.Fatal(err)
	}
	t.Logf("page ready (map idle, tiles drawn) in %v", time.Since(begin).Round(time.Millisecond))
	console.check(t)
	for _, city := range []string{"ha-noi", "hoi-an", "dien-bien"} {
		t.Run(city, func(t *testing.T) {
			js := fmt.Sprintf(`(() => { const s = document.querySelector('[data-testid="city-select"]'); s.value = %q; s.dispatchEvent(new Event('change')); return true })()`, city)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			if err := waitJS(ctx, idle, 30*time.Second); err != nil {
				t.Fatal(err)
			}
			if n, err := rendered(ctx, "roads"); err != nil || n == 0 {
				t.Errorf("roads rendered: %d, %v", n, err)
			}
			// The embedded maps say who drew them.
			if attr, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? ''`)); err != nil || !strings.Contains(attr, "© dự án chot") {
				t.Errorf("attribution %q, %v", attr, err)
			}
			console.check(t)
			screenshot(t, ctx, "city-"+city)
		})
	}
	t.Run("plan", func(t *testing.T) {
		// Hà Nội: Nội Bài → the Government Guest House → the National Convention Center.
		js := `(() => { const s = document.querySelector('[data-testid="city-select"]'); s.value = 'ha-noi'; s.dispatchEvent(new Event('change')); return true })()`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
			t.Fatal(err)
		}
		if err := waitJS(ctx, `!!document.querySelector('#venue-select option[value="ncc"]')`, 15*time.Second); err != nil {
			t.Fatal(err)
		}
		add := `(() => { const sel = document.querySelector('#venue-select');
			for (const id of ['san-bay-noi-bai', 'nha-khach-chinh-phu', 'ncc']) { sel.value = id; document.querySelector('#add-venue-stop').click(); }
			document.querySelector('[data-testid="evaluate"]').click();
			return document.querySelectorAll('[data-testid="stop"]').length })()`
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](add))
		if err != nil || n != 3 {
			t.Fatalf("%d stops, %v", n, err)
		}
		if err := waitJS(ctx, `document.body.dataset.planDrawn === "1"`, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		if n, _ := rendered(ctx, "plan-route"); n <= 0 {
			t.Errorf("plan route rendered: %d", n)
		}
		// The time slider: at departure part of the route is closed; at its end every closure
		// has reopened, and the map draws none.
		count := `Number(document.querySelector('[data-testid="closed-count"]').dataset.count)`
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](count)); err != nil || n <= 0 {
			t.Errorf("closed at departure: %d, %v", n, err)
		}
		slide := `(() => { const s = document.querySelector('[data-testid="time-slider"]'); s.value = s.max; s.dispatchEvent(new Event('input')); return true })()`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](slide)); err != nil {
			t.Fatal(err)
		}
		if err := waitJS(ctx, count+` === 0`, 5*time.Second); err != nil {
			t.Error(err)
		}
		if err := waitJS(ctx, idle, 15*time.Second); err != nil {
			t.Fatal(err)
		}
		if n, _ := rendered(ctx, "plan-closures"); n != 0 {
			t.Errorf("closures drawn after every one reopened: %d", n)
		}
		summary, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="summary"]').innerText`))
		if !strings.Contains(summary, "km") {
			t.Errorf("summary %q", summary)
		}
		console.check(t)
		screenshot(t, ctx, "plan-ha-noi")
	})
	t.Run("edit", func(t *testing.T) {
		// The admin adds a checkpoint: the button, a click on the map, the form, save.
		if err := waitJS(ctx, `!document.getElementById('edit-section').hidden`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[data-testid="checkpoint-add"]').click(), true)`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(900, 300)); err != nil {
			t.Fatal(err)
		}
		if err := waitJS(ctx, `!!document.querySelector('[data-testid="checkpoint-form"]')`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		fill := `(() => { const f = document.querySelector('[data-testid="checkpoint-form"]');
			f.elements.name.value = 'Chốt thử nghiệm'; f.elements.unit.value = 'Đội CSGT số 1';
			f.querySelector('[data-testid="checkpoint-save"]').click(); return true })()`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fill)); err != nil {
			t.Fatal(err)
		}
		if err := waitJS(ctx, `document.body.dataset.edited === "1"`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		code, body := s.get(t, "/api/cities/ha-noi/audit?limit=1")
		if code != 200 || !strings.Contains(body, `"action":"create"`) || !strings.Contains(body, `"actor":"admin"`) || !strings.Contains(body, "Chốt thử nghiệm") {
			t.Errorf("audit after the edit: %d %s", code, body)
		}
		if err := waitJS(ctx, idle, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		console.check(t)
	})
	t.Run("drag", func(t *testing.T) {
		// The admin drags the checkpoint just added 80 px right and 50 px down: it is saved
		// where it was dropped, and the map draws it there from the new tiles.
		const find = `(() => { const m = window.chot.map, r = m.getCanvas().getBoundingClientRect();
			const f = m.queryRenderedFeatures({layers: ['checkpoints']}).find((f) => f.properties.name === 'Chốt thử nghiệm');
			if (!f) return '';
			const p = m.project(f.geometry.coordinates);
			return JSON.stringify({x: r.left + p.x, y: r.top + p.y, left: r.left, top: r.top, id: String(f.properties.id)}) })()`
		type spot struct {
			X, Y, Left, Top float64
			ID              string
		}
		locate := func() (spot, error) {
			var sp spot
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](find))
			if err == nil && text == "" {
				err = fmt.Errorf("the added checkpoint is not drawn")
			}
			if err == nil {
				err = json.Unmarshal([]byte(text), &sp)
			}
			return sp, err
		}
		// The plan left the map at a zoom without checkpoints: zoom in on the added one.
		code, body := s.get(t, "/api/cities/ha-noi/audit?limit=1")
		var audit struct {
			Entries []struct {
				After struct{ Lon, Lat float64 }
			}
		}
		if err := json.Unmarshal([]byte(body), &audit); code != 200 || err != nil || len(audit.Entries) != 1 {
			t.Fatalf("audit: %d %s", code, body)
		}
		added := audit.Entries[0].After
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(window.chot.map.jumpTo({center: [%f, %f], zoom: 15}), true)`, added.Lon, added.Lat))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		if err := waitJS(ctx, idle, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		from, err := locate()
		if err != nil {
			t.Fatal(err)
		}
		// Mouse events land on whole CSS pixels.
		to := spot{X: math.Round(from.X + 80), Y: math.Round(from.Y + 50)}
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.MouseEvent(chromedp.MouseMoved, from.X, from.Y),
			chromedp.MouseEvent(chromedp.MousePressed, from.X, from.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		}
		for i := 1; i <= 8; i++ {
			f := float64(i) / 8
			steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, from.X+f*(to.X-from.X), from.Y+f*(to.Y-from.Y), chromedp.ButtonLeft))
		}
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, to.X, to.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
		if err := waitJS(ctx, `document.body.dataset.edited === "2"`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		code, body = s.get(t, "/api/cities/ha-noi/checkpoints/"+from.ID)
		var cp struct {
			Geometry struct{ Coordinates []float64 }
		}
		if err := json.Unmarshal([]byte(body), &cp); code != 200 || err != nil || len(cp.Geometry.Coordinates) != 2 {
			t.Fatalf("checkpoint %s after the drag: %d %s", from.ID, code, body)
		}
		// The saved position must be where the mouse let go, to within a pixel.
		got := cp.Geometry.Coordinates
		px, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(
			`(() => { const p = window.chot.map.project([%f, %f]); return [p.x, p.y] })()`, got[0], got[1])))
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Hypot(px[0]+from.Left-to.X, px[1]+from.Top-to.Y); d > 1 {
			t.Errorf("checkpoint saved at %.6f,%.6f, %.1f px from where it was dropped", got[0], got[1], d)
		}
		if code, body := s.get(t, "/api/cities/ha-noi/audit?limit=1"); code != 200 || !strings.Contains(body, `"action":"update"`) || !strings.Contains(body, from.ID) {
			t.Errorf("audit after the drag: %d %s", code, body)
		}
		if err := waitJS(ctx, idle, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		at, err := locate()
		if err != nil {
			t.Fatal(err)
		}
		if math.Hypot(at.X-to.X, at.Y-to.Y) > 3 {
			t.Errorf("after the drag the checkpoint is drawn at %.0f,%.0f, dropped at %.0f,%.0f (from %.0f,%.0f)", at.X, at.Y, to.X, to.Y, from.X, from.Y)
		}
		console.check(t)
		screenshot(t, ctx, "drag")
	})
	t.Run("search", func(t *testing.T) {
		// Without diacritics: "nha tho lon" finds Nhà thờ Lớn, and a click flies there.
		typeIn := `(() => { const s = document.querySelector('[data-testid="search"]'); s.value = 'nha tho lon'; s.dispatchEvent(new Event('input')); return true })()`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](typeIn)); err != nil {
			t.Fatal(err)
		}
		first := `document.querySelector('[data-testid="search-result"]')`
		if err := waitJS(ctx, `(`+first+`?.textContent ?? '').includes('Nhà thờ Lớn')`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(`+first+`.click(), true)`)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		if err := waitJS(ctx, idle, 15*time.Second); err != nil {
			t.Fatal(err)
		}
		code, body := s.get(t, "/api/cities/ha-noi/venues/search?q=nha+tho+lon")
		var found struct {
			Features []struct {
				Geometry struct{ Coordinates []float64 }
			}
		}
		if err := json.Unmarshal([]byte(body), &found); code != 200 || err != nil || len(found.Features) == 0 {
			t.Fatalf("search API: %d %.200s", code, body)
		}
		want := found.Features[0].Geometry.Coordinates
		centre, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const c = window.chot.map.getCenter(); return [c.lng, c.lat, window.chot.map.getZoom()] })()`))
		if err != nil || math.Abs(centre[0]-want[0]) > 1e-4 || math.Abs(centre[1]-want[1]) > 1e-4 || centre[2] < 15.9 {
			t.Errorf("map at %v after the click, want the venue %v at zoom 16 (%v)", centre, want, err)
		}
		console.check(t)
	})
	t.Run("language", func(t *testing.T) {
		// English labels the panel and the venues in English; a second click goes back.
		label := `document.querySelector('[data-testid="legend"]').innerText.includes(%q)`
		field := `JSON.stringify(window.chot.map.getLayoutProperty('venue-labels', 'text-field')).includes('name_en')`
		click := `(document.querySelector('[data-testid="lang-toggle"]').click(), true)`
		for _, step := range []struct {
			word string
			en   bool
		}{{"Roads", true}, {"Đường", false}} {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](click)); err != nil {
				t.Fatal(err)
			}
			if err := waitJS(ctx, fmt.Sprintf(label, step.word), 5*time.Second); err != nil {
				t.Error(err)
			}
			if en, err := chromedp.Run(ctx, chromedp.Evaluate[bool](field)); err != nil || en != step.en {
				t.Errorf("venue labels use name_en: %v, want %v (%v)", en, step.en, err)
			}
		}
		console.check(t)
	})
	t.Run("nearest", func(t *testing.T) {
		// Over Hoàn Kiếm Lake, where checkpoints are dense.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.chot.map.jumpTo({center: [105.8523, 21.0285], zoom: 15}), true)`)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		if err := waitJS(ctx, idle, 30*time.Second); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(800, 330)); err != nil {
			t.Fatal(err)
		}
		if err := waitJS(ctx, `document.querySelectorAll('[data-testid="nearest-list"] [data-testid="nearest-distance"]').length === 5`, 15*time.Second); err != nil {
			t.Fatal(err)
		}
		// Every listed checkpoint shows its distance, in m or km, nearest first.
		check := `(() => { const cells = [...document.querySelectorAll('[data-testid="nearest-list"] li [data-testid="nearest-distance"]')];
			const n = document.querySelectorAll('[data-testid="nearest-list"] li').length;
			const m = cells.map((c) => { const x = /^([\d.,]+)\s*(km|m)$/.exec(c.textContent.trim()); if (!x) return NaN;
				const v = parseFloat(x[1].replace(/\./g, '').replace(',', '.')); return x[2] === 'km' ? v * 1000 : v; });
			return n === 5 && cells.length === n && m.every((v, i) => !isNaN(v) && (i === 0 || v >= m[i - 1])) })()`
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check)); err != nil || !ok {
			items, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify([...document.querySelectorAll('[data-testid="nearest-distance"]')].map((c) => c.textContent))`))
			t.Errorf("nearest list %q: want 5 checkpoints with distances, nearest first (%v)", items, err)
		}
		if err := waitJS(ctx, idle, 15*time.Second); err != nil {
			t.Fatal(err)
		}
		if n, _ := rendered(ctx, "nearest-lines"); n <= 0 {
			t.Errorf("nearest lines rendered: %d", n)
		}
		// Hoàn Kiếm Lake is drawn under the streets.
		if n, _ := rendered(ctx, "areas"); n <= 0 {
			t.Errorf("areas rendered over Hoàn Kiếm: %d", n)
		}
		console.check(t)
		chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[data-testid="nearest-list"]').scrollIntoView(), true)`))
		screenshot(t, ctx, "nearest")
	})
}
