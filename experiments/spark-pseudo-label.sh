#!/usr/bin/env bash
# Issue 22: pseudo-labeling on Apache Spark against the single-process `mentor pseudo-label`, on the Fashion-MNIST
# pool of a 1,000-label teacher (58,000 images) written as a folder of PNGs:
#   1. the teacher (cnn-small, 1,000 labels, seed 0) unless TEACHER=RUN_DIR names one;
#   2. its pool as PNGs (single-process pseudo-label of its own split gives the indices; experiments/datasets/pool-pngs.py);
#   3. single-process `pseudo-label --unlabeled folder:POOL`, then `--spark local[1]`, `--spark local[2]` and `--spark
#      spark://127.0.0.1:PORT` on a standalone master with two one-core workers this script starts from mentor-spark's
#      Spark jars and stops again; wall time and peak resident memory of each (the CLI's JVM: with local[N] driver and
#      executors, with the cluster the driver alone); every artifact compared image by image with the single-process one
#      (CompareArtifacts: labels, confidences and fp32 distributions, bit for bit);
#   3b. ROUNDS (default 5) interleaved rounds of the four modes for their wall times (median, range, ratio per round);
#   4. a 1,000,000-image pool (PackPool: the folder and 17 augmented copies of each image, ~1.04M rows of Parquet)
#      labeled on the same cluster with the driver's heap capped (DRIVER_HEAP, default 1g): throughput and the driver's
#      peak memory against the 58,000-image run's;
#   5. a Noisy Student round and a distillation (cnn-small, CONSUMER_STEPS=1500 student steps, seed 0) fed from the
#      single-process artifact, from local[2]'s and from the cluster's: their validation and test accuracy.
# Resumable: a finished step is skipped (its artifact or marker exists); an interrupted Spark labeling continues with the
# shards left. Results: $R/results.md (and times.tsv, compare-*.json, the artifacts).
# Usage: R=runs/spark [MENTOR=./mentor] [TEACHER=RUN_DIR] [TINY=1] [COPIES=18] experiments/spark-pseudo-label.sh
#   TINY=1: a 30-step teacher, a 2,000-image pool and 3 copies: a check that the script works (a few minutes), not results.
set -u
R=${R:-runs/spark-pseudo-label}
. "$(dirname "$0")/lib.sh"
MROOT=$(cd "$(dirname "$(readlink -f "$MENTOR")")" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
TINY=${TINY:-0}
COPIES=${COPIES:-$([ "$TINY" = 1 ] && echo 3 || echo 18)}
LIMIT=$([ "$TINY" = 1 ] && echo 2000 || echo "")
SPARK_CP="$MROOT/mentor-spark/target/mentor-spark-0.1.0-SNAPSHOT.jar:$MROOT/mentor-spark/target/lib/*:$MROOT/mentor-spark/target/spark-lib/*"
JVM_OPTIONS="@$MROOT/mentor-spark/jvm.options"
TIME=$(command -v /usr/bin/time || true)
mkdir -p "$R"
touch "$R/times.tsv"

# timed NAME OUT ARGS...: `mentor ARGS` unless OUT holds a finished artifact; wall seconds and peak RSS to times.tsv
timed() {
  local name=$1 out=$2; shift 2
  if [ -f "$out/report.json" ] && grep -q "^$name	" "$R/times.tsv"; then echo "skip (done) $name" >> "$log"; return; fi
  echo "=== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) $name: ./mentor $*" >> "$log"
  local start=$(date +%s.%N)
  if [ -n "$TIME" ]; then
    "$TIME" -f "%M" -o "$R/$name.rss" "$MENTOR" "$@" > "$R/$name.out" 2>> "$R/stderr.log"
  else
    "$MENTOR" "$@" > "$R/$name.out" 2>> "$R/stderr.log"
  fi
  local code=$? end=$(date +%s.%N)
  echo "exit $code $(date -u +%FT%TZ)" >> "$log"
  [ $code = 0 ] || { echo "$name failed (exit $code): see $R/stderr.log" >&2; exit $code; }
  sed -i "/^$name	/d" "$R/times.tsv"
  printf '%s\t%s\t%s\n' "$name" "$(python3 -c "print(round($end - $start, 2))")" "$(tail -1 "$R/$name.rss" 2>/dev/null || echo NA)" >> "$R/times.tsv"
}

compare() { # compare NAME: the artifact of NAME against the single-process one
  [ -f "$R/compare-$1.json" ] || java $JVM_OPTIONS -cp "$SPARK_CP" dev.mentor.spark.CompareArtifacts "$R/single" "$R/$1" \
      > "$R/compare-$1.json"
}

# 1. the teacher
if [ -n "${TEACHER:-}" ]; then T=$TEACHER; else
  T=$R/teacher
  if [ "$TINY" = 1 ]; then run train supervised --data fashion-mnist --labels 200 --validation-per-class 10 --steps 30 --seed 0 --out "$T" --force
  else run train supervised --data fashion-mnist --labels 1000 --seed 0 --out "$T" --force; fi
  [ -f "$T/metrics.json" ] || { echo "the teacher did not finish: see $R/stderr.log" >&2; exit 1; }
fi

# 2. the pool as PNGs, by the indices of the teacher's own split
if [ ! -f "$R/pool/.complete" ]; then
  [ -f "$R/split/pseudo-labels.json" ] || logged pseudo-label --teacher "$T" --out "$R/split" --force
  IDX=""
  for d in "${MENTOR_DATA:-/nonexistent}/fashion-mnist" "$HOME/.mentor/datasets/fashion-mnist" /usr/share/datasets/fashion-mnist; do
    [ -z "$IDX" ] && ls "$d"/train-images-idx3-ubyte* > /dev/null 2>&1 && IDX=$d
  done
  [ -n "$IDX" ] || { echo "no Fashion-MNIST IDX folder found" >&2; exit 1; }
  python3 "$HERE/datasets/pool-pngs.py" "$IDX" "$R/split" "$R/pool" $LIMIT >> "$log" && touch "$R/pool/.complete"
fi

# 3. single process, embedded Spark, a standalone cluster (the cluster runs on mentor-spark's jars: build them first)
"$MENTOR" pseudo-label --spark --help > /dev/null 2>> "$R/stderr.log"
timed single "$R/single" pseudo-label --teacher "$T" --unlabeled "folder:$R/pool" --out "$R/single" --force
timed local1 "$R/local1" pseudo-label --teacher "$T" --unlabeled "folder:$R/pool" --out "$R/local1" --spark "local[1]" --distribution fp32
timed local2 "$R/local2" pseudo-label --teacher "$T" --unlabeled "folder:$R/pool" --out "$R/local2" --spark "local[2]" --distribution fp32

CLUSTER_PIDS=()
stop_cluster() { for p in "${CLUSTER_PIDS[@]}"; do kill "$p" 2> /dev/null; done; wait 2> /dev/null; CLUSTER_PIDS=(); }
trap stop_cluster EXIT
start_cluster() {
  [ ${#CLUSTER_PIDS[@]} -gt 0 ] && return
  mkdir -p "$R/spark-home" "$R/cluster"
  # the workers' own Spark: mentor-spark's copy of Spark's jars, without Mentor's (which the job ships with spark.jars)
  ln -sfn "$MROOT/mentor-spark/target/spark-lib" "$R/spark-home/jars"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export SPARK_HOME="$R/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
  java $JVM_OPTIONS -Xmx512m -cp "$MROOT/mentor-spark/target/spark-lib/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$R/cluster/master.log" 2>&1 &
  CLUSTER_PIDS+=($!)
  for w in 1 2; do
    java $JVM_OPTIONS -Xmx512m -cp "$MROOT/mentor-spark/target/spark-lib/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 6g --webui-port 0 --work-dir "$R/cluster/work$w" "spark://127.0.0.1:$PORT" \
        > "$R/cluster/worker$w.log" 2>&1 &
    CLUSTER_PIDS+=($!)
  done
  for i in $(seq 60); do (echo > "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null && break; sleep 1; done
  MASTER="spark://127.0.0.1:$PORT"
}
CLUSTER_CONF=(--spark-conf spark.executor.memory=4g --spark-conf spark.executor.cores=1 --spark-conf spark.cores.max=2
  --spark-conf spark.driver.host=127.0.0.1 --spark-conf spark.driver.bindAddress=127.0.0.1
  --spark-conf spark.scheduler.minRegisteredResourcesRatio=1.0 --spark-conf spark.scheduler.maxRegisteredResourcesWaitingTime=120s)
if ! [ -f "$R/cluster2/report.json" ]; then
  start_cluster
  timed cluster2 "$R/cluster2" pseudo-label --teacher "$T" --unlabeled "folder:$R/pool" --out "$R/cluster2" --spark "$MASTER" \
      --distribution fp32 "${CLUSTER_CONF[@]}"
fi
for n in local1 local2 cluster2; do compare $n; done

# 3b. wall times, interleaved: ROUNDS rounds (default 5) of single, local[1], local[2] and the cluster, each labeling the
#     whole pool into a fresh folder, so every mode sees the machine's drift alike; a mode's ratio to the single process is
#     taken within each round. Skipped rounds are the ones timing.tsv already holds.
ROUNDS=${ROUNDS:-5}
touch "$R/timing.tsv"
for round in $(seq "$ROUNDS"); do
  grep -q "^$round	cluster2	" "$R/timing.tsv" && continue
  sed -i "/^$round	/d" "$R/timing.tsv"
  start_cluster
  for mode in single local1 local2 cluster2; do
    case $mode in
      single) extra=() ;;
      local1) extra=(--spark "local[1]" --distribution fp32) ;;
      local2) extra=(--spark "local[2]" --distribution fp32) ;;
      cluster2) extra=(--spark "$MASTER" --distribution fp32 "${CLUSTER_CONF[@]}") ;;
    esac
    out="$R/timing/$mode"
    rm -rf "$out"
    echo "=== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) timing round $round $mode" >> "$log"
    start=$(date +%s.%N)
    "$MENTOR" pseudo-label --teacher "$T" --unlabeled "folder:$R/pool" --out "$out" "${extra[@]}" > /dev/null 2>> "$R/stderr.log" \
        || { echo "timing $mode failed: see $R/stderr.log" >&2; exit 1; }
    printf '%s\t%s\t%s\t%s\n' "$round" "$mode" "$(python3 -c "print(round($(date +%s.%N) - $start, 2))")" \
        "$(cut -d' ' -f1 /proc/loadavg)" >> "$R/timing.tsv"
  done
done
rm -rf "$R/timing"

# 4. a million images from the pool, labeled by the cluster with the driver's heap capped
if [ ! -d "$R/million.parquet" ]; then
  rm -rf "$R/million.parquet.tmp"
  java $JVM_OPTIONS -Xmx4g -Doffline=true -cp "$SPARK_CP" dev.mentor.spark.PackPool --from "$R/pool" --out "$R/million.parquet.tmp" \
      --copies "$COPIES" --master "local[2]" >> "$log" 2>&1 && mv "$R/million.parquet.tmp" "$R/million.parquet"
fi
if ! [ -f "$R/million/report.json" ]; then
  start_cluster
  export MENTOR_JAVA_OPTS="-Xmx${DRIVER_HEAP:-1g}"
  timed million "$R/million" pseudo-label --teacher "$T" \
      --unlabeled "parquet:$R/million.parquet" --out "$R/million" --spark "$MASTER" "${CLUSTER_CONF[@]}"
  unset MENTOR_JAVA_OPTS
fi
stop_cluster

# 5. a Noisy Student round and a distillation fed from the single-process artifact and from the Spark ones (same seed):
#    the same accuracy is the claim; the fp32 Spark artifacts are bit-identical to the single-process one, so the runs are
DATA=(--data fashion-mnist --labels "$([ "$TINY" = 1 ] && echo 200 || echo 1000)" --seed 0 --unlabeled "folder:$R/pool")
[ "$TINY" = 1 ] && DATA+=(--validation-per-class 10)
CONSUMER_STEPS=${CONSUMER_STEPS:-$([ "$TINY" = 1 ] && echo 20 || echo 1500)}
for from in single local2 cluster2; do
  [ -f "$R/ns-$from/round-1/metrics.json" ] || logged train noisy-student --teacher "$T" "${DATA[@]}" --models cnn-small --rounds 1 --student-steps "$CONSUMER_STEPS" \
      --pseudo-labels-from "$R/$from" --out "$R/ns-$from" --force
  run train distill --teacher "$T" "${DATA[@]}" --model cnn-small --steps "$CONSUMER_STEPS" --cache-teacher \
      --teacher-cache-dir "$R/teacher-cache-$from" --teacher-labels "$R/$from" --out "$R/distill-$from" --force
done

python3 - "$R" <<'PY'
import json, sys
r = sys.argv[1]
times = {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(f"{r}/times.tsv") if l.strip()}
single = float(times["single"][0])
lines = ["| run | wall time (s) | vs single process | peak RSS of the CLI JVM (MB) | labels equal | distributions bit-identical (fp32) | max abs difference |",
         "|---|---|---|---|---|---|---|"]
for name in ["single", "local1", "local2", "cluster2", "million"]:
    if name not in times:
        continue
    seconds, rss = float(times[name][0]), times[name][1]
    c = json.load(open(f"{r}/compare-{name}.json")) if name in ("local1", "local2", "cluster2") else None
    eq = f"{c['labels_equal']:,} / {c['single_process_images']:,}" if c else ""
    bits = f"{c['distributions_bit_identical_at_stored_precision']:,}" if c else ""
    diff = f"{c['max_abs_probability_difference']:.3g}" if c else ""
    mb = f"{int(rss) / 1024:.0f}" if rss.isdigit() else rss
    lines.append(f"| {name} | {seconds:.1f} | {seconds / single:.2f}x | {mb} | {eq} | {bits} | {diff} |")
rounds = {}
for l in open(f"{r}/timing.tsv"):
    if l.strip():
        rnd, mode, seconds, load = l.split("\t")
        rounds.setdefault(int(rnd), {})[mode] = float(seconds)
full = [v for v in rounds.values() if len(v) == 4]
if full:
    med = lambda xs: sorted(xs)[len(xs) // 2] if len(xs) % 2 else sum(sorted(xs)[len(xs) // 2 - 1:len(xs) // 2 + 1]) / 2
    lines += ["", f"Interleaved wall times, {len(full)} rounds (median, min-max); ratio = single process / mode within a round "
              "(above 1: faster than one process)", "",
              "| mode | wall s, median | range | speed-up over single, median | range |", "|---|---|---|---|---|"]
    for mode in ["single", "local1", "local2", "cluster2"]:
        secs = [v[mode] for v in full]
        ratio = [v["single"] / v[mode] for v in full]
        lines.append(f"| {mode} | {med(secs):.1f} | {min(secs):.1f}-{max(secs):.1f} | {med(ratio):.2f} | "
                     f"{min(ratio):.2f}-{max(ratio):.2f} |")
m = json.load(open(f"{r}/million/report.json")) if "million" in times else None
if m:
    lines.append("")
    lines.append(f"million: {m['images']:,} images, {m['labeled']:,} labeled, {m['skipped']:,} skipped, "
                 f"{m['images_per_second']:.0f} images/s on the cluster; executors: {json.dumps(m['executors'])}")
lines += ["", "| consumer, fed from | validation % | test % |", "|---|---|---|"]
for run in ["ns", "distill"]:
    for src in ["single", "local2", "cluster2"]:
        try:
            m = json.load(open(f"{r}/{run}-{src}/{'round-1/' if run == 'ns' else ''}metrics.json"))
        except OSError:
            continue
        lines.append(f"| {run} from {src} | {100 * m['validation_accuracy']:.2f} | {100 * m['test_accuracy']:.2f} |")
open(f"{r}/results.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
