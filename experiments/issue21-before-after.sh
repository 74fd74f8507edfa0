#!/usr/bin/env bash
# Issue 21, must-show "bit-identical before and after the redesign": the same short runs of the methods
# of issues 3-10 (supervised, distill, noisy-student, fixmatch, mpl; Fashion-MNIST, 1,000 labels,
# cnn-small, seed 0, a few hundred steps) with two builds, compared by issue21-compare.py.
#
#   BEFORE=DIR AFTER=DIR R=RUNS experiments/issue21-before-after.sh [METHOD...]
#
# DIR is a build: a worktree with its ./mentor launcher (built beforehand), or a folder holding a
# `mentor` wrapper of a frozen jar. Runs go to R/before/METHOD and R/after/METHOD; a run whose
# R/LABEL/METHOD.done exists is skipped (resumable), a failed one is run again with --force.
# Every option both builds have is given explicitly, so the defaults issue 17 changed on purpose
# (budgets in steps, warm-up floors, students starting from the teacher, the normalized distillation
# loss) do not enter: the options that exist only in the later build are added when its --help lists
# them, with the value that reproduces the earlier behaviour (--init none, --normalize-loss off); --init
# none only where the help lists it (builds 134a2ee..94d9ad had --init without none: their students were fresh).
# Distillation warms up for 2 of its 10 epochs: with 0.5 (DISTILL_WARMUP=0.5), the paper's loss jumps to
# ~570 at step 5, which the later build's divergence guard stops (issue 17) and the earlier trained through.
# Sourced with ISSUE21_LIB=1 it only defines run_method (used by issue21-bisect-step.sh).
set -uo pipefail

COMMON=(--data fashion-mnist --labels 1000 --model cnn-small --batch-size 64 --lr 0.05 --seed 0)
METHODS=(supervised distill noisy-student fixmatch mpl)

# has_option CLI METHOD OPTION: the build's `train METHOD --help` lists OPTION (cached per build)
has_option() {
  local cli=$1 method=$2 option=$3 cache
  cache="${HELP_CACHE:-/tmp}/help-$(echo "$cli" | md5sum | cut -c1-12)-$method.txt"
  [ -s "$cache" ] || "$cli" train "$method" --help > "$cache" 2>&1
  grep -qF -- "$option" "$cache" && grep -qE -- "$(printf '%s' "$option" | sed 's/[|]/[|]/g')([=, ]|\$)" "$cache"
}

# method_args CLI METHOD TEACHER: the arguments of `train METHOD` (without --out)
method_args() {
  local cli=$1 method=$2 teacher=$3 extra=()
  case $method in
    supervised)
      echo "${COMMON[@]} --epochs 20 --warmup-epochs 1" ;;
    distill)
      has_option "$cli" distill '--init=RUN_DIR|none' && extra+=(--init none)
      has_option "$cli" distill --normalize-loss && extra+=(--normalize-loss off)
      echo "${COMMON[@]} --epochs 10 --warmup-epochs ${DISTILL_WARMUP:-2} --teacher $teacher --cache-teacher ${extra[*]}" ;;
    noisy-student)
      has_option "$cli" noisy-student '--init=RUN_DIR|none' && extra+=(--init none)
      echo "${COMMON[@]} --epochs 10 --warmup-epochs 0.5 --teacher $teacher --rounds 1 --student-epochs 10" \
           "--augment weak+randaugment:n=2,m=9 ${extra[*]}" ;;
    fixmatch)
      echo "${COMMON[@]} --epochs 4 --warmup-epochs 0.25 --threshold 0.95 --unlabeled-ratio 7" ;;
    mpl)
      echo "${COMMON[@]} --epochs 3 --warmup-epochs 0.25 --uda-steps 16 --student-wait-steps 8 --ema 0.99 --finetune-epochs 2" ;;
    # beyond the brief's five, the other methods of issues 5-8 (./issue21-before-after.sh uda self-distill mutual)
    uda)
      echo "${COMMON[@]} --epochs 4 --warmup-epochs 0.25 --temperature 0.4 --threshold 0.8 --uda-steps 16" ;;
    self-distill)  # the paper's weights (issue 17 made them 0.25 and 0) and loss
      has_option "$cli" self-distill --normalize-loss && extra+=(--normalize-loss off)
      echo "${COMMON[@]} --epochs 20 --warmup-epochs 1 --kl-weight 1 --mmd-weight 1 ${extra[*]}" ;;
    mutual)  # no mimicry ramp, the paper's loss (issue 17's defaults off)
      has_option "$cli" mutual --mimicry-ramp-steps && extra+=(--mimicry-ramp-steps 0)
      has_option "$cli" mutual --normalize-loss && extra+=(--normalize-loss off)
      echo "${COMMON[@]} --epochs 20 --warmup-epochs 1 --models cnn-small,cnn-small ${extra[*]}" ;;
    transfer-source)  # train supervised on classes 0-4, the source of transfer (issue 5)
      echo "--data fashion-mnist --classes 0,1,2,3,4 --validation-per-class 100 --model cnn-small --epochs 3 --batch-size 128 --lr 0.05 --augment none --warmup-epochs 0 --seed 0" ;;
    transfer)
      echo "--data fashion-mnist --pretrained $(dirname "$teacher")/transfer-source --mode fine-tune --classes 5,6,7,8,9 --labels-per-class 50 --epochs 20 --batch-size 64 --lr 0.05 --warmup-epochs 1 --seed 0" ;;
    *) echo "unknown method $method" >&2; return 2 ;;
  esac
}

# run_method CLI OUT METHOD TEACHER: one run (skipped if OUT.done exists); the command, times and exit go to OUT.log
run_method() {
  local cli=$1 out=$2 method=$3 teacher=${4:-} args
  if [ -f "$out.done" ]; then echo "skip (done) $out"; return 0; fi
  args=$(method_args "$cli" "$method" "$teacher") || return 2
  local extra=()
  [ "$method" = distill ] && extra=(--teacher-cache-dir "$out.teacher-cache")
  rm -rf "$out.teacher-cache"
  mkdir -p "$(dirname "$out")"
  {
    echo "=== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "$cli train $([ "$method" = transfer-source ] && echo supervised || echo "$method") $args ${extra[*]} --out $out --force"
  } > "$out.log"
  local start=$SECONDS
  # shellcheck disable=SC2086
  local command=$method; [ "$method" = transfer-source ] && command=supervised
  "$cli" train "$command" $args "${extra[@]}" --out "$out" --force > "$out.stdout" 2> "$out.stderr"
  local rc=$?
  echo "exit $rc $(date -u +%FT%TZ) wall $((SECONDS - start)) s" >> "$out.log"
  [ $rc -eq 0 ] && touch "$out.done"
  return $rc
}

cli_of() { # the CLI of a build folder
  if [ -x "$1/mentor" ]; then echo "$1/mentor"; else echo "no $1/mentor" >&2; return 2; fi
}

if [[ "${ISSUE21_LIB:-0}" != 1 ]]; then
  : "${BEFORE:?BEFORE=build dir}" "${AFTER:?AFTER=build dir}" "${R:?R=runs dir}"
  export MENTOR_DATA=${MENTOR_DATA:-/work/data}
  mkdir -p "$R"
  export HELP_CACHE="$R/help"; mkdir -p "$HELP_CACHE"
  todo=("$@"); [ ${#todo[@]} -eq 0 ] && todo=("${METHODS[@]}")
  for label in before after; do
    [ "$label" = before ] && dir=$BEFORE || dir=$AFTER
    cli=$(cli_of "$dir") || exit 2
    echo "$label: $dir ($(git -C "$dir" rev-parse --short HEAD 2>/dev/null || cat "$dir/COMMIT" 2>/dev/null))" > "$R/$label.build"
  done
  for method in "${todo[@]}"; do
    for label in before after; do
      [ "$label" = before ] && dir=$BEFORE || dir=$AFTER
      cli=$(cli_of "$dir")
      run_method "$cli" "$R/$label/$method" "$method" "$R/$label/supervised" \
        || echo "$label $method failed: see $R/$label/$method.log and .stderr" >&2
    done
  done
fi
