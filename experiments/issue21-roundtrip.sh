#!/usr/bin/env bash
# Issue 21, must-show "a round trip", on real data: a Mentor-trained cnn-small (a finished run of
# Fashion-MNIST, e.g. issue21-before-after.sh's R/after/supervised) evaluated by Mentor on the test set
# (10,000 images), exported to safetensors, loaded into the PyTorch reference module (Debian's
# python3-torch) and run on the same images: both top-1s and the images whose predicted class differs.
#
#   MENTOR=./mentor RUN=DIR OUT=DIR experiments/issue21-roundtrip.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${RUN:?RUN=a finished cnn-small run}" "${OUT:?OUT=output folder}"
MENTOR=${MENTOR:-$HERE/../mentor}
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
IDX=${IDX:-$MENTOR_DATA/fashion-mnist}
PYTHON=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"
log="$OUT/commands.log"
step() { echo "=== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) $*" >> "$log"; }

step "$MENTOR evaluate --checkpoint $RUN"
"$MENTOR" evaluate --checkpoint "$RUN" > "$OUT/evaluate.json" 2> "$OUT/evaluate.stderr"
step "$MENTOR export --checkpoint $RUN --format safetensors --out $OUT/cnn-small.safetensors --force"
"$MENTOR" export --checkpoint "$RUN" --format safetensors --out "$OUT/cnn-small.safetensors" --force > "$OUT/export.out" 2>&1
[ -f "$OUT/pngs/test-09999.png" ] || { step "write the test PNGs"; "$PYTHON" "$HERE/issue21-roundtrip.py" pngs "$IDX" "$OUT/pngs"; }
step "$MENTOR predict --checkpoint $RUN --top 1 $OUT/pngs/test-*.png"
"$MENTOR" predict --checkpoint "$RUN" --top 1 "$OUT"/pngs/test-*.png > "$OUT/predict.json" 2> "$OUT/predict.stderr"
step "$PYTHON issue21-roundtrip.py check"
"$PYTHON" "$HERE/issue21-roundtrip.py" check "$OUT/cnn-small.safetensors" "$IDX" "$OUT/predict.json" "$OUT/roundtrip.json" | tee "$OUT/roundtrip.out"
echo "exit $? $(date -u +%FT%TZ)" >> "$log"
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
e = json.load(open(f"{out}/evaluate.json"))
r = json.load(open(f"{out}/roundtrip.json"))
print(f"mentor evaluate top-1 {e['top1']:.4f} on {e['images']} images; mentor predict top-1 {r['mentor_predict_top1']:.4f}")
for name, m in r["modules"].items():
    print(f"PyTorch {r['torch']} {name}: top-1 {m['top1']:.4f} ({m['correct']} correct), "
          f"{m['disagreements_with_mentor']} images predicted differently from Mentor")
PY
