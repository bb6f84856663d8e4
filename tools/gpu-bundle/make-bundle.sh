#!/usr/bin/env bash
# Builds the GPU bundle: a self-contained linux-x64 publish of ultrallada-train WITHOUT libtorch natives
# (-p:TorchBackend=external: it loads the machine's PyTorch libtorch through ULTRALLADA_LIBTORCH), a packed
# PG-19-sample split in 64K adaptive records, and gpu-check.sh. Writes OUT/ultrallada-gpu-bundle/ and
# OUT/ultrallada-gpu-bundle.tar.gz and refuses to finish when the archive is over the size limit.
#
#   tools/gpu-bundle/make-bundle.sh [--out DIR] [--corpus DIR] [--tokenizer FILE|NAME] [--seq-len N] [--limit-mib N]
#
# See docs/training.md, "On a GPU".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/out/gpu-bundle"
corpus="$root/../shared/pg19-sample"
tokenizer=""
seq_len=65536
limit_mib=64

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
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

echo "make-bundle: publishing ultrallada-train (self-contained linux-x64, TorchBackend=external)"
dotnet publish "$work/src/UltraLLaDA.Training.Cli" -c Release -r linux-x64 --self-contained true \
  -p:TorchBackend=external -nodeReuse:false -o "$bundle/app" >"$work/publish.log" 2>&1 \
  || { tail -40 "$work/publish.log" >&2; echo "make-bundle.sh: dotnet publish failed (log: $work/publish.log)" >&2; exit 1; }
if ls "$bundle/app" | grep -Eq '^lib(torch|c10)'; then
  echo "make-bundle.sh: the publish carries libtorch natives; TorchBackend=external did not take effect" >&2; exit 1
fi
# No debug symbols in the bundle: they are a third of its size and not needed to run it.
find "$bundle/app" -name '*.pdb' -delete

echo "make-bundle: packing $corpus (adaptive, seq_len $seq_len)"
dotnet build "$work/src/UltraLLaDA.Data.Cli" -c Release -nodeReuse:false >"$work/data-build.log" 2>&1 \
  || { tail -40 "$work/data-build.log" >&2; echo "make-bundle.sh: building ultrallada-data failed" >&2; exit 1; }
pack=(dotnet "$work/src/UltraLLaDA.Data.Cli/bin/Release/net10.0/ultrallada-data.dll" pack --input "$corpus" --input-format pg19
      --split all --layout adaptive --seq-len "$seq_len" --out "$bundle/data" --no-progress)
[[ -n "$tokenizer" ]] && pack+=(--tokenizer "$tokenizer")
"${pack[@]}"

cp "$here/gpu-check.sh" "$bundle/gpu-check.sh"
chmod +x "$bundle/gpu-check.sh" "$bundle/app/ultrallada-train"
cat >"$bundle/README.txt" <<TXT
UltraLLaDA GPU bundle (made $(date -u +%Y-%m-%dT%H:%MZ) from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown))
app/           self-contained ultrallada-train (linux-x64), no libtorch: it loads the one ULTRALLADA_LIBTORCH names
data/          the PG-19 sample packed in $seq_len-token adaptive records (train/, validation/, test/)
gpu-check.sh   doctor, 20 bf16 updates of 'small' with activation checkpointing, eval-ppl: ./gpu-check.sh --help
Needs an installed PyTorch 2.10 (found with python3) or --libtorch DIR (torch/lib or libtorch/lib of 2.10).
TXT

rm -rf "$work"
tar -C "$out" -czf "$out/ultrallada-gpu-bundle.tar.gz" ultrallada-gpu-bundle
folder_bytes=$(du -sb "$bundle" | cut -f1)
archive_bytes=$(stat -c %s "$out/ultrallada-gpu-bundle.tar.gz")
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "make-bundle: $bundle: $(mib "$folder_bytes") unpacked (app $(mib "$(du -sb "$bundle/app" | cut -f1)"), data $(mib "$(du -sb "$bundle/data" | cut -f1)"))"
echo "make-bundle: $out/ultrallada-gpu-bundle.tar.gz: $(mib "$archive_bytes")"
if (( archive_bytes > limit_mib * 1048576 )); then
  echo "make-bundle.sh: the archive is over --limit-mib $limit_mib" >&2; exit 1
fi
