#!/usr/bin/env bash
# Runs every benchmark of issues 4, 17, 19 and 20 and writes docs/BENCHMARKS.md from the results.
#
#   jmh/run-benchmarks.sh          short profile: under an hour on a 2-core machine
#   jmh/run-benchmarks.sh --full   longer iterations, more forks, 1,000,000 rules for every baseline
#   jmh/run-benchmarks.sh --smoke  a few minutes, tiny sizes: proves the pipeline end to end; its report
#                                  goes to bench-results/RUN/BENCHMARKS.md, never to docs/
#   jmh/run-benchmarks.sh [--full | --smoke] --steps connect,memory
#                                  only those steps (names below); the report rewrites their sections and
#                                  keeps every other section of docs/BENCHMARKS.md as it was, marked with
#                                  the date of the run that wrote it
#
# Steps, in order: publish checks baselines publish-baselines bind parse cache (JMH), footprint,
# load (broker messages), authz (decision service), hivemq (HiveMQ extension), connect (connect
# storm), memory (memory per client), fanout, persistence.
# A new step: a name in $all_steps, a block "if want NAME; then ...; fi" writing JSON into $run_dir,
# and a section of the report that reads it (io.topicguard.jmh.report.StepSection).
#
# Run it on a quiet machine: anything else using the cores turns the figures into noise.
# Raw results stay in bench-results/RUN/ (git-ignored); the report is the only file written in the tree.
set -euo pipefail
cd "$(dirname "$0")/.."

all_steps="publish checks baselines publish-baselines bind parse cache footprint load authz hivemq connect memory fanout persistence"
usage="usage: jmh/run-benchmarks.sh [--full | --smoke] [--steps STEP,STEP,...]   (steps: ${all_steps// /,})"
profile=short
steps=""
while [ $# -gt 0 ]; do
  case "$1" in
    --full) profile=full ;;
    --smoke) profile=smoke ;;
    --steps)
      [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
      steps="$2"; shift
      for step in ${steps//,/ }; do
        case " $all_steps " in *" $step "*) ;; *) echo "unknown step '$step'; $usage" >&2; exit 2 ;; esac
      done ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
# Whether a step runs: every step without --steps, else the ones named. A step that runs starts the
# clock of its own duration (step_clock), so the run says where its hour went.
want() {
  if [ -z "$steps" ] || case ",$steps," in *",$1,"*) true ;; *) false ;; esac; then
    step_clock "$1"
  else
    return 1
  fi
}
current_step=""
step_clock() {
  local now
  now=$(date +%s)
  if [ -n "$current_step" ]; then echo "$current_step $((now - step_started))" >>"$run_dir/step-seconds"; fi
  current_step=$1
  step_started=$now
}

started=$(date +%s)
run_dir="bench-results/$(date -u +%Y%m%dT%H%M%SZ)-$profile"
mkdir -p "$run_dir"
# The report shows the load around the run: figures taken while other work used the cores are noise.
cat /proc/loadavg >"$run_dir/loadavg-start"
jar=jmh/target/benchmarks.jar

# The load generator compares with Debian's mosquitto; install it when absent.
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "== installing mosquitto"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq mosquitto >/dev/null
  # The package starts a system-wide broker on 1883; the benchmark starts its own on a free port.
  $sudo systemctl stop mosquitto >/dev/null 2>&1 || true
fi

echo "== building $jar"
mvn -q -pl jmh -am package -DskipTests

report=docs/BENCHMARKS.md
footprint_rules=1000000
if [ "$profile" = smoke ]; then
  jmh_opts=(-f 1 -wi 1 -w 100ms -i 1 -r 100ms)
  publish_opts=("${jmh_opts[@]}")
  parse_opts=(-f 1 -wi 1 -w 100ms -i 1 -r 100ms)
  publish_sizes=10,1000
  other_sizes=10
  bind_sizes=10,1000
  slow_sizes=10,1000
  parse_sizes=10
  footprint_rules=10000
  load_sizes=1,1000
  load_opts=(--warmup 0.2 --seconds 0.5 --max-messages 2000000 --rounds 2)
  cache_opts=("${jmh_opts[@]}")
  cache_methods='publish'
  cache_params=(-p hitRatio=100,0 -p depth=3 -p policy=EXACT,REGEX)
  connect_opts=(--clients 300 --rules 1,1000)
  memory_opts=(--clients 300,600)
  fanout_opts=(--subscribers 50 --warmup 0.5 --seconds 1)
  persistence_opts=(--pairs 2 --warmup 0.5 --seconds 1 --retained 2000 --sessions 100 --queued 10)
  report="$run_dir/BENCHMARKS.md"
elif [ "$profile" = full ]; then
  jmh_opts=(-f 2 -wi 5 -w 1s -i 10 -r 1s)
  publish_opts=("${jmh_opts[@]}")
  parse_opts=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  publish_sizes=10,1000,10000,100000,1000000
  other_sizes=10,1000,10000,100000,1000000
  bind_sizes=10,1000,10000,100000,1000000
  slow_sizes=10,1000,10000,100000,1000000
  parse_sizes=10,1000,10000,100000
  load_sizes=1,1000,10000,100000
  load_opts=(--warmup 5 --seconds 15 --max-messages 20000000 --rounds 7 --mosquitto-rounds 3 --comparison-rounds 13
    --client-warmup 10)
  # 96 combinations: one fork each keeps the step near a quarter of an hour.
  cache_opts=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  cache_methods='(publish|subscribe)'
  cache_params=(-p hitRatio=100,90,50,0 -p depth=3,11,30 -p policy=EXACT,REGEX)
  connect_opts=(--clients 10000 --rules 1,1000,100000 --rounds 3 --window 0)
  memory_opts=(--clients 10000,18000 --rounds 2)
  fanout_opts=(--subscribers 1000 --warmup 5 --seconds 10 --rounds 3)
  persistence_opts=(--pairs 4 --warmup 5 --seconds 10 --rounds 3)
else
  jmh_opts=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
  # Three targets hang on the publish check (topicguard against the floor, against itself at 10
  # rules, against Moquette): two forks and twice the iterations for both sides of each, because on
  # a shared 2-core VM one burst of noise in a 3-iteration fork decides a ratio on its own.
  publish_opts=(-f 2 -wi 3 -w 500ms -i 6 -r 500ms)
  # Loading 100,000 rules takes about half a second: 2-second iterations, five of them, so that each
  # holds several loads and "faster than Moquette at every size" is not read off one or two.
  parse_opts=(-f 1 -wi 2 -w 2s -i 5 -r 2s)
  # Each JMH fork generates and compiles its policy: 1,000,000 rules only where a target needs them
  # (the checks and binding), and never for the slow baselines, whose scans of them would take the budget.
  publish_sizes=10,1000,10000,100000,1000000
  # The subscribe goals of issue 20 hold "at every rule count": the checks go up to 1,000,000 too.
  other_sizes=10,1000,10000,100000,1000000
  # Binding must be flat up to 1,000,000 rules (issue 20 item 1).
  bind_sizes=10,1000,10000,100000,1000000
  slow_sizes=10,1000,10000,100000
  parse_sizes=10,1000,10000,100000
  # The targets read the load at 1, 10,000 and 100,000 rules; 1,000 is a row of --full only.
  load_sizes=1,10000,100000
  # A fresh broker JVM needs seconds of traffic before its JIT settles. Rounds, each with fresh
  # brokers, judged on the median: single runs of one configuration differed by a fifth (3 s) and
  # still by up to 1.9× between whole runs of the script (6 s), more than the 90% and 20× targets
  # allow; a median of several shorter runs is steadier than one longer run. topicguard runs five
  # rounds, mosquitto three (its targets are met or missed by multiples, and its slow 100,000-rule
  # runs would double the step). topicguard at 1 and at 100,000 rules, the two sides of the 90%
  # targets, run in 4 more rounds of their own (9 starts each): both rates are equal to within the
  # ACL check's ~50 ns a message, so noise decides that ratio, and a broker JVM differs by ±15% from
  # one start to the next. Round 1 ran 7 + 6 rounds and 1,000 rules too, which with round 2's broker
  # steps took the profile past its hour; step-seconds in the run directory says what each step took.
  load_opts=(--warmup 4 --seconds 5 --max-messages 20000000 --rounds 5 --mosquitto-rounds 3 --comparison-rounds 9
    --client-warmup 10)
  # 48 forks (publish only, every hit ratio, depth and policy) in under 3 minutes on 2 cores; 8
  # iterations, because with fewer the 99.9% error of a busy machine swallows every difference.
  cache_opts=(-f 1 -wi 2 -w 300ms -i 8 -r 200ms)
  cache_methods='publish'
  cache_params=(-p hitRatio=100,90,50,0 -p depth=3,11,30 -p policy=EXACT,REGEX)
  # The broker steps of issues 17, 19 and 20; estimates for an idle 2-core machine. 18,000 clients is
  # the most that fits the container's open-files limit of 20,000 per process (the report says so).
  # Measured under nice 19 on this 2-core machine while other builds ran (load ~13): connect 270 s,
  # memory 210 s, fanout 105 s, persistence ~10 min (populating 1,000,000 retained messages and
  # 1,000,000 queued copies took 290 s in topicguard, 115 s in mosquitto). Idle, about half of that;
  # the four steps still add ~10 minutes to a profile that took 60 in round 1.
  # connect, ~3 min: 10 storms of 10,000 clients (2 variants × 2 brokers + JWT, at 1 and 100,000
  # rules), each a fresh broker, first storm and reconnect. All 10,000 CONNECTs go at once (the
  # issue's storm): topicguard's authentication queue holds 16,384 walks by default (`auth-queue`);
  # at 1,024 a third of 10,000 $7$ logins sent at once were answered "server busy" (3).
  connect_opts=(--clients 10000 --rules 1,100000 --rounds 1 --window 0)
  # memory, ~2 min: 10,000 and 18,000 idle clients × 5 subscriptions, each broker fresh.
  memory_opts=(--clients 10000,18000 --rounds 1)
  # fanout, ~1 min: 1,000 subscribers, three rounds of 2 + 4 s per broker (judged on the median).
  fanout_opts=(--subscribers 1000 --warmup 2 --seconds 4 --rounds 3)
  # persistence, ~4 min: QoS 1 in three configurations (3 + 5 s each), then the restart data set of
  # issue 19 (1,000,000 retained, 10,000 sessions × 100 queued) populated, stopped and restarted in
  # topicguard; mosquitto's restart of the same data set (another ~2 min) only in --full.
  persistence_opts=(--pairs 4 --warmup 3 --seconds 5 --rounds 1 --restart-brokers topicguard)
fi

jmh() {
  local name=$1; shift
  echo "== JMH: $name"
  # A fork that compiles 1,000,000 rules peaks at a few GiB while parsing; give every fork room.
  java -jar "$jar" "$@" -jvmArgsAppend -Xmx8g -rf json -rff "$run_dir/jmh-$name.json"
}

bench='io.topicguard.jmh.bench'
if want publish; then jmh publish "$bench.PublishCheckBenchmark.(topicguard|hashMapFloor)$" "${publish_opts[@]}" -p rules=$publish_sizes; fi
if want checks; then jmh checks "$bench.(Subscribe|Deliver)CheckBenchmark.(topicguard|hashMapFloor)$" "${jmh_opts[@]}" -p rules=$other_sizes; fi
if want baselines; then jmh baselines "$bench.(Subscribe|Deliver)CheckBenchmark.(referenceEvaluator|moquette)$" "${jmh_opts[@]}" -p rules=$slow_sizes; fi
if want publish-baselines; then jmh publish-baselines "$bench.PublishCheckBenchmark.(referenceEvaluator|moquette)$" "${publish_opts[@]}" -p rules=$slow_sizes; fi
if want bind; then jmh bind "$bench.BindClientBenchmark" "${jmh_opts[@]}" -p rules=$bind_sizes; fi
if want parse; then jmh parse "$bench.ParseCompileBenchmark" "${parse_opts[@]}" -p rules=$parse_sizes; fi
# Baseline (d): the decision cache off and on (issue 5 asks for this before enabling it by default).
if want cache; then jmh cache "$bench.DecisionCacheBenchmark.${cache_methods}Cache(On|Off)$" "${cache_opts[@]}" "${cache_params[@]}"; fi

if want footprint; then
  echo "== parse + compile of $footprint_rules rules: time and retained heap"
  java -Xmx8g -cp "$jar" io.topicguard.jmh.footprint.CompileFootprint --rules $footprint_rules --out "$run_dir/footprint.json"
fi

if want load; then
  echo "== broker load: topicguard serve and mosquitto, user-section and pattern rules"
  # Exit status 1 means some run has a note (it is in the report); only a usage error stops the script.
  # Both policy kinds in every profile: the targets are judged on each. mosquitto at 100,000 pattern
  # rules delivers only tens of messages a second; its runs stay bounded by the warmup, the measured
  # window and LoadRun's drain limit, not by a message count.
  java -cp "$jar" io.topicguard.jmh.load.LoadGenerator --policy-kinds user,pattern \
    --brokers topicguard,mosquitto --rules $load_sizes \
    --qos 0,1 --pairs 4 --window 100 "${load_opts[@]}" --work-dir "$run_dir/load" --out "$run_dir/load.json" \
    || [ $? -eq 1 ]
fi

# The broker steps beyond the message load: each scenario starts its brokers as child processes and
# writes one JSON file the report renders (exit status 1: a run has a note, shown in the report).
load_main=io.topicguard.jmh.load
if want connect; then
  echo "== broker connect storm: anonymous, \$7\$ password file, HS256 JWT"
  java -cp "$jar" $load_main.ConnectScenario "${connect_opts[@]}" --work-dir "$run_dir/connect" \
    --out "$run_dir/broker-connect.json" || [ $? -eq 1 ]
fi
if want memory; then
  echo "== broker memory per idle client"
  java -cp "$jar" $load_main.MemoryScenario "${memory_opts[@]}" --work-dir "$run_dir/memory" \
    --out "$run_dir/broker-memory.json" || [ $? -eq 1 ]
fi
if want fanout; then
  echo "== broker fan-out through PARTIAL subscriptions"
  java -cp "$jar" $load_main.FanoutScenario "${fanout_opts[@]}" --work-dir "$run_dir/fanout" \
    --out "$run_dir/broker-fanout.json" || [ $? -eq 1 ]
fi
if want persistence; then
  echo "== broker persistence: QoS 1 with a store, and restart on a populated one"
  java -cp "$jar" $load_main.PersistenceScenario "${persistence_opts[@]}" --work-dir "$run_dir/persistence" \
    --out "$run_dir/broker-persistence.json" --restart-out "$run_dir/broker-restart.json" || [ $? -eq 1 ]
fi

# Issue 18: the decision service (authz-server) over keep-alive HTTP beside the in-process check.
# Its own JSON file (not jmh-*.json): its section reads rate and percentiles, not baselines.
authz_sizes=1,100000
if [ "$profile" = smoke ]; then authz_sizes=1,1000; fi
if want authz; then
  echo "== JMH: decision service over HTTP"
  java -jar "$jar" "$bench.AuthzServiceBenchmark" "${jmh_opts[@]}" -p rules=$authz_sizes -jvmArgsAppend -Xmx8g \
    -rf json -rff "$run_dir/authz-jmh.json"
fi

# Issue 18: HiveMQ CE with the topicguard extension against allow-all. HiveMQ needs Netty 4.1, so it
# runs on the hivemq-extension module's own test classpath, through Maven, writing hivemq.json.
case "$profile" in
  smoke) hivemq_opts=(-Dtopicguard.hivemq.seconds=2 -Dtopicguard.hivemq.warmup=2 -Dtopicguard.hivemq.rounds=1 -Dtopicguard.hivemq.rules=1000) ;;
  full) hivemq_opts=(-Dtopicguard.hivemq.seconds=15 -Dtopicguard.hivemq.warmup=5 -Dtopicguard.hivemq.rounds=5) ;;
  *) hivemq_opts=(-Dtopicguard.hivemq.seconds=10 -Dtopicguard.hivemq.warmup=3 -Dtopicguard.hivemq.rounds=3) ;;
esac
if want hivemq; then
  echo "== HiveMQ CE: the topicguard extension and allow-all"
  mvn -q -pl hivemq-extension -am test -Dtest=HiveMqThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dtopicguard.hivemq.out=$PWD/$run_dir/hivemq.json" "${hivemq_opts[@]}"
fi

step_clock ""
cat /proc/loadavg >"$run_dir/loadavg-end"
elapsed=$(( $(date +%s) - started ))
echo "== seconds per step:"; sed 's/^/   /' "$run_dir/step-seconds" 2>/dev/null || true
# The report keeps what this run did not rewrite: hand-written sections always, and with --steps the
# sections of the steps not run, each marked with the date of its run.
report_opts=(--previous docs/BENCHMARKS.md)
if [ -n "$steps" ]; then report_opts+=(--steps "$steps"); fi
java -cp "$jar" io.topicguard.jmh.report.BenchmarkReport --results "$run_dir" --profile "$profile" \
  --elapsed "$elapsed" --out "$report" "${report_opts[@]}"
echo "== done in ${elapsed} s; report in $report, raw results in $run_dir"
