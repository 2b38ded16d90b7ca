package plan

import (
	"testing"
	"time"

	"github.com/chotmap/chot/data"
	"github.com/chotmap/chot/routing"
)

// TestEmbeddedCityPlans evaluates an example motorcade in each embedded city.
func TestEmbeddedCityPlans(t *testing.T) {
	cities, err := data.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	plans := map[string][]Stop{
		// Nội Bài → the Government Guest House → the National Convention Center.
		"ha-noi": {{Venue: "san-bay-noi-bai"}, {Venue: "nha-khach-chinh-phu", Dwell: 30 * time.Minute}, {Venue: "ncc"}},
		// Đà Nẵng airport → InterContinental Sun Peninsula → the APEC venue (Ariyana).
		"hoi-an": {{Venue: "dn-sanbay"}, {Venue: "dn-intercon", Dwell: time.Hour}, {Venue: "dn-ariyana"}},
		// Điện Biên airport → the provincial stadium (the parade) → the victory monument.
		"dien-bien": {{Venue: "v-san-bay-dien-bien"}, {Venue: "v-svd-tinh", Dwell: 2 * time.Hour}, {Venue: "v-tuong-dai-d1"}},
	}
	for _, c := range cities {
		t.Run(c.ID, func(t *testing.T) {
			r, err := routing.NewRouter(c)
			if err != nil {
				t.Fatal(err)
			}
			e, err := NewEvaluator(c, r, nil)
			if err != nil {
				t.Fatal(err)
			}
			p := Plan{Name: "mẫu", Stops: plans[c.ID], Departure: time.Date(2026, 5, 7, 7, 0, 0, 0, c.Location),
				Coverage: CoverageSettings{Suggest: 5}}
			res, err := e.Evaluate(p)
			if err != nil {
				t.Fatal(err)
			}
			s := res.Summary
			t.Logf("%s: %.1f km, arrives %s, %d stretches (%.1f km closed), %d diversion points (%d need an officer), covered %.0f%%, %d gaps, %d sites",
				c.ID, s.DistanceM/1000, s.Arrival.Format("15:04"), len(res.Stretches), s.ClosedKm, s.DiversionPoints, s.NeedOfficer,
				100*s.CoveredFraction, s.Gaps, len(res.Suggestions))
			if s.DistanceM < 2000 || len(res.Stretches) == 0 || s.DiversionPoints == 0 || s.CoveredFraction <= 0 {
				t.Errorf("implausible plan: %+v", s)
			}
			checkDiversions(t, e, res)
		})
	}
}
