#!/usr/bin/env bash
# Session 22's queue after s22-queue.sh stopped at its fit (a quote in a ${VAR:?message} inside $(( )) ended the
# script once FlexMatch's curve was done): issue 18's 60-minute fit with supervised-longer (as s22-queue.sh's second
# part), then FreeMatch's 20,000-step curve (resumable, continued by s23-queue.sh).
#   MENTOR=/path/to/frozen/build/mentor experiments/s22c-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
while pgrep -f "s22-queue|issue18-budget|issue18-fit|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s22/fit-r20-longer SEEDS=0 \
  EXTRA="--model resnet-20 --candidates supervised-longer,noisy-student --rounds 3 --ensemble cnn-small --precision bf16" \
  bash "$here/issue18-fit.sh"
R=/work/exp/s21/budget SEEDS=0 METHODS="freematch" bash "$here/issue18-budget.sh"
