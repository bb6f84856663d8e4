// Times other tokenizers on the texts the bench hands over, so their figures sit beside ours from
// the same run, on the same bytes and the same machine load:
//   - Hugging Face `tokenizers` (Rust, native Node binding): `encode` one text at a time (one thread)
//     and `encodeBatch` over all texts (RAYON_NUM_THREADS threads, set by the bench);
//   - `tiktoken` (WASM, one thread), only when its encoding gives our ids on the probe text.
// Usage: node peers.mjs REQUEST.json; prints one JSON object on stdout.
// REQUEST: { peers_dir, texts_file (JSON array of strings), tokenizer_json, tiktoken_encoding,
//            probe_text, probe_ids, repeats }
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(path.join(request.peers_dir, 'package.json'));
const texts = JSON.parse(readFileSync(request.texts_file, 'utf8'));
const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
const repeats = request.repeats ?? 2;
const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

// Best of `repeats` timed runs, after one untimed run that warms the JIT and the peer's caches.
async function best(run) {
  await run();
  let seconds = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    await run();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return seconds;
}

async function huggingFace() {
  let Tokenizer;
  try {
    ({ Tokenizer } = require('tokenizers'));
  } catch (e) {
    return { note: `skipped: npm package tokenizers not installed (${e.code ?? e.message})` };
  }
  if (!request.tokenizer_json) return { note: 'skipped: no tokenizer.json for this tokenizer' };
  const tokenizer = Tokenizer.fromFile(request.tokenizer_json);
  const options = { addSpecialTokens: false };
  const probe = Array.from((await tokenizer.encode(request.probe_text, null, options)).getIds());
  const one = await best(async () => {
    for (const text of texts) await tokenizer.encode(text, null, options);
  });
  const batch = await best(() => tokenizer.encodeBatch(texts, options));
  return {
    one_thread_megabytes_per_second: megabytes / one,
    batch_megabytes_per_second: megabytes / batch,
    batch_threads: Number(process.env.RAYON_NUM_THREADS ?? 0) || null,
    same_ids_on_probe: sameIds(probe, request.probe_ids),
  };
}

async function tiktoken() {
  let getEncoding;
  try {
    ({ get_encoding: getEncoding } = require('tiktoken'));
  } catch (e) {
    return { note: `skipped: npm package tiktoken not installed (${e.code ?? e.message})` };
  }
  if (!request.tiktoken_encoding) return { note: 'skipped: no tiktoken encoding named' };
  const encoding = getEncoding(request.tiktoken_encoding);
  try {
    const probe = Array.from(encoding.encode_ordinary(request.probe_text));
    if (!sameIds(probe, request.probe_ids)) return { note: `skipped: ${request.tiktoken_encoding} gives other ids than this tokenizer` };
    const run = async () => {
      for (const text of texts) encoding.encode_ordinary(text);
    };
    return { one_thread_megabytes_per_second: megabytes / (await best(run)) };
  } finally {
    encoding.free();
  }
}

const result = { megabytes, documents: texts.length, hugging_face: await huggingFace(), tiktoken: await tiktoken() };
process.stdout.write(JSON.stringify(result) + '\n');
