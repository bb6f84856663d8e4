#!/usr/bin/env bash
# The memory plan measured on the CPU: one training update per shard folder, under GNU time -v, and the process's
# peak RSS (high-water mark) beside the plan's CPU prediction that `train` prints at start (no CUDA context; the
# process's runtime counted). Prints one line per shape and the relative error.
#
#   tools/memory-bench/plan-vs-rss.sh --model MODEL.json [--cli "dotnet .../ultrallada-train.dll"] [--threads 2]
#                                     [--out DIR] [--extra "train flags"] DATA_DIR...
#
#   DATA_DIR   a split folder of shards (pack --tokenizer bytes --seq-len N); one shape each
#   --extra    more train flags, the same for every shape (e.g. "--activation-checkpointing")
set -euo pipefail

model=""
cli="dotnet src/UltraLLaDA.Training.Cli/bin/Release/net10.0/ultrallada-train.dll"
threads=2
out=""
extra=""
fail() { echo "plan-vs-rss.sh: $*" >&2; exit 2; }
data=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --extra) extra="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) fail "unknown option '$1' (see --help)" ;;
    *) data+=("$1"); shift ;;
  esac
done
[[ -n "$model" ]] || fail "--model is required"
[[ ${#data[@]} -gt 0 ]] || fail "give at least one shard folder"
[[ -x /usr/bin/time ]] || fail "needs GNU time (/usr/bin/time: apt-get install time)"
[[ -n "$out" ]] || out="$(mktemp -d)"
mkdir -p "$out"
read -r -a run <<<"$cli"
read -r -a more <<<"$extra"

printf '%-10s %12s %12s %8s %10s %s\n' "seq_len" "plan_gb" "peak_rss_gb" "error" "cpu_s" "data"
for folder in "${data[@]}"; do
  name="$(basename "$(dirname "$folder")")-$(basename "$folder")"
  log="$out/$name.log"
  rm -rf "$out/$name.run"
  /usr/bin/time -v "${run[@]}" train --data "$folder" --model "$model" --out "$out/$name.run" --steps 1 --batch-size 1 \
    --log-every 1 --no-plot --threads "$threads" "${more[@]}" >"$log" 2>&1 || { tail -5 "$log" >&2; fail "the run on $folder failed (log: $log)"; }
  seq_len="$(sed -n 's/.* records of \([0-9]*\) in .*/\1/p' "$log" | head -1)"
  plan="$(awk '/^  total \(peak\)/ {print $3; exit}' "$log")"
  rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  cpu="$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u + s}' "$log")"
  awk -v s="$seq_len" -v p="$plan" -v r="$rss_kb" -v c="$cpu" -v d="$folder" \
    'BEGIN { g = r / 1048576; printf "%-10s %12.3f %12.3f %+7.1f%% %10s %s\n", s, p, g, (p - g) / g * 100, c, d }'
done
