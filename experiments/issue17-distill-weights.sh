#!/usr/bin/env bash
# Issue 17: distillation with a lighter teacher term on the three cells where its row falls below supervised at the
# pipeline's steps (fm100, digits, tops), taught by the matrix's 500-step supervised run as before. With the defaults
# (alpha 0.9, unlabeled weight 1, T 4, normalized loss) the labels' cross-entropy gets 0.1 / 7.7 = 1.3% of the loss, and
# a student that starts from its teacher barely moves (the distillation terms are zero at the start). Here alpha 0.5 and
# an unlabeled weight of 0.5: the normalizer is 0.5 + 2 + 2 = 4.5 and cross-entropy gets 11%. A measurement, not a new
# default. Resumable.
#   MENTOR=/work/run17/mentor experiments/issue17-distill-weights.sh
set -u
export R=${R:-/work/exp/matrix/runs-distill-a05} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
MATRIX=${MATRIX:-/work/exp/matrix/runs}
. "$(dirname "$MENTOR")/experiments/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  for c in ${CELLS:-fm100 digits tops}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    run train distill $args --model cnn-small --batch-size 64 --seed "$s" --steps 500 \
      --teacher "$MATRIX/$c/supervised-s$s" ${WEIGHTS:---alpha 0.5 --unlabeled-weight 0.5} --out "$R/$c/distill-s$s" --force
  done
done
