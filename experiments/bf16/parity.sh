#!/usr/bin/env bash
# --precision bf16 against fp32: the same supervised run (Fashion-MNIST, 1,000 labels, 1,600 steps of 64, the fit's
# baseline recipe) in both formats, per seed, the two formats interleaved so the machine's drift hits both alike.
# Test accuracy and wall time of each run; then summarize.py-style table by summarize-parity (below). Resumable: a
# finished run is skipped. Run it alone on the machine.
#   MENTOR=/path/to/mentor R=DIR MODELS="cnn-small resnet-20" SEEDS="0 1 2" experiments/bf16/parity.sh
set -u
R=${R:-runs/bf16-parity}
MODELS=${MODELS:-"cnn-small resnet-20"}
SEEDS=${SEEDS:-"0 1 2"}
. "$(dirname "$0")/../lib.sh"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-) family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')" \
  "flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx512_bf16|amx_bf16)$' | tr '\n' ' ')" >> "$log"
for m in $MODELS; do
  for s in $SEEDS; do
    for p in fp32 bf16; do
      run train supervised --data fashion-mnist --labels 1000 --validation-per-class 100 --model "$m" --batch-size 64 \
        --lr 0.05 --steps 1600 --warmup-steps 80 --seed "$s" --precision "$p" --out "$R/$m-$p-s$s" --force
    done
  done
done
python3 - "$R" <<'PY'
import glob, json, statistics, sys
root = sys.argv[1]
rows = {}
for f in sorted(glob.glob(f"{root}/*/metrics.json")):
    name = f.split("/")[-2]
    model, precision, seed = name.rsplit("-", 2)
    m = json.load(open(f))
    rows.setdefault((model, precision), []).append((seed, m["test_accuracy"] * 100, m["validation_accuracy"] * 100, m["wall_seconds"]))
print("| model | precision | seeds | test mean ± std | validation mean | wall s (median, range) |")
print("|---|---|---|---|---|---|")
for (model, precision), runs in sorted(rows.items()):
    test = [r[1] for r in runs]; val = [r[2] for r in runs]; wall = [r[3] for r in runs]
    sd = statistics.stdev(test) if len(test) > 1 else 0
    print(f"| {model} | {precision} | {' '.join(r[0] for r in runs)} | {statistics.mean(test):.2f} ± {sd:.2f} "
          f"({', '.join(f'{t:.2f}' for t in test)}) | {statistics.mean(val):.2f} | {statistics.median(wall):.0f} ({min(wall):.0f}–{max(wall):.0f}) |")
PY
