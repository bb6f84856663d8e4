#!/usr/bin/env bash
# Installs the peer tokenizers the bench compares against into .cache/peers (git-ignored):
# Hugging Face `tokenizers` (the Rust library through its native Node binding) and `tiktoken`
# (OpenAI's, compiled to WASM). Needs node and npm; the bench skips the peers with a note without them.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$repo/.cache/peers"
mkdir -p "$target"
cp "$repo/tools/peers/package.json" "$target/package.json"
cd "$target"
npm install --no-audit --no-fund --omit=dev
echo "peers installed in $target"
