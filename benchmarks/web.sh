#!/usr/bin/env bash
# Benchmark: the officer's web pages under load (gunicorn, 2 workers, wrk with 20 connections).
#
# Run from the repository root:
#
#     bash benchmarks/web.sh
#
# Seeds a fresh temporary instance folder (SQLite, or DATABASE_URL if set: it must point at an
# empty database) with the demo data scaled up to 1,000 procurements and 20,000 tenders
# (benchmarks/seed_web.py), serves it with gunicorn on a free port of 127.0.0.1, logs in as the
# demo officer and runs wrk for 10 s each against /health (baseline), / (dashboard),
# /procurements/ (list, page 1) and /procurements/?page=30 (a deep page).
#
# Targets: p99 latency under 50 ms at 20 connections for the dashboard and the list pages, each
# serving at least 0.3 times /health's requests per second in the same run; the list paginated so
# its cost does not grow with the table (page 30's p99 at most 1.5 times page 1's).
#
# GUNICORN_ARGS adds options to the server's command line, e.g. to measure what
# "--max-requests 500 --max-requests-jitter 50" costs. This is a measurement: it exits 0 whether or not the targets are met and prints
# TARGET MISSED when one is missed. It exits non-zero only when it cannot measure (the server does
# not start, the login fails). It takes about a minute.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=.venv/bin/python
GUNICORN=.venv/bin/gunicorn
WRK=${WRK:-wrk}
DURATION=10s
THREADS=2
CONNECTIONS=20
TARGET_P99_MS=50
TARGET_RPS_RATIO=0.3
TARGET_DEEP_RATIO=1.5
OFFICER_EMAIL=officer@kommune.example
OFFICER_PASSWORD=demo-officer-2026

for tool in "$PY" "$GUNICORN"; do
    [[ -x $tool ]] || { echo "web.sh: $tool missing; install the project into .venv first" >&2; exit 2; }
done
command -v "$WRK" >/dev/null || { echo "web.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "web.sh: curl is not installed" >&2; exit 2; }

INSTANCE=$(mktemp -d)
export CHECKER_INSTANCE_PATH=$INSTANCE
export CHECKER_SECRET_KEY=benchmark-only-secret-key-not-for-production
unset CHECKER_HTTPS  # plain http on 127.0.0.1: the session cookie must not be Secure
SERVER_PID=

cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -INT "$SERVER_PID" 2>/dev/null || true  # gunicorn: quick shutdown
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$INSTANCE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "web.sh: $*" >&2
    if [[ -s $INSTANCE/gunicorn.log ]]; then
        echo "--- gunicorn log (last 30 lines) ---" >&2
        tail -n 30 "$INSTANCE/gunicorn.log" >&2
    fi
    exit 1
}

echo "== seeding (${DATABASE_URL:+DATABASE_URL}${DATABASE_URL:-SQLite in a temporary instance folder})"
"$PY" benchmarks/seed_web.py 2>"$INSTANCE/seed.log" || { cat "$INSTANCE/seed.log" >&2; fail "seeding failed"; }

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT

echo "== starting gunicorn (2 workers${GUNICORN_ARGS:+, $GUNICORN_ARGS}) on 127.0.0.1:$PORT"
# Newer gunicorn opens a control socket in the home folder; this run needs none.
EXTRA=()
GUNICORN_HELP=$("$GUNICORN" --help 2>/dev/null || true)
if grep -q -- '--no-control-socket' <<<"$GUNICORN_HELP"; then EXTRA=(--no-control-socket); fi
read -r -a MORE <<<"${GUNICORN_ARGS:-}"
"$GUNICORN" -w 2 -b "127.0.0.1:$PORT" "${EXTRA[@]}" "${MORE[@]}" 'checker.web:create_app()' \
    >"$INSTANCE/gunicorn.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "gunicorn exited"
    curl -fsS -o /dev/null "$BASE/health" 2>/dev/null && break
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/health" || fail "gunicorn did not answer /health within 20 s"

echo "== logging in as $OFFICER_EMAIL"
JAR=$INSTANCE/cookies.txt
LOGIN_PAGE=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/login") || fail "GET /login failed"
CSRF=$(printf '%s' "$LOGIN_PAGE" | grep -o '<input[^>]*name="csrf_token"[^>]*>' | head -n 1 \
    | sed -n 's/.*value="\([^"]*\)".*/\1/p' || true)
[[ -n $CSRF ]] || fail "no csrf_token in the login form"
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
    --data-urlencode "csrf_token=$CSRF" --data-urlencode "email=$OFFICER_EMAIL" \
    --data-urlencode "password=$OFFICER_PASSWORD" "$BASE/login") || fail "POST /login failed"
[[ $STATUS == 302 ]] || fail "login answered $STATUS, expected 302 (redirect to the dashboard)"
SESSION=$(awk '$6 == "session" { print $7 }' "$JAR" | tail -n 1)
[[ -n $SESSION ]] || fail "no session cookie after login"
COOKIE="Cookie: session=$SESSION"

check_page() {  # path, marker that only the logged-in page has
    local body status
    body=$(curl -sS -H "$COOKIE" -w '\n%{http_code}' "$BASE$1") || fail "GET $1 failed"
    status=${body##*$'\n'}
    [[ $status == 200 ]] || fail "GET $1 with the session cookie answered $status, expected 200"
    grep -q "$2" <<<"$body" || fail "GET $1 did not return the expected page (marker $2 missing)"
    ! grep -q 'name="password"' <<<"$body" || fail "GET $1 returned the login page"
}
check_page / 'id="by-state"'
check_page /procurements/ 'class="pager"'
check_page '/procurements/?page=30' 'class="pager"'

# Warm up both workers (templates compiled, connections open) before measuring.
for path in /health / /procurements/ '/procurements/?page=30'; do
    for _ in $(seq 10); do curl -sS -o /dev/null -H "$COOKIE" "$BASE$path"; done
done

ENDPOINTS=(/health / /procurements/ '/procurements/?page=30')
NAMES=("health (baseline)" "dashboard" "list, page 1" "list, page 30")
declare -a RPS P99 NOTES

to_ms() {  # wrk's latency with unit (123.45us, 12.34ms, 1.23s, 2.00m) in ms
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

for i in "${!ENDPOINTS[@]}"; do
    path=${ENDPOINTS[$i]}
    echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $path"
    out=$("$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$COOKIE" "$BASE$path") \
        || fail "wrk failed on $path"
    RPS[$i]=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    P99[$i]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    note=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | sed 's/^ *//' | paste -sd ';' - || true)
    NOTES[$i]=$note
    [[ -n ${RPS[$i]} && -n ${P99[$i]} ]] || fail "could not read wrk's output for $path: $out"
done

echo
echo "== results: gunicorn -w 2, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc 2>/dev/null || echo '?') CPUs"
printf '%-18s %-24s %10s %10s %12s %12s\n' endpoint path "req/s" "p99 ms" "req/s ratio" "p99 ratio"
for i in "${!ENDPOINTS[@]}"; do
    awk -v n="${NAMES[$i]}" -v p="${ENDPOINTS[$i]}" -v r="${RPS[$i]}" -v l="${P99[$i]}" \
        -v r0="${RPS[0]}" -v l0="${P99[0]}" 'BEGIN {
        printf "%-18s %-24s %10.1f %10.2f %12.3f %12.1f\n", n, p, r, l, r / r0, (l0 > 0 ? l / l0 : 0) }'
done
for i in "${!ENDPOINTS[@]}"; do
    [[ -z ${NOTES[$i]} ]] || echo "note: ${ENDPOINTS[$i]}: ${NOTES[$i]} (errors make the numbers unreliable)"
done

echo
echo "== targets"
missed=0
verdict() {  # ok(1/0), text
    if [[ $1 == 1 ]]; then echo "ok             $2"; else echo "TARGET MISSED  $2"; missed=1; fi
}
for i in 1 2 3; do
    ok=$(awk -v l="${P99[$i]}" -v t="$TARGET_P99_MS" 'BEGIN { print (l < t) ? 1 : 0 }')
    verdict "$ok" "$(printf '%s p99 %.2f ms < %s ms at %s connections' "${NAMES[$i]}" "${P99[$i]}" "$TARGET_P99_MS" "$CONNECTIONS")"
    ratio=$(awk -v r="${RPS[$i]}" -v r0="${RPS[0]}" 'BEGIN { printf "%.3f", (r0 > 0 ? r / r0 : 0) }')
    ok=$(awk -v q="$ratio" -v t="$TARGET_RPS_RATIO" 'BEGIN { print (q >= t) ? 1 : 0 }')
    verdict "$ok" "$(printf '%s serves %s times /health'"'"'s req/s >= %s' "${NAMES[$i]}" "$ratio" "$TARGET_RPS_RATIO")"
done
deep=$(awk -v a="${P99[3]}" -v b="${P99[2]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
ok=$(awk -v d="$deep" -v t="$TARGET_DEEP_RATIO" 'BEGIN { print (d <= t) ? 1 : 0 }')
verdict "$ok" "pagination: page 30 p99 / page 1 p99 = $deep <= $TARGET_DEEP_RATIO (cost does not grow with the table)"
if [[ $missed == 1 ]]; then
    echo "TARGET MISSED: see above"
else
    echo "all targets met"
fi
exit 0
