#!/usr/bin/env bash
# Issue 19 item 2: is bfloat16 training possible with DJL 0.35.1, and faster than float32 on this CPU?
# Prints the CPU's bf16-relevant flags and the load, then runs Bf16Probe (see its Javadoc): toType's
# bf16 cast (in a child JVM: it ends the process), the cast's autograd, kernel timings and Mentor's
# training step in float32 and in a bf16 prototype, interleaved. Needs Java 17 (no python, no torch).
# Usage: experiments/bf16/run.sh [MODELS] [ROUNDS] [STEPS]   (default: cnn-small,resnet-20 3 5)
set -u
cd "$(dirname "$0")/../.."
MODELS=${1:-cnn-small,resnet-20}; ROUNDS=${2:-3}; STEPS=${3:-5}
[ -f mentor-cli/target/mentor-cli-0.1.0-SNAPSHOT.jar ] || ./mvnw -B -q -o -DskipTests package
probe() {
  java -Xmx4g -Doffline=true -Dai.djl.offline=true \
    -cp "mentor-cli/target/mentor-cli-0.1.0-SNAPSHOT.jar:mentor-cli/target/lib/*" experiments/bf16/Bf16Probe.java "$@" 2>&1 \
    | grep --line-buffered -v SLF4J
  return "${PIPESTATUS[0]}"
}
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-) (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2 | tr -d ' '))"
echo "flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|avx512f|avx512bw|avx512vl|avx512dq|avx512_bf16|avx_vnni|amx_bf16)$' | tr '\n' ' ')"
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): toType(BFLOAT16)"
probe totype; echo "exit status $? (134 = std::terminate: the JVM ended)"
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): mechanics"
probe mechanics
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): kernels"
probe kernels "$ROUNDS" 5
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): train $MODELS"
probe train "$MODELS" "$ROUNDS" "$STEPS"
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): done"
