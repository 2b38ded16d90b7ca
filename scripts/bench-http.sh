#!/usr/bin/env bash
# HTTP load on loopback with wrk against bin/chotd: the nearest endpoint, /healthz, and (with
# the OSM extract beside the repository) the route endpoint on the imported Hà Nội network.
# Installs wrk from Debian when missing. Prints requests/s and latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
	apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
port=18080
pbf=../shared/data/osm/hanoi_inner_drive.osm.pbf
maps=()
if [ -f "$pbf" ]; then
	osm=$(mktemp -d)
	./bin/chot import --pbf "$pbf" --city ha-noi-osm --out "$osm" >/dev/null
	maps=(--maps "$osm")
fi
db=$(mktemp -d)
./bin/chotd --addr 127.0.0.1:$port --log-level warn --store "$db/chot.db" "${maps[@]}" 2>"$db/log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$db"; [ -n "${osm:-}" ] && rm -rf "$osm"' EXIT
for _ in $(seq 200); do
	curl -fs http://127.0.0.1:$port/readyz >/dev/null && break
	sleep 0.05
done
# The admin token chotd prints on its first start; every request but /healthz carries it.
export CHOT_TOKEN=$(grep -o '"token":"[^"]*"' "$db/log" | head -1 | cut -d'"' -f4)
cat > /tmp/chot-auth.lua <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CHOT_TOKEN")
LUA
cat > /tmp/chot-nearest.lua <<'LUA'
-- random points over Hà Nội's centre, k=5
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CHOT_TOKEN")
math.randomseed(42)
request = function()
	local lat = 20.98 + math.random() * 0.08
	local lon = 105.78 + math.random() * 0.1
	return wrk.format("GET", string.format("/api/cities/ha-noi/checkpoints/nearest?lat=%.6f&lon=%.6f&k=5", lat, lon))
end
LUA
echo "== nearest k=5 (ha-noi), wrk -t1 -c32 -d10s"
wrk -t1 -c32 -d10s --latency -s /tmp/chot-nearest.lua http://127.0.0.1:$port/
echo "== /healthz, wrk -t1 -c32 -d5s"
wrk -t1 -c32 -d5s http://127.0.0.1:$port/healthz
cat > /tmp/chot-tiles.lua <<'LUA'
-- the 5 x 5 tiles at z15 around Hoàn Kiếm (ha-noi), cached after the first request
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CHOT_TOKEN")
math.randomseed(3)
request = function()
	local x = 26016 + math.random(0, 4)
	local y = 14423 + math.random(0, 4)
	return wrk.format("GET", string.format("/tiles/ha-noi/15/%d/%d.mvt", x, y))
end
LUA
echo "== cached tiles (ha-noi z15), wrk -t1 -c32 -d10s"
wrk -t1 -c32 -d10s --latency -s /tmp/chot-tiles.lua http://127.0.0.1:$port/
if [ ${#maps[@]} -gt 0 ]; then
	cat > /tmp/chot-route.lua <<'LUA'
-- random car routes between two points of inner Hà Nội (OSM extract), no steps
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CHOT_TOKEN")
math.randomseed(7)
local function pt() return 105.80 + math.random() * 0.07, 21.00 + math.random() * 0.035 end -- south of Hồ Tây
request = function()
	local x1, y1 = pt()
	local x2, y2 = pt()
	local body = string.format('{"stops":[[%.6f,%.6f],[%.6f,%.6f]]}', x1, y1, x2, y2)
	return wrk.format("POST", "/api/cities/ha-noi-osm/route", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("CHOT_TOKEN")}, body)
end
response = function(status, headers, body)
	if status ~= 200 then io.stderr:write("status " .. status .. "\n") end
end
LUA
	echo "== route (ha-noi-osm, OSM extract), wrk -t1 -c32 -d10s"
	wrk -t1 -c32 -d10s --latency -s /tmp/chot-route.lua http://127.0.0.1:$port/
fi
