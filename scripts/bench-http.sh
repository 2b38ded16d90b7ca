#!/usr/bin/env bash
# HTTP load on loopback with wrk: the nearest endpoint and /healthz against bin/chotd.
# Installs wrk from Debian when missing. Prints requests/s and latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
	apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
port=18080
./bin/chotd --addr 127.0.0.1:$port --log-level warn &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
	curl -fs http://127.0.0.1:$port/readyz >/dev/null && break
	sleep 0.05
done
cat > /tmp/chot-nearest.lua <<'LUA'
-- random points over Hà Nội's centre, k=5
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
