#!/usr/bin/env bash
# Gets a fresh machine ready for the experiment scripts, which is what every session has found so far: run outputs,
# frozen builds and data folders under /work do not survive from one machine to the next (session 24 started on a
# new one; session 23's queue and its runs were gone), and a missing tcmalloc silently makes training 1.5-3.7x slower.
#   - Debian's dataset-fashion-mnist and libtcmalloc-minimal4 (when root; otherwise it says what is missing)
#   - the digits and rgb cells' data (DIGITS, TINTED) under DATA, from datasets/digits-idx.py and tinted-cifar.py
#   - a frozen build of HEAD at FROZEN (a detached worktree, packaged offline), so rebuilding main does not disturb a
#     running queue
# Prints the exports the queue scripts expect. Safe to run again: what is there is kept.
# usage: [DATA=/work/data] [FROZEN=/work/runNN] experiments/setup-machine.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
DATA=${DATA:-/work/data}

missing=()
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
[ -f /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 ] || missing+=(libtcmalloc-minimal4)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    echo "setup: missing ${missing[*]}: apt-get install them as root" >&2
    exit 2
  fi
fi

mkdir -p "$DATA"
[ -f "$DATA/digits/train-images-idx3-ubyte.gz" ] || python3 "$here/datasets/digits-idx.py" "$DATA/digits"
[ -f "$DATA/tinted/data_batch_1.bin" ] || python3 "$here/datasets/tinted-cifar.py" /usr/share/datasets/fashion-mnist "$DATA/tinted"

if [ -n "${FROZEN:-}" ]; then
  if [ ! -x "$FROZEN/mentor" ]; then
    git -C "$repo" worktree add --detach "$FROZEN" HEAD
  fi
  (cd "$FROZEN" && ./mvnw -B -q -DskipTests package)
  echo "frozen build of $(git -C "$FROZEN" rev-parse --short HEAD) at $FROZEN"
fi

echo "export MENTOR_DATA=$DATA DIGITS=$DATA/digits TINTED=$DATA/tinted${FROZEN:+ MENTOR=$FROZEN/mentor}"
