#!/usr/bin/env bash
# One step of `git bisect run` for issue21-before-after.sh: runs METHOD's short command with the build
# of the checked-out commit and compares it with R/before/METHOD (issue21-compare.py). Exit 0: bit-identical
# to the earlier build (good); 1: different, or the run stopped (bad); 125: no build (skip).
# DISTILL_WARMUP=E bisects distill's variant with E warm-up epochs against R/before/distill-wE.
#
#   cd BISECT_WORKTREE && git bisect start --first-parent AFTER BEFORE
#   R=RUNS BUILDS=DIR git bisect run /path/to/issue21-bisect-step.sh METHOD
#
# A commit that changes nothing under */src/main or a pom.xml against its first parent runs the build of
# the nearest first-parent ancestor that does (or of BEFORE_BUILD). Builds are made by BUILDS/prebuild.sh
# (nice 19) into BUILDS/HASH/mentor. Teachers (distill, noisy-student) are R/before/supervised, so a step
# differs only through the method itself.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
method=$1
: "${R:?R=runs of issue21-before-after.sh}" "${BUILDS:?BUILDS=folder of prebuilt commits}" "${BEFORE_BUILD:?BEFORE_BUILD=dir}"
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
head=$(git rev-parse --short=7 HEAD)
repo=$(git rev-parse --show-toplevel)
# git bisect run exports GIT_DIR: without unsetting it, git -C BEFORE_BUILD (and prebuild.sh's checkouts)
# would read and move the bisected worktree
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX GIT_COMMON_DIR
c=$head
before=$(git -C "$BEFORE_BUILD" rev-parse --short=7 HEAD)
while [ "$c" != "$before" ] && [ -z "$(git -C "$repo" diff --name-only "$c^1" "$c" -- '*/src/main/*' '*pom.xml')" ]; do
  c=$(git -C "$repo" rev-parse --short=7 "$c^1")
done
if [ "$c" = "$before" ]; then
  cli=$BEFORE_BUILD/mentor
else
  [ -x "$BUILDS/$c/mentor" ] || "$BUILDS/prebuild.sh" "$c"
  [ -x "$BUILDS/$c/mentor" ] || exit 125
  cli=$BUILDS/$c/mentor
fi
export ISSUE21_LIB=1 HELP_CACHE="$R/help"
mkdir -p "$HELP_CACHE"
# shellcheck source=issue21-before-after.sh
source "$HERE/issue21-before-after.sh"
name=$method${DISTILL_WARMUP:+-w$DISTILL_WARMUP}  # the reference run R/before/NAME
out="$R/bisect-$name/$head"
[ "$c" != "$head" ] && echo "$head: build of $c" > "$out.build"
# a run that stops (a guard, an error) where the reference finished is a difference too
run_method "$cli" "$out" "$method" "$R/before/supervised"
ran=$?
python3 "$HERE/issue21-compare.py" "$R/before/$name" "$out" > "$out.compare"
rc=$?
echo "$head (build $c, $cli): exit $ran; $(head -1 "$out.compare"); $(tail -n1 "$out.stderr" 2>/dev/null | cut -c1-160)" >> "$R/bisect-$name.log"
exit $rc
