#!/usr/bin/env bash
# End-to-end check of `bin/topicguard serve` with Debian's mosquitto clients (issue 3):
# a password file made by mosquitto_passwd, publish/subscribe at QoS 0 and 1 (MQTT 3.1.1 and 5),
# refused logins, a denied subscription, a retained message, and TLS (server-authenticated and
# mutual, with the client certificate's CN reaching the policy as `cn`).
#
# Needs: bin/topicguard (after `mvn verify`), mosquitto_pub, mosquitto_sub, mosquitto_passwd,
# openssl. Every wait is bounded; the broker is always stopped. Last line: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

WAIT_SECONDS=${E2E_WAIT_SECONDS:-10}     # upper bound for every single wait below
QUIET_SECONDS=${E2E_QUIET_SECONDS:-4}    # how long a subscriber that must receive nothing listens
# The launcher starts a JVM, and rebuilds the jar first when sources are newer: allow for that.
START_SECONDS=${E2E_START_SECONDS:-180}
work=$(mktemp -d "${TMPDIR:-/tmp}/topicguard-e2e.XXXXXX")
broker_pid=""
passed=0
failed=0

cleanup() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null
    # SIGTERM stops the broker cleanly; give it a bounded moment, then insist.
    for _ in $(seq 1 50); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$broker_pid" 2>/dev/null
    wait "$broker_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL - $1"
  [ $# -gt 1 ] && printf '       %s\n' "${@:2}"
}

# A TCP port nobody listens on (probing, since bash cannot bind). Small race, fine for CI.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

# Polls until something listens on the port, the broker dies, or START_SECONDS pass.
wait_for_port() {
  local port=$1 deadline=$((SECONDS + START_SECONDS))
  while [ $SECONDS -lt $deadline ]; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$broker_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Polls until FILE contains PATTERN (bounded).
wait_for_line() {
  local file=$1 pattern=$2 deadline=$((SECONDS + WAIT_SECONDS))
  while [ $SECONDS -lt $deadline ]; do
    grep -q -- "$pattern" "$file" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# ---- fixtures: password file, policy, certificates ----

for tool in mosquitto_pub mosquitto_sub mosquitto_passwd openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "e2e: $tool is missing"; echo "0 passed, 1 failed"; exit 1; }
done
TOPICGUARD=${TOPICGUARD:-bin/topicguard}   # override to try another build
[ -x "$TOPICGUARD" ] || { echo "e2e: $TOPICGUARD is missing (run mvn verify first)"; echo "0 passed, 1 failed"; exit 1; }

mosquitto_passwd -b -c "$work/passwd" alice alice-secret 2>/dev/null
mosquitto_passwd -b "$work/passwd" bob bob-secret 2>/dev/null

cat > "$work/policy.acl" <<'EOF'
default deny
anonymous deny
allow username "alice" to publish, subscribe "e2e/alice/#"
allow username "bob" to publish "e2e/secret/#"
allow cn "e2e-device" to publish, subscribe "e2e/device/#"
EOF

# A CA, a server certificate for 127.0.0.1/localhost and a client certificate, all throwaway.
(
  cd "$work" || exit 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=e2e CA" \
    -keyout ca-key.pem -out ca.pem
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout server-key.pem -out server.csr
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
    -extfile server.ext -out server.pem
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=e2e-device" \
    -keyout client-key.pem -out client.csr
  printf 'extendedKeyUsage=clientAuth\n' > client.ext
  openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
    -extfile client.ext -out client.pem
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=other CA" \
    -keyout other-ca-key.pem -out other-ca.pem
) >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; echo "0 passed, 1 failed"; exit 1; }

# ---- the broker ----

port=$(free_port) || exit 1
tls_port=$(free_port) || exit 1
while [ "$tls_port" = "$port" ]; do tls_port=$(free_port) || exit 1; done
"$TOPICGUARD" serve --policy "$work/policy.acl" --passwd "$work/passwd" --port "$port" \
  --tls-port "$tls_port" --cert "$work/server.pem" --key "$work/server-key.pem" --cafile "$work/ca.pem" \
  >"$work/broker.log" 2>&1 &
broker_pid=$!
if wait_for_port "$port" && wait_for_port "$tls_port"; then
  pass "broker listens on $port (tcp) and $tls_port (tls)"
else
  fail "broker did not listen within ${START_SECONDS}s" "$(tail -n 20 "$work/broker.log")"
  echo "$passed passed, $failed failed"; exit 1
fi

sub_count=0
# Subscribes in the background (one message, bounded), waits for the SUBACK, then runs the
# publisher; finally checks what the subscriber printed.
#   roundtrip NAME EXPECT SUB_ARGS... -- PUB_ARGS...
# EXPECT is the payload that must arrive, or "" when nothing may arrive.
roundtrip() {
  local name=$1 expect=$2; shift 2
  local sub_args=() pub_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do sub_args+=("$1"); shift; done
  shift
  pub_args=("$@")
  sub_count=$((sub_count + 1))
  local out="$work/sub-$sub_count.out" listen=$WAIT_SECONDS
  [ -z "$expect" ] && listen=$QUIET_SECONDS
  # -d prints "received SUBACK", which tells us the subscription is in place before publishing.
  # stdbuf: mosquitto_sub writes to a file through stdio, which would hold the lines back until it exits.
  timeout $((WAIT_SECONDS + 5)) stdbuf -oL mosquitto_sub -d -h 127.0.0.1 -C 1 -W "$listen" "${sub_args[@]}" >"$out" 2>&1 &
  local sub_pid=$!
  if ! wait_for_line "$out" "received SUBACK"; then
    kill "$sub_pid" 2>/dev/null; wait "$sub_pid" 2>/dev/null
    fail "$name: no SUBACK" "$(cat "$out")"; return
  fi
  local pub_out
  if ! pub_out=$(timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 "${pub_args[@]}" 2>&1); then
    kill "$sub_pid" 2>/dev/null; wait "$sub_pid" 2>/dev/null
    fail "$name: publisher failed" "$pub_out"; return
  fi
  if [ -n "$expect" ]; then
    wait "$sub_pid"
    if grep -qx -- "$expect" "$out"; then pass "$name"; else fail "$name: '$expect' did not arrive" "$(cat "$out")"; fi
  else
    # Nothing may arrive: the subscriber runs into its -W timeout (or is told it was denied).
    wait "$sub_pid"
    if grep -q "PUBLISH" "$out"; then fail "$name: a message arrived" "$(cat "$out")"; else pass "$name"; fi
  fi
}

alice=(-u alice -P alice-secret)
tls_server=(-p "$tls_port" --cafile "$work/ca.pem")
tls_client=(--cert "$work/client.pem" --key "$work/client-key.pem")

roundtrip "QoS 0 publish and receive (MQTT 3.1.1)" "hello-0" \
  -p "$port" "${alice[@]}" -i e2e-sub-0 -q 0 -t e2e/alice/t -- \
  -p "$port" "${alice[@]}" -i e2e-pub-0 -q 0 -t e2e/alice/t -m hello-0

roundtrip "QoS 1 publish and receive (MQTT 3.1.1)" "hello-1" \
  -p "$port" "${alice[@]}" -i e2e-sub-1 -q 1 -t e2e/alice/t -- \
  -p "$port" "${alice[@]}" -i e2e-pub-1 -q 1 -t e2e/alice/t -m hello-1

roundtrip "QoS 1 publish and receive (MQTT 5)" "hello-v5" \
  -V mqttv5 -p "$port" "${alice[@]}" -i e2e-sub-5 -q 1 -t e2e/alice/t -- \
  -V mqttv5 -p "$port" "${alice[@]}" -i e2e-pub-5 -q 1 -t e2e/alice/t -m hello-v5

if out=$(timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 -p "$port" -u alice -P wrong -i e2e-badpw \
    -t e2e/alice/t -m x 2>&1); then
  fail "wrong password is refused" "mosquitto_pub succeeded: $out"
else
  pass "wrong password is refused (${out%%$'\n'*})"
fi

if out=$(timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 -p "$port" -i e2e-anon -t e2e/alice/t -m x 2>&1); then
  fail "anonymous client is refused" "mosquitto_pub succeeded: $out"
else
  pass "anonymous client is refused (${out%%$'\n'*})"
fi

roundtrip "denied subscription receives nothing" "" \
  -p "$port" "${alice[@]}" -i e2e-sub-denied -q 1 -t 'e2e/secret/#' -- \
  -p "$port" -u bob -P bob-secret -i e2e-pub-secret -q 1 -t e2e/secret/plans -m leaked

if timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 -p "$port" "${alice[@]}" -i e2e-retain -q 1 -r \
    -t e2e/alice/retained -m kept >"$work/retain.out" 2>&1; then
  if out=$(timeout $((WAIT_SECONDS + 5)) mosquitto_sub -h 127.0.0.1 -p "$port" "${alice[@]}" -i e2e-sub-retain \
      -C 1 -W "$WAIT_SECONDS" -t e2e/alice/retained 2>&1) && [ "$out" = "kept" ]; then
    pass "retained message arrives on subscribe"
  else
    fail "retained message arrives on subscribe" "$out"
  fi
  timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 -p "$port" "${alice[@]}" -i e2e-retain -r -n \
    -t e2e/alice/retained >/dev/null 2>&1
else
  fail "retained message arrives on subscribe" "$(cat "$work/retain.out")"
fi

roundtrip "TLS with --cafile: publish and receive" "over-tls" \
  "${tls_server[@]}" "${alice[@]}" -i e2e-tls-sub -q 1 -t e2e/alice/tls -- \
  "${tls_server[@]}" "${alice[@]}" -i e2e-tls-pub -q 1 -t e2e/alice/tls -m over-tls

roundtrip "mutual TLS: the client certificate's CN reaches the policy" "from-device" \
  "${tls_server[@]}" "${tls_client[@]}" "${alice[@]}" -i e2e-mtls-sub -q 1 -t e2e/device/1 -- \
  "${tls_server[@]}" "${tls_client[@]}" "${alice[@]}" -i e2e-mtls-pub -q 1 -t e2e/device/1 -m from-device

roundtrip "TLS without a client certificate gets no cn rights" "" \
  "${tls_server[@]}" "${alice[@]}" -i e2e-nocert-sub -q 1 -t e2e/device/1 -- \
  "${tls_server[@]}" "${tls_client[@]}" "${alice[@]}" -i e2e-nocert-pub -q 1 -t e2e/device/1 -m not-for-you

if out=$(timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 -p "$tls_port" --cafile "$work/other-ca.pem" \
    "${alice[@]}" -i e2e-notrust -t e2e/alice/t -m x 2>&1); then
  fail "TLS client that does not trust the broker fails" "mosquitto_pub succeeded: $out"
elif wait_for_line "$work/broker.log" "TLS handshake from 127.0.0.1:[0-9]* failed: the client .*the broker's certificate"; then
  pass "TLS client that does not trust the broker fails, and the broker says why"
else
  fail "TLS client that does not trust the broker: no handshake line in the broker log" "$(tail -n 5 "$work/broker.log")"
fi

# Without --cafile mosquitto_pub speaks plain MQTT, here to the TLS port.
if out=$(timeout "$WAIT_SECONDS" mosquitto_pub -h 127.0.0.1 -p "$tls_port" "${alice[@]}" -i e2e-plain-to-tls \
    -t e2e/alice/t -m x 2>&1); then
  fail "plain MQTT to the TLS port fails" "mosquitto_pub succeeded: $out"
elif wait_for_line "$work/broker.log" "TLS handshake from 127.0.0.1:[0-9]* failed: the client did not speak TLS"; then
  pass "plain MQTT to the TLS port fails, and the broker says why"
else
  fail "plain MQTT to the TLS port: no handshake line in the broker log" "$(tail -n 5 "$work/broker.log")"
fi

if [ "$failed" -gt 0 ]; then
  echo "---- broker log (last 40 lines) ----"
  tail -n 40 "$work/broker.log"; echo
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
