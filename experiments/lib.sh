# Shared by the experiment scripts: run ARGS... runs `mentor ARGS` unless its --out directory (the
# second-to-last argument) already holds a finished run, logging the command, the load and the exit.
# Needs R (the runs directory); MENTOR=path overrides the CLI (e.g. a frozen copy of the build, so
# rebuilding does not disturb a running queue).
MENTOR=${MENTOR:-./mentor}
log="$R/commands.log"
mkdir -p "$R"
run() {
  local out=${@: -2:1}
  if [ -f "$out/metrics.json" ]; then echo "skip (done) $out" >> "$log"; return; fi
  logged "$@"
}
# logged ARGS...: runs `mentor ARGS`, logging the command, the load and the exit.
logged() {
  echo "=== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) ./mentor $*" >> "$log"
  "$MENTOR" "$@" > /dev/null 2>> "$R/stderr.log"; echo "exit $? $(date -u +%FT%TZ)" >> "$log"
}
# best_augment PREFIX AUG...: of the runs $R/PREFIX-AUG, the AUG with the highest validation accuracy.
best_augment() {
  local prefix=$1; shift
  python3 - "$R/$prefix" "$@" <<'PY'
import json, sys
prefix, candidates = sys.argv[1], sys.argv[2:]
accuracy = {a: json.load(open(f"{prefix}-{a}/metrics.json"))["validation_accuracy"] for a in candidates}
print(max(accuracy, key=accuracy.get))
PY
}
# run_resuming ARGS...: as run, but a run that stopped after writing a checkpoint (the numerical guard's
# NaN stop keeps the last good one) is continued with `train METHOD --resume OUT`, up to 3 times.
run_resuming() {
  local out=${@: -2:1} method=$2
  run "$@"
  for i in 1 2 3; do
    [ -f "$out/metrics.json" ] && return
    [ -f "$out/checkpoint.ckpt" ] || return
    logged train "$method" --resume "$out"
  done
}
# resume_or_run OUT ARGS...: continue a run stopped after a checkpoint, else run it (skipped when finished)
resume_or_run() {
  local out=$1 method=$3
  shift
  if [ ! -f "$out/metrics.json" ] && [ -f "$out/checkpoint.ckpt" ] && [ -f "$out/config.json" ]; then
    logged train "$method" --resume "$out"
    [ -f "$out/metrics.json" ] && return
  fi
  run "$@"
}
# cell_args CELL: the data options of a cell of issue 17's robustness matrix (empty when its data is not given: the
# digits need DIGITS=dir from datasets/digits-idx.py, rgb TINTED=dir from datasets/tinted-cifar.py).
cell_args() {
  case $1 in
    fm4) echo "--data fashion-mnist --labels-per-class 4" ;;
    fm10) echo "--data fashion-mnist --labels-per-class 10" ;;
    fm25) echo "--data fashion-mnist --labels-per-class 25" ;;
    fm100) echo "--data fashion-mnist --labels-per-class 100" ;;
    tops) echo "--data fashion-mnist --classes 0,2,4,6 --labels-per-class 10" ;;
    digits) [ -n "${DIGITS:-}" ] && echo "--data idx:$DIGITS --image-size 28 --validation-per-class 20 --labels-per-class 10" ;;
    rgb) [ -n "${TINTED:-}" ] && echo "--data cifar10:$TINTED --labels-per-class 10" ;;
  esac
}
