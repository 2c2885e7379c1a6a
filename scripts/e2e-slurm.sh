#!/usr/bin/env bash
# End-to-end test of the README's SLURM recipe on a real scheduler (opt-in: `npm run e2e:slurm`, not part of npm test).
#
# Needs: SLURM and MUNGE (Debian: `apt install slurm-wlm munge`) and either a running cluster that `scontrol ping`
# reaches, or root, in which case the script starts a private one-node cluster on this machine (its own slurm.conf,
# munge key and ports in a temporary folder) and stops it at the end. Needs the repo built (`npm ci`).
#
# What it checks, each against a single-machine sweep of the same grid (cells.parquet, cellstats.f64, summary.csv):
#   1. the README's array script (--array=0-3, --requeue), one task requeued while it runs (it resumes its folder),
#      then `resnet merge` as a job with --dependency=afterok;
#   2. a sparse, throttled array (--array=1-7:2%2: tasks 1,3,5,7, two at a time), whose shard index follows
#      SLURM_ARRAY_TASK_MIN/STEP/COUNT.
# Exit 0 when both merged folders equal the single-machine one; non-zero with the reason otherwise.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
resnet_bin="$repo/apps/cli/bin/resnet.js"
grid=(--depths 5..40 --seeds 400)
deadline=$((SECONDS + ${E2E_TIMEOUT:-900}))

fail() { echo "e2e:slurm: FAIL: $*" >&2; exit 1; }
need() { echo "e2e:slurm: $*" >&2; exit 2; }

for cmd in sbatch squeue scontrol sinfo; do
  command -v "$cmd" >/dev/null || need "needs SLURM's client commands ($cmd not found): apt install slurm-wlm munge"
done
[ -f "$repo/apps/cli/dist/main.js" ] || need "needs the repo built: run npm ci in $repo first"

work=$(mktemp -d "${TMPDIR:-/tmp}/resnet-e2e-slurm-XXXXXX")
pids=()
cleanup() {
  local code=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$code" -eq 0 ] && [ -z "${E2E_KEEP:-}" ]; then rm -rf "$work"; else echo "e2e:slurm: logs and folders kept in $work" >&2; fi
}
trap cleanup EXIT

# 1. A cluster: the one configured here, or a private one-node cluster (root only).
if scontrol ping >/dev/null 2>&1; then
  echo "e2e:slurm: using the running cluster ($(scontrol ping | head -1))"
else
  [ "$(id -u)" -eq 0 ] || need "no SLURM controller answers (scontrol ping) and starting a private one needs root"
  for cmd in slurmctld slurmd munged; do
    command -v "$cmd" >/dev/null || need "needs $cmd to start a private cluster: apt install slurm-wlm munge"
  done
  host=$(hostname -s)
  mkdir -p "$work/munge" "$work/state" "$work/spool"
  head -c 1024 /dev/urandom >"$work/munge/munge.key"
  chmod 700 "$work/munge"
  chmod 400 "$work/munge/munge.key"
  munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.sock" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"
  pids+=("$(cat "$work/munge/munged.pid")")
  port=$((20000 + RANDOM % 20000))
  cat >"$work/slurm.conf" <<CONF
ClusterName=resnet-e2e
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=e2e Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$work/slurm.conf"
  slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
  pids+=("$!")
  slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
  pids+=("$!")
  until sinfo -h -o '%t' 2>/dev/null | grep -qE '^idle'; do
    [ $SECONDS -lt $deadline ] || fail "the private cluster did not come up (see $work/slurmctld.log)"
    sleep 1
  done
  echo "e2e:slurm: private one-node cluster up ($host, $(nproc) CPUs, SLURM_CONF=$SLURM_CONF)"
fi

# Waits until job $1 (and all its array tasks) has left the queue; fails on the deadline.
wait_job() {
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    [ $SECONDS -lt $deadline ] || fail "job $1 still queued or running after the deadline"
    sleep 1
  done
}
# The job's final state (scontrol keeps finished jobs for MinJobAge, 300 s by default).
job_state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' '; }
same_as_single() {
  for f in cells.parquet cellstats.f64 summary.csv; do
    cmp -s "$work/single/$f" "$1/$f" || fail "$1/$f differs from the single-machine sweep's"
  done
}

echo "e2e:slurm: single-machine reference: resnet sweep ${grid[*]}"
node "$resnet_bin" sweep "${grid[@]}" --out "$work/single" --no-report --quiet >/dev/null

# 2. The README's array script, with the resnet of this checkout on PATH.
mkdir -p "$work/bin" "$work/logs"
ln -s "$resnet_bin" "$work/bin/resnet"
export PATH="$work/bin:$PATH"
cat >"$work/sweep.sh" <<SCRIPT
#!/bin/bash
#SBATCH --job-name=resnet-sweep
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --requeue
#SBATCH --output=$work/logs/%A_%a.out
resnet sweep ${grid[*]} --threads "\$SLURM_CPUS_PER_TASK" --out "$work/shards/shard-\$SLURM_ARRAY_TASK_ID" --no-report
SCRIPT
jobid=$(sbatch --parsable "$work/sweep.sh")
echo "e2e:slurm: array job $jobid submitted (--array=0-3)"
merge=$(sbatch --parsable --dependency=afterok:"$jobid" --output="$work/logs/merge.out" \
  --wrap "resnet merge $work/shards/shard-* --out $work/merged --quiet")

# Requeue task 0 once it has committed work but not finished: it must resume its folder, not start over.
journal="$work/shards/shard-0/.resume/journal.jsonl"
until [ -s "$journal" ] || [ -f "$work/shards/shard-0/manifest.json" ]; do
  [ $SECONDS -lt $deadline ] || fail "task 0 never started writing $work/shards/shard-0"
  sleep 0.05
done
requeued=no
if [ ! -f "$work/shards/shard-0/manifest.json" ]; then
  scontrol requeue "${jobid}_0" && requeued=yes
  # A requeued job waits (its BeginTime is set ~2 minutes ahead) before it may start again: once it is pending,
  # let it start at once.
  until squeue -h -j "${jobid}_0" -o '%T' 2>/dev/null | grep -q PENDING; do
    [ $SECONDS -lt $deadline ] || fail "the requeued task ${jobid}_0 never returned to the queue"
    sleep 0.2
  done
  scontrol update JobId="${jobid}_0" StartTime=now >/dev/null
  echo "e2e:slurm: requeued task ${jobid}_0 while it ran"
fi
wait_job "$jobid"
wait_job "$merge"
[ -f "$work/merged/manifest.json" ] ||
  fail "the merge job left no merged folder (array: $(job_state "$jobid"); merge: $(job_state "$merge"); see $work/logs)"
same_as_single "$work/merged"
if [ "$requeued" = yes ]; then
  grep -q '"resumed": *[1-9]' "$work/shards/shard-0/manifest.json" ||
    fail "the requeued task 0 did not resume its folder (manifest run.resumed is 0)"
  echo "e2e:slurm: the requeued task resumed its folder"
else
  echo "e2e:slurm: task 0 finished before it could be requeued; the requeue was not exercised" >&2
fi
echo "e2e:slurm: README array + requeue + dependent merge: merged folder equals the single-machine sweep"

# 3. A sparse, throttled array: ids 1,3,5,7 (min 1, step 2, count 4), at most two running at once.
sed -e 's/--array=0-3/--array=1-7:2%2/' -e "s#$work/shards/#$work/sparse/#" "$work/sweep.sh" >"$work/sparse.sh"
jobid=$(sbatch --parsable "$work/sparse.sh")
wait_job "$jobid"
ls -d "$work"/sparse/shard-* | tr '\n' ' '
echo
node "$resnet_bin" merge "$work"/sparse/shard-* --out "$work/sparse-merged" --quiet >/dev/null
same_as_single "$work/sparse-merged"
echo "e2e:slurm: sparse throttled array (--array=1-7:2%2): merged folder equals the single-machine sweep"
echo "e2e:slurm: PASS"
