#!/usr/bin/env bash
# Issue 20's measured run (not CI): KILLS random `kill -9` of a pack job, each followed by `--resume`,
# counting how many resumed splits are byte-identical to an uninterrupted run's.
#   tools/crash/sigkill-resume.sh [KILLS=100] [FORMAT=megatron] [SEED=20]
# The job is the issue's: the pg19-mini books as JSONL x12 (plus an empty and a null text),
# --layout eod --records-per-shard 2 --workers 2, killed after a random delay in [0, one run's time),
# then resumed with --workers 1. Every attempt writes to the same folder path as the reference, so
# the Megatron blend (absolute prefixes) and the manifest compare byte for byte. A kill that lands
# after the job ended is counted, not failed. Exits non-zero if any resume fails or differs.
set -uo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-100}
format=${2:-megatron}
seed=${3:-20}
cli=src/UltraLLaDA.Data.Cli/bin/Debug/net10.0/ultrallada-data.dll
[ -f "$cli" ] || dotnet build src/UltraLLaDA.Data.Cli -v q >/dev/null || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy of the build: a rebuild during the run must not change the program between the reference and a resume.
cp -r "$(dirname "$cli")" "$work/cli"
cli="$work/cli/$(basename "$cli")"

python3 - "$work/train.jsonl" <<'PY'
import glob, json, sys
books = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("samples/pg19-mini/*/*.txt"))]
with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as out:
    for copy in range(12):
        for b, text in enumerate(books):
            out.write(json.dumps({"text": text, "title": f"book {b} copy {copy}"}) + "\n")
        if copy == 3:
            out.write('{"text": "", "title": "empty"}\n{"text": null, "title": "null"}\n')
PY

pack() { dotnet "$cli" pack --input "$work/train.jsonl" --split train --layout eod --format "$format" --records-per-shard 2 --no-progress --out "$work/out" "$@"; }
# Backgrounded, a shell function runs in a subshell: exec makes $! the job's own pid, so kill -9 hits the job.
pack_exec() { exec dotnet "$cli" pack --input "$work/train.jsonl" --split train --layout eod --format "$format" --records-per-shard 2 --no-progress --out "$work/out" "$@"; }

start=$(date +%s%N)
pack --workers 2 >/dev/null || { echo "the reference run failed"; exit 1; }
run_ms=$(( ($(date +%s%N) - start) / 1000000 ))
mv "$work/out" "$work/reference"
echo "reference: $(ls "$work/reference/train" | wc -l) files, one run ${run_ms} ms (load $(cut -d' ' -f1-3 /proc/loadavg))"

RANDOM=$seed
mid=0 after=0 identical=0 different=0 failed=0
for attempt in $(seq 1 "$kills"); do
  rm -rf "$work/out"
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % run_ms ))
  pack_exec --workers 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then mid=$((mid + 1)); else after=$((after + 1)); fi
  wait "$pid" 2>/dev/null
  if ! pack --resume --workers 1 >"$work/resume.log" 2>&1; then
    failed=$((failed + 1)); echo "attempt $attempt (kill after ${delay_ms} ms): resume failed: $(tail -3 "$work/resume.log")"; continue
  fi
  if diff -r -q "$work/reference" "$work/out" >"$work/diff.log"; then
    identical=$((identical + 1))
  else
    different=$((different + 1)); echo "attempt $attempt (kill after ${delay_ms} ms): differs: $(head -3 "$work/diff.log")"
  fi
  [ $((attempt % 10)) -eq 0 ] && echo "after $attempt kills: $identical identical, $different different, $failed resumes failed"
done

echo "$kills kills of the $format job ($mid while it ran, $after after it ended): $identical identical, $different different, $failed resumes failed"
[ "$different" -eq 0 ] && [ "$failed" -eq 0 ]
