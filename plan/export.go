package plan

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"strconv"
	"time"
)

// GPX returns the route as GPX 1.1 for the convoy's GPS units: a track of the route and a
// waypoint per stop with its ETA.
func (r *Result) GPX() []byte {
	type pt struct {
		Lat  float64 `xml:"lat,attr"`
		Lon  float64 `xml:"lon,attr"`
		Time string  `xml:"time,omitempty"`
		Name string  `xml:"name,omitempty"`
	}
	type doc struct {
		XMLName xml.Name `xml:"gpx"`
		Version string   `xml:"version,attr"`
		Creator string   `xml:"creator,attr"`
		NS      string   `xml:"xmlns,attr"`
		Name    string   `xml:"metadata>name"`
		Wpt     []pt     `xml:"wpt"`
		TrkName string   `xml:"trk>name"`
		Trkpt   []pt     `xml:"trk>trkseg>trkpt"`
	}
	d := doc{Version: "1.1", Creator: "chot", NS: "http://www.topografix.com/GPX/1/1", Name: r.Plan.Name, TrkName: r.Plan.Name}
	for i, pl := range r.Route.Places {
		eta := r.Plan.Departure
		if i > 0 {
			eta = r.Route.Legs[i-1].Arrival
		}
		name := r.Plan.Stops[i].Venue
		if name == "" {
			name = fmt.Sprintf("stop %d", i+1)
		}
		d.Wpt = append(d.Wpt, pt{Lat: pl.Point[1], Lon: pl.Point[0], Time: eta.UTC().Format(time.RFC3339), Name: name})
	}
	for _, p := range r.Route.Geometry {
		d.Trkpt = append(d.Trkpt, pt{Lat: p[1], Lon: p[0]})
	}
	b, _ := xml.MarshalIndent(d, "", " ") // the document has only strings and numbers
	return append([]byte(xml.Header), b...)
}

// StaffingCSV returns the staffing list of the diversion points: where, the checkpoint and
// unit that staffs it (or NEEDS OFFICER), its officers, and the time on post (from when the
// junction closes until it reopens), times in loc.
func (r *Result) StaffingCSV(loc *time.Location) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"junction", "lat", "lon", "side_streets", "checkpoint", "unit", "officers", "on_post_from", "on_post_to", "worst_added_s"})
	for _, d := range r.Diversions {
		cp, unit, officers := "NEEDS OFFICER", "", ""
		if c := r.checkpoint(d.Checkpoint); c != nil {
			cp, unit, officers = c.ID+" "+c.Name, c.Unit, strconv.Itoa(c.Officers)
		}
		worst := ""
		if m := d.Worst(); m != nil {
			worst = strconv.FormatFloat(m.AddedSeconds, 'f', 0, 64)
		}
		side := ""
		for i, s := range d.SideStreets {
			if i > 0 {
				side += "; "
			}
			side += s
		}
		w.Write([]string{d.RouteStreet, strconv.FormatFloat(d.Point[1], 'f', 6, 64), strconv.FormatFloat(d.Point[0], 'f', 6, 64),
			side, cp, unit, officers, d.Close.In(loc).Format("2006-01-02 15:04"), d.Reopen.In(loc).Format("2006-01-02 15:04"), worst})
	}
	w.Flush()
	return buf.Bytes()
}
