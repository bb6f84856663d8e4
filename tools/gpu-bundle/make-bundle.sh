#!/usr/bin/env bash
# Builds the GPU bundle: a self-contained linux-x64 publish of ultrallada-train WITHOUT libtorch natives
# (-p:TorchBackend=external: it loads the machine's PyTorch libtorch through ULTRALLADA_LIBTORCH), a packed
# PG-19-sample split in 64K adaptive records, and gpu-check.sh. Writes OUT/ultrallada-gpu-bundle/ and
# OUT/ultrallada-gpu-bundle.tar.gz, and fails when the archive or the unpacked folder is over the size limit.
#
#   tools/gpu-bundle/make-bundle.sh [--out DIR] [--corpus DIR] [--tokenizer FILE|NAME] [--seq-len N] [--limit-mib N]
#
# The tokenizer defaults to `bytes` (259 ids): with a 200K vocabulary (o200k_base) the masked positions' fp32
# logits of one 64K record reach ~50 GB at high mask rates, which an H200 may not hold (docs/training.md).
#
# See docs/training.md, "On a GPU".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/out/gpu-bundle"
corpus="$root/../shared/pg19-sample"
tokenizer=bytes
seq_len=65536
limit_mib=64

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
need() { [[ $# -ge 2 && -n "$2" ]] || { echo "make-bundle.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) need "$@"; out="$2"; shift 2 ;;
    --corpus) need "$@"; corpus="$2"; shift 2 ;;
    --tokenizer) need "$@"; tokenizer="$2"; shift 2 ;;
    --seq-len) need "$@"; seq_len="$2"; shift 2 ;;
    --limit-mib) need "$@"; limit_mib="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "make-bundle.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -d "$corpus" ]] || { echo "make-bundle.sh: --corpus $corpus: no such folder (the PG-19 sample is ../shared/pg19-sample)" >&2; exit 2; }

bundle="$out/ultrallada-gpu-bundle"
work="$out/.build"
rm -rf "$bundle" "$work" "$out/ultrallada-gpu-bundle.tar.gz"
mkdir -p "$bundle" "$work"

# Publish from a copy of the sources: -p:TorchBackend=external restores a different package graph, and sharing
# the repository's obj/ folders with the everyday cpu build would make the two restores overwrite each other.
echo "make-bundle: copying sources to $work"
tar -C "$root" --exclude=bin --exclude=obj -cf - Directory.Build.props Directory.Packages.props global.json .editorconfig eng src | tar -C "$work" -xf -

# Trimmed, partially: only the .NET framework's own assemblies are trimmed (TorchSharp, ScottPlot and ours stay
# whole, so their reflection keeps working); that takes the app from about 102 MiB to about 51 MiB. The data
# library reads manifests with reflection-based System.Text.Json, which a trimmed app turns off unless told.
echo "make-bundle: publishing ultrallada-train (self-contained linux-x64, TorchBackend=external, framework trimmed)"
dotnet publish "$work/src/UltraLLaDA.Training.Cli" -c Release -r linux-x64 --self-contained true \
  -p:TorchBackend=external -p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true \
  -p:JsonSerializerIsReflectionEnabledByDefault=true -nodeReuse:false -o "$bundle/app" >"$work/publish.log" 2>&1 \
  || { tail -40 "$work/publish.log" >&2; echo "make-bundle.sh: dotnet publish failed (log: $work/publish.log)" >&2; exit 1; }
if ls "$bundle/app" | grep -Eq '^lib(torch|c10)'; then
  echo "make-bundle.sh: the publish carries libtorch natives; TorchBackend=external did not take effect" >&2; exit 1
fi
# No debug symbols in the bundle: not needed to run it.
find "$bundle/app" -name '*.pdb' -delete

# Smoke test of the publish where this machine has the CPU libtorch package TorchSharp goes with (any normal build
# restores it): the bundle must load a libtorch from ULTRALLADA_LIBTORCH and run doctor.
cpu_libtorch="${NUGET_PACKAGES:-$HOME/.nuget/packages}/libtorch-cpu-linux-x64/$(sed -n 's:.*<LibTorchVersion>\(.*\)</LibTorchVersion>.*:\1:p' "$root/Directory.Packages.props")/runtimes/linux-x64/native"
if [[ -f "$cpu_libtorch/libtorch_cpu.so" ]]; then
  echo "make-bundle: smoke test: doctor with ULTRALLADA_LIBTORCH=$cpu_libtorch"
  ULTRALLADA_LIBTORCH="$cpu_libtorch" "$bundle/app/ultrallada-train" doctor --json >"$work/doctor.json" \
    || { cat "$work/doctor.json" >&2; echo "make-bundle.sh: the published app does not run doctor" >&2; exit 1; }
  grep -q '"libtorch_source": "ULTRALLADA_LIBTORCH"' "$work/doctor.json" \
    || { cat "$work/doctor.json" >&2; echo "make-bundle.sh: the published app did not load the libtorch it was given" >&2; exit 1; }
else
  echo "make-bundle: no CPU libtorch package at $cpu_libtorch: smoke test skipped"
fi

echo "make-bundle: packing $corpus (adaptive, seq_len $seq_len, tokenizer $tokenizer)"
dotnet build "$work/src/UltraLLaDA.Data.Cli" -c Release -nodeReuse:false >"$work/data-build.log" 2>&1 \
  || { tail -40 "$work/data-build.log" >&2; echo "make-bundle.sh: building ultrallada-data failed" >&2; exit 1; }
pack_split() {
  local cmd=(dotnet "$work/src/UltraLLaDA.Data.Cli/bin/Release/net10.0/ultrallada-data.dll" pack --input "$corpus" --input-format pg19
             --split "$1" --layout adaptive --seq-len "$2" --out "$3" --no-progress)
  "${cmd[@]}" --tokenizer "$tokenizer"
}
pack_split train "$seq_len" "$bundle/data"
pack_split validation "$seq_len" "$bundle/data"
# The same tokenizer in 4K records, validation and test splits only: 20 updates of these take seconds on a CPU, so
# a GPU machine can set its CUDA losses next to CPU losses of the same updates (docs/training.md, "On a GPU").
pack_split validation 4096 "$bundle/data-4k"
pack_split test 4096 "$bundle/data-4k"

cp "$here/gpu-check.sh" "$bundle/gpu-check.sh"
chmod +x "$bundle/gpu-check.sh" "$bundle/app/ultrallada-train"
cat >"$bundle/README.txt" <<TXT
UltraLLaDA GPU bundle (made $(date -u +%Y-%m-%dT%H:%MZ) from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown))
app/           self-contained ultrallada-train (linux-x64), no libtorch: it loads the one ULTRALLADA_LIBTORCH names
data/          the PG-19 sample's train and validation splits in $seq_len-token adaptive records (tokenizer $tokenizer)
data-4k/       its validation and test splits in 4096-token records, for a quick CPU-versus-GPU loss comparison
gpu-check.sh   doctor, 20 bf16 updates of 'small' with activation checkpointing, eval-ppl: ./gpu-check.sh --help
Needs an installed PyTorch 2.10 (found with python3) or --libtorch DIR (torch/lib or libtorch/lib of 2.10).
TXT

rm -rf "$work"
tar -C "$out" -czf "$out/ultrallada-gpu-bundle.tar.gz" ultrallada-gpu-bundle
folder_bytes=$(du -sb "$bundle" | cut -f1)
archive_bytes=$(stat -c %s "$out/ultrallada-gpu-bundle.tar.gz")
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "make-bundle: $bundle: $(mib "$folder_bytes") unpacked (app $(mib "$(du -sb "$bundle/app" | cut -f1)"), data $(mib "$(du -sb "$bundle/data" | cut -f1)"), data-4k $(mib "$(du -sb "$bundle/data-4k" | cut -f1)"))"
echo "make-bundle: $out/ultrallada-gpu-bundle.tar.gz: $(mib "$archive_bytes")"
if (( archive_bytes > limit_mib * 1048576 || folder_bytes > limit_mib * 1048576 )); then
  echo "make-bundle.sh: the bundle is over --limit-mib $limit_mib (archive or unpacked folder)" >&2; exit 1
fi
