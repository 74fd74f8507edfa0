#!/usr/bin/env bash
# Session 14: does a second Noisy Student round help the 60-minute fit? Teacher and init = the seed-0 fit's round-1 student
# (validation 87.60, test 85.95), the same recipe and steps as that stage (build 4f836f1, /work/run9).
cd /work/exp/s14
MENTOR_DATA=/work/data /work/run9/mentor train noisy-student --data fashion-mnist --labels 1000 --validation-per-class 100 --seed 0 --model cnn-small --batch-size 64 --lr 0.05 --steps 7082 --teacher /work/exp/s13/fit/fit-s0/stages/noisy-student/round-1 --init /work/exp/s13/fit/fit-s0/stages/noisy-student/round-1 --rounds 1 --models cnn-small --augment weak+randaugment:n=2,m=9 --dropout 0.4 --student-steps 7082 --out /work/exp/s14/ns-round2 $([ -d /work/exp/s14/ns-round2 ] && echo --resume)
