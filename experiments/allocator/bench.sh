#!/usr/bin/env bash
# The same commands under tcmalloc (the launcher's default when installed) and under glibc's malloc (MENTOR_MALLOC=system),
# alternating, ROUNDS rounds: whole-process wall, user and system seconds and minor page faults (/usr/bin/time), and for
# bench throughput its img/s. Prints one TSV line per run and a median/range summary per workload and allocator.
# usage: R=DIR [MENTOR=./mentor] [ROUNDS=5] experiments/allocator/bench.sh      (needs MENTOR_DATA or the Debian package)
set -u
R=${R:?R=DIR}
MENTOR=${MENTOR:-./mentor}
ROUNDS=${ROUNDS:-5}
mkdir -p "$R"
tsv="$R/runs.tsv"
workload() {  # NAME: the command's arguments
  case $1 in
    fixmatch) echo "train fixmatch --data fashion-mnist --labels-per-class 4 --model cnn-small --steps 20 --batch-size 64 --seed 0 --out $R/run --force" ;;
    supervised) echo "train supervised --data fashion-mnist --labels-per-class 100 --model cnn-small --steps 300 --batch-size 64 --seed 0 --out $R/run --force" ;;
    throughput) echo "bench throughput --model resnet-20 --batch-size 64 --steps 30 --rounds 3" ;;
  esac
}
[ -f "$tsv" ] || printf 'round\tworkload\tallocator\twall_s\tuser_s\tsys_s\tminor_faults\timg_per_s\ttest_accuracy\n' > "$tsv"
for round in $(seq 1 "$ROUNDS"); do
  for w in fixmatch supervised throughput; do
    for a in tcmalloc system; do
      out="$R/out-$w-$a-$round.txt"
      MENTOR_MALLOC=$a /usr/bin/time -f "%e %U %S %R" -o "$R/time.txt" "$MENTOR" $(workload "$w") > "$out" 2>&1
      read -r wall user sys faults < "$R/time.txt"
      rate=$(grep -o 'img/s: [0-9.]*' "$out" | tail -1 | cut -d' ' -f2)
      acc=""
      [ "$w" != throughput ] && acc=$(python3 -c "import json;print(json.load(open('$R/run/metrics.json'))['test_accuracy'])")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$w" "$a" "$wall" "$user" "$sys" "$faults" "${rate:-}" "$acc" >> "$tsv"
    done
  done
done
python3 - "$tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for w in ("fixmatch", "supervised", "throughput"):
    for key in ("wall_s", "sys_s", "minor_faults", "img_per_s"):
        parts = []
        for a in ("tcmalloc", "system"):
            v = [float(r[key]) for r in rows if r["workload"] == w and r["allocator"] == a and r[key]]
            if v:
                parts.append(f"{a} {statistics.median(v):g} ({min(v):g}-{max(v):g}, n={len(v)})")
        if parts:
            print(w, key, " | ".join(parts))
    pairs = {}
    for r in rows:
        if r["workload"] == w:
            pairs.setdefault(r["round"], {})[r["allocator"]] = r
    ratios = [float(p["system"]["wall_s"]) / float(p["tcmalloc"]["wall_s"]) for p in pairs.values() if len(p) == 2]
    if ratios:
        print(w, "glibc/tcmalloc wall per round:", " ".join(f"{x:.2f}" for x in ratios), f"median {statistics.median(ratios):.2f}")
    accs = {r["test_accuracy"] for r in rows if r["workload"] == w and r["test_accuracy"]}
    if accs:
        print(w, "test accuracies seen:", sorted(accs))
PY
