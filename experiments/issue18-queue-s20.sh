#!/usr/bin/env bash
# Issue 18, the next 60-minute fits (Fashion-MNIST, 1,000 labels, seed 0), each alone on the machine, after session 15's
# 87.16% (resnet-20, three Noisy Student rounds, fp32, no ensemble):
#   1. the same with --ensemble cnn-small (a cnn-small baseline whose mean with each round's teacher labels the pool when
#      better on validation: +0.7 on validation for the baseline, +0.4 for round 2 in session 19's check) and bf16
#      (session 15: the same accuracy per step, 1.46x the steps for resnet-20);
#   2. the chained pipeline: two rounds, then FlexMatch from the best round, with the same ensemble and bf16.
# Waits for any queue of ours to end (one measurement at a time). Resumable: a finished fit is skipped.
#   MENTOR=/path/to/frozen/mentor experiments/issue18-queue-s20.sh
set -u
here=$(dirname "$0")
export MENTOR=${MENTOR:-./mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
while pgrep -f "issue17-queue|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s20/fit-r20-ens-bf16 SEEDS=0 \
  EXTRA="--model resnet-20 --candidates noisy-student --rounds 3 --ensemble cnn-small --precision bf16" bash "$here/issue18-fit.sh"
R=/work/exp/s20/fit-r20-chain-ens-bf16 SEEDS=0 \
  EXTRA="--model resnet-20 --candidates noisy-student,flexmatch --rounds 2 --ensemble cnn-small --precision bf16" bash "$here/issue18-fit.sh"
