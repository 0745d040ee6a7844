#!/usr/bin/env bash
# A real distributed run on a one-node Slurm cluster on this machine: installs Debian's slurm-wlm and munge when
# they are missing, starts munged (unless one runs), slurmctld and slurmd on localhost with a private config,
# submits ci-suite.json as a 3-task job array plus the dependent merge job (submit.sh), waits, runs the same suite
# in one process and checks with bench-diff that the merged results.csv holds the same cells and objectives.
# Everything it started is stopped at the end, also on failure.
#
#   benchmarks/slurm/test-local-cluster.sh          (as root, on Debian or Ubuntu; used by .ci/run)
#
# Environment: SLURM_TEST_DIR (default: a new temporary directory) holds the config, logs and results;
# SLURM_TEST_TIMEOUT (default 600) bounds the wait for the jobs in seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${SLURM_TEST_DIR:-$(mktemp -d /tmp/planner-slurm.XXXXXX)}"
timeout="${SLURM_TEST_TIMEOUT:-600}"
shards=3
mkdir -p "$work"
log() { echo "slurm-test: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs packages and starts the Slurm daemons)."
  exit 2
fi

# --- install -------------------------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
  log "installing slurm-wlm and munge"
  # no init system in containers: keep the packages' postinst scripts from starting daemons with their default config
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  status=0
  (apt-get update -qq && apt-get install -y -qq slurm-wlm munge >/dev/null) || status=$?
  [ "$created_policy" -eq 1 ] && rm -f "$policy"
  if [ "$status" -ne 0 ]; then
    log "could not install slurm-wlm and munge (apt-get exit $status)."
    exit 1
  fi
fi

# --- daemons ---------------------------------------------------------------------------------------------------
started_munged=0
array_job=""
merge_job=""
conf="$work/slurm.conf"
export SLURM_CONF="$conf"

cleanup() {
  local status=$?
  set +e
  if [ -n "$array_job$merge_job" ] && [ -f "$conf" ]; then
    scancel $array_job $merge_job 2>/dev/null
  fi
  for daemon in slurmd slurmctld; do
    local pidfile="$work/$daemon.pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null
      rm -f "$pidfile"
    fi
  done
  if [ "$started_munged" -eq 1 ] && [ -f "$work/munged.pid" ]; then
    kill "$(cat "$work/munged.pid")" 2>/dev/null
    rm -f "$work/munged.pid"
  fi
  if [ "$status" -ne 0 ]; then
    log "FAILED (exit $status); logs in $work:"
    for file in "$work"/slurmctld.log "$work"/slurmd.log "$work"/run/logs/*; do
      [ -f "$file" ] && { echo "--- $file" >&2; tail -n 20 "$file" >&2; }
    done
  else
    log "daemons stopped"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "using the munged that is already running"
else
  [ -f /etc/munge/munge.key ] || { mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null \
    || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; }
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  runuser -u munge -- munged
  started_munged=1
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
  munge -n | unmunge >/dev/null || { log "munged did not start."; exit 1; }
  cp /run/munge/munged.pid "$work/munged.pid"
fi

host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p "$work/state" "$work/spool"
cat > "$conf" <<CONF
# One-node cluster for the planner's distributed-run test; written by benchmarks/slurm/test-local-cluster.sh.
ClusterName=planner-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=${SLURM_TEST_CTLD_PORT:-6817}
SlurmdPort=${SLURM_TEST_SLURMD_PORT:-6818}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
log "starting slurmctld and slurmd ($host, $cpus CPUs) with $conf"
slurmctld -f "$conf"
slurmd -f "$conf"
deadline=$((SECONDS + 60))
until [ "$(sinfo -h -n "$host" -o %T 2>/dev/null | tr -d '*~#')" = "idle" ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "the node did not become idle: $(sinfo -h -N -o '%N %T %E' 2>&1)"
    exit 1
  fi
  sleep 1
done
log "cluster up: $(sinfo -h -o '%P %D %T %C')"

# --- the distributed run ---------------------------------------------------------------------------------------
[ -f "$root/planner/target/planner.jar" ] || "$root/planner/bin/planner" build
suite="$root/benchmarks/slurm/ci-suite.json"
read -r array_job merge_job < <("$root/benchmarks/slurm/submit.sh" "$suite" "$work/run" "$shards")
log "submitted array job $array_job (tasks 1-$shards) and merge job $merge_job"
deadline=$((SECONDS + timeout))
while [ -n "$(squeue -h -j "$array_job,$merge_job" -o %i 2>/dev/null)" ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "the jobs did not finish within $timeout s: $(squeue -h -j "$array_job,$merge_job" -o '%i %T %R')"
    exit 1
  fi
  sleep 2
done
states="$(scontrol -o show job "$array_job" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' ')"
merge_state="$(scontrol -o show job "$merge_job" | grep -o 'JobState=[A-Z_]*')"
log "array tasks:$states; merge: $merge_state"
tasks="$(scontrol -o show job "$array_job" | grep -c 'JobState=COMPLETED' || true)"
if [ "$tasks" -ne "$shards" ] || [ "$merge_state" != "JobState=COMPLETED" ]; then
  log "not every job completed."
  exit 1
fi
for i in $(seq "$shards"); do
  [ -d "$work/run/shard-$i/cells" ] || { log "shard $i wrote no cells."; exit 1; }
done

# --- the same suite in one process, and the comparison ----------------------------------------------------------
"$root/planner/bin/planner" bench --suite "$suite" --out "$work/single" 2> "$work/single.log" \
  || { tail -n 5 "$work/single.log" >&2; exit 1; }
"$root/planner/bin/planner" bench-diff "$work/run/merged" "$work/single"
log "passed in ${SECONDS} s: the merged results of $shards Slurm array tasks equal the single-process run ($work)"
