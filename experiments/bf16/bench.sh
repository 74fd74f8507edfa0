#!/usr/bin/env bash
# Training-step speed of --precision bf16 against fp32, by `mentor bench throughput` (one fixed batch, the peer's
# Nesterov SGD recipe), the two formats alternating for ROUNDS rounds per model so the machine's drift hits both;
# each call warms up, then measures 3 rounds of STEPS steps and prints its median. With PEER=peer_train.py and
# PYTHON=a python with torch, every call also runs PyTorch's own step side by side (the peer under
# torch.autocast("cpu", bfloat16) for bf16). Prints one line per call, then the medians and ranges.
#   MENTOR=/path/to/mentor R=DIR MODELS="cnn-small resnet-20" BATCH=64 ROUNDS=5 [PEER=... PYTHON=...] experiments/bf16/bench.sh
set -u
MENTOR=${MENTOR:-./mentor}
R=${R:-runs/bf16-bench}
MODELS=${MODELS:-"cnn-small resnet-20"}
BATCH=${BATCH:-64}
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-30}
mkdir -p "$R"
peer=()
[ -n "${PEER:-}" ] && peer=(--peer "$PEER" --python "${PYTHON:-/usr/bin/python3}")
for m in $MODELS; do
  for r in $(seq 1 "$ROUNDS"); do
    for p in fp32 bf16; do
      out="$R/$m-$p-r$r.txt"
      [ -s "$out" ] && continue
      echo "=== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) $m $p round $r" >> "$R/commands.log"
      "$MENTOR" bench throughput --model "$m" --batch-size "$BATCH" --steps "$STEPS" --rounds 3 --precision "$p" "${peer[@]}" > "$out" 2>> "$R/stderr.log"
    done
  done
done
python3 - "$R" <<'PY'
import glob, re, statistics, sys
root = sys.argv[1]
rates = {}
for f in sorted(glob.glob(f"{root}/*-r*.txt")):
    model, precision, _ = f.split("/")[-1][:-4].rsplit("-", 2)
    text = open(f).read()
    last = re.findall(r"img/s: ([0-9.]+)", text)
    peer = re.findall(r"median of \d+ rounds: mentor [0-9.]+ img/s, peer ([0-9.]+) img/s", text)
    if last:
        rates.setdefault((model, precision, "mentor"), []).append(float(last[-1]))
    if peer:
        rates.setdefault((model, precision, "peer"), []).append(float(peer[-1]))
print("| model | side | precision | calls | img/s median (range) |")
print("|---|---|---|---|---|")
for (model, precision, side), values in sorted(rates.items()):
    print(f"| {model} | {side} | {precision} | {len(values)} | {statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f}) |")
for model in sorted({k[0] for k in rates}):
    for side in ("mentor", "peer"):
        a, b = rates.get((model, "fp32", side)), rates.get((model, "bf16", side))
        if a and b:
            ratios = [y / x for x, y in zip(a, b)]
            print(f"{model} {side}: bf16/fp32 per round {' '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}")
PY
