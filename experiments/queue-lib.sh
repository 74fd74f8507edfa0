# Shared by the session queues (sNN-queue.sh), which sessions 25-27 each wrote out in full:
#   wait_for_quiet_machine: returns once no other experiment script or training command of ours is running
#   fresh_clone_ci CLONE LOG [REPO]: clones REPO (default /work/main) into CLONE and runs `CI=true bash .ci/run` there,
#     as CI does on a fresh clone of main, with Mentor's own artifacts moved out of ~/.m2 meanwhile (so the clone must
#     build them itself) and put back after; LOG gets the commit, CI's output and its exit code and seconds. Does
#     nothing when CLONE exists (a rerun of the queue does not repeat it); refuses when an interrupted earlier run left
#     ~/.m2/mentor-aside behind.
wait_for_quiet_machine() {
  while pgrep -f "compute-table|issue18-budget|issue18-fit|issue18-leads|dev.mentor.cli.Main (train|fit)" > /dev/null; do
    sleep 30
  done
}
fresh_clone_ci() {
  local clone=$1 log=$2 repo=${3:-/work/main} start
  [ -e "$clone" ] && return
  if [ -e ~/.m2/mentor-aside ]; then # an earlier run stopped before it put the artifacts back: moving again would nest them
    echo "ci not run: ~/.m2/mentor-aside exists; put it back as ~/.m2/repository/dev/mentor first" > "$log"
    return 1
  fi
  git clone -q "$repo" "$clone"
  mv ~/.m2/repository/dev/mentor ~/.m2/mentor-aside 2>/dev/null
  start=$(date +%s)
  (cd "$clone" && git log --oneline -1 && CI=true bash .ci/run) > "$log" 2>&1
  echo "ci exit $? after $(( $(date +%s) - start )) s" >> "$log"
  rm -rf ~/.m2/repository/dev/mentor && mv ~/.m2/mentor-aside ~/.m2/repository/dev/mentor 2>/dev/null
}
