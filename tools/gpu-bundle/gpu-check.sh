#!/usr/bin/env bash
# The GPU check of the bundle (tools/gpu-bundle/make-bundle.sh): doctor, then N training updates of a model on the
# bundle's 64K adaptive records in bf16 with activation checkpointing, then eval-ppl; prints step time, tokens/s,
# peak device memory and the loss of every update.
#
#   ./gpu-check.sh [--shape small|paper] [--device cuda|cuda:N|cpu] [--libtorch DIR] [--steps 20] [--model small]
#                  [--dtype bf16] [--data DIR] [--eval-data DIR] [--out DIR] [--threads N] [--eval-windows 4]
#                  [--eval-samples 2] [--cli "COMMAND"]
#
#   --shape      small (default): the above; paper: the recipe's shape, 2 updates of llada-8b (random weights) on the
#                64K adaptive records with bf16 optimizer state and activation checkpointing at lr 2e-5, the memory
#                plan's prediction printed beside the measured peak; no eval-ppl (--model/--steps still override)
#   --device     cuda (default), cuda:N, or cpu: the same steps on the CPU
#   --libtorch   the libtorch to load (sets ULTRALLADA_LIBTORCH): torch/lib of PyTorch 2.10 or libtorch/lib; default:
#                $ULTRALLADA_LIBTORCH, else the torch/lib of the PyTorch that python3 imports
#   --data       training shards (default: the bundle's data/train); --eval-data: default data/validation
#   --out        run folder (default: a new folder under ./runs)
#   --cli        how to run ultrallada-train, split on spaces (default: the bundle's app/ultrallada-train)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
device=cuda
libtorch="${ULTRALLADA_LIBTORCH:-}"
steps=20
model=small
dtype=bf16
data="$here/data/train"
eval_data="$here/data/validation"
out=""
threads=0
eval_windows=4
eval_samples=2
cli="$here/app/ultrallada-train"

shape=small
model_given=""
steps_given=""
usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "gpu-check.sh: $*" >&2; exit 2; }
need() { [[ $# -ge 2 && -n "$2" && "$2" != --* ]] || fail "$1 needs a value (see --help)"; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail "$1 must be a positive integer, not '$2'"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --device) need "$@"; device="$2"; shift 2 ;;
    --libtorch) need "$@"; libtorch="$2"; shift 2 ;;
    --shape) need "$@"; shape="$2"; shift 2 ;;
    --steps) need "$@"; positive "$1" "$2"; steps_given="$2"; shift 2 ;;
    --model) need "$@"; model_given="$2"; shift 2 ;;
    --dtype) need "$@"; dtype="$2"; shift 2 ;;
    --data) need "$@"; data="$2"; shift 2 ;;
    --eval-data) need "$@"; eval_data="$2"; shift 2 ;;
    --out) need "$@"; out="$2"; shift 2 ;;
    --threads) need "$@"; [[ "$2" =~ ^[0-9]+$ ]] || fail "--threads must be a number, not '$2'"; threads="$2"; shift 2 ;;
    --eval-windows) need "$@"; positive "$1" "$2"; eval_windows="$2"; shift 2 ;;
    --eval-samples) need "$@"; positive "$1" "$2"; eval_samples="$2"; shift 2 ;;
    --cli) need "$@"; cli="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
case "$device" in cpu|cuda|cuda:[0-9]*) ;; *) fail "--device must be cpu, cuda or cuda:N, not '$device'" ;; esac
case "$shape" in
  small) state=fp32; lr=3e-4; min_lr=3e-5 ;;
  paper) model=llada-8b; steps=2; state=bf16; lr=2e-5; min_lr=2e-6 ;;
  *) fail "--shape must be small or paper, not '$shape'" ;;
esac
[[ -n "$model_given" ]] && model="$model_given"
[[ -n "$steps_given" ]] && steps="$steps_given"
[[ -d "$data" ]] || fail "--data $data: no such folder"
[[ -d "$eval_data" ]] || fail "--eval-data $eval_data: no such folder"
read -r -a run <<<"$cli"
[[ ${#run[@]} -gt 0 ]] || fail "--cli is empty"
command -v "${run[0]}" >/dev/null || fail "cannot run '${run[0]}' (--cli; the bundle's is app/ultrallada-train: run make-bundle.sh first)"

# The bundle's app carries no libtorch: find the machine's PyTorch when no folder was given.
if [[ -z "$libtorch" && "${run[0]}" == "$here/app/ultrallada-train" ]]; then
  libtorch="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)" \
    || fail "no libtorch: give --libtorch DIR (torch/lib of PyTorch 2.10, or libtorch/lib) or install PyTorch 2.10 for python3"
fi
if [[ -n "$libtorch" ]]; then
  export ULTRALLADA_LIBTORCH="$libtorch"
fi

if [[ -z "$out" ]]; then
  mkdir -p "$here/runs"
  out="$here/runs/$(date -u +%Y%m%d-%H%M%S)-${device//:/}"
fi
[[ ! -e "$out" ]] || fail "--out $out already exists"
thread_args=()
(( threads > 0 )) && thread_args=(--threads "$threads")

echo "== gpu-check: doctor (--device $device)"
"${run[@]}" doctor --device "$device" "${thread_args[@]}"

echo "== gpu-check: train $model, $steps updates, $dtype, $state optimizer state, activation checkpointing, on $data"
train_log="$(mktemp)"
trap 'rm -f "$train_log"' EXIT
"${run[@]}" train --data "$data" --out "$out" --model "$model" --steps "$steps" --batch-size 1 \
  --device "$device" --dtype "$dtype" --activation-checkpointing --optimizer-state "$state" --lr "$lr" --min-lr "$min_lr" \
  --seed 1234 --log-every 1 --checkpoint-every "$steps" --no-plot "${thread_args[@]}" | tee "$train_log"

if [[ "$shape" == paper ]]; then
  echo "== gpu-check: summary (shape paper, device $device, model $model, $dtype, $state optimizer state)"
  grep -E '^(done|step time):' "$train_log"
  # The plan train printed before the first update, against what the run reached.
  planned="$(awk '/^  total \(peak\)/ {print $3; exit}' "$train_log")"
  measured="$(sed -n 's/.*peak device memory in use \([0-9.]*\) GiB.*/\1/p' "$train_log")"
  echo "peak memory: measured ${measured:-n/a (no CUDA device: see the RSS of this process)} GiB, plan ${planned} GiB"
  losses="$(grep -o '"loss":[^,]*' "$out/metrics.jsonl" | cut -d: -f2 | tr '\n' ' ')"
  echo "losses of updates 1..$steps: $losses"
  echo "run folder: $out"
  echo "gpu-check: OK"
  exit 0
fi

echo "== gpu-check: eval-ppl on $eval_data"
eval_line="$("${run[@]}" eval-ppl --data "$eval_data" --checkpoint "$out" --device "$device" --dtype "$dtype" \
  --samples "$eval_samples" --max-windows "$eval_windows" "${thread_args[@]}")"
echo "$eval_line"

echo "== gpu-check: summary (device $device, model $model, $dtype)"
grep -E '^(done|step time):' "$train_log"
losses="$(grep -o '"loss":[^,]*' "$out/metrics.jsonl" | cut -d: -f2 | tr '\n' ' ')"
echo "losses of updates 1..$steps: $losses"
echo "run folder: $out"
echo "gpu-check: OK"
