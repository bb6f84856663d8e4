// Makes the golden token ids for the C# tokenizer tests, using the Hugging Face reference.
//
//   bash .ci/fetch-tokenizers.sh            # real tokenizer.json files into .tokenizers/
//   (cd tools/golden && npm ci)             # the references below
//   node tools/golden/make-golden.mjs [name...]   # writes tests/UltraLLaDA.Data.Tests/TestData/tokenizers/<name>.golden.json
//
// Reference: `tokenizers` (Hugging Face's Rust library through its official Node binding; the same
// code as Python's tokenizers/transformers). Every id sequence is cross-checked with the pure-JS
// `@huggingface/tokenizers` (and, for o200k_base, with `js-tiktoken`); a disagreement is printed and
// recorded, and the Rust result is what the tests expect.
//
// Documents are ordinary text: "<|endoftext|>" inside a book must not become a special token. HF
// always matches added tokens in the input (there is no switch for it in encode), so the reference
// tokenizer is loaded from the same tokenizer.json with "added_tokens" emptied: the model, normalizer
// and pre-tokenizer are unchanged, and added-token strings are then encoded like any other text.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Tokenizer as JsTokenizer } from '@huggingface/tokenizers';
import { getEncoding } from 'js-tiktoken';

const require = createRequire(import.meta.url);
const rust = require('tokenizers');
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const outDir = path.join(repo, 'tests/UltraLLaDA.Data.Tests/TestData/tokenizers');
const tokenizerDir = path.join(repo, '.tokenizers');
const sampleDir = path.resolve(repo, '..', 'shared', 'pg19-sample');
const versions = {
  tokenizers: require('tokenizers/package.json').version,
  js: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/@huggingface/tokenizers/package.json'), 'utf8')).version,
  tiktoken: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/js-tiktoken/package.json'), 'utf8')).version,
};

// The fixed texts. Keep names stable: the C# tests report failures by name.
const cases = [
  ['english', "The quick brown fox jumps over the lazy dog. It's 5 o'clock; we'll see—won't we?"],
  ['prose', 'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of Darkness.\n\n"Well," said Mr. Lorry, "I suppose so."'],
  ['german', 'Größere Übungen für Straße und Fußgänger: ÄÖÜ äöü ß ẞ. Maß, Fuß, groß.'],
  ['russian', 'Съешь же ещё этих мягких французских булок, да выпей чаю. Ёжик в тумане.'],
  ['chinese', '我能吞下玻璃而不伤身体。机器学习很有趣！《红楼梦》第一回'],
  ['japanese', '私はガラスを食べられます。それは私を傷つけません。カタカナとひらがな、漢字。'],
  ['arabic', 'أنا قادر على أكل الزجاج و هذا لا يؤلمني. مرحبا بالعالم!'],
  ['hindi', 'मैं काँच खा सकता हूँ और मुझे उससे कोई चोट नहीं पहुंचती. नमस्ते दुनिया'],
  ['digits', '1 12 123 1234 12345 3.14159 1,000,000 2024-01-31 0x1F 99999999999999999999 ١٢٣٤ ５６７'],
  ['whitespace', 'a  b   c\t\td\n\n\ne \r\n f\r g   \n  h\u00A0i\u3000j\u2003k \u0085 l'],
  ['leading-trailing', '   leading and trailing   '],
  ['only-whitespace', '   \n\t  '],
  ['crlf-cr', 'line1\r\nline2\rline3\n\r\nline4\r\r\n\r\n\r\nend\r'],
  ['emoji', 'I ❤️ 🍕! 👨‍👩‍👧‍👦 family, 🇩🇪 🇯🇵 flags, 👍🏽 skin tone, 😀😃😄 ☺ ✌️'],
  ['astral', '𝔘𝔩𝔱𝔯𝔞 𝕃𝕃𝔸𝔻𝔸 𠀀𠀁 a𝔘b 😀abc 𝟏𝟐𝟑𝟒5 x𐍈y 𝔘,𝔘 \'𝔘 .😀. 𝟏𝟐\n𝔘'],
  ['contractions', "It's, I'LL, they're, we've, I'm, he'd, don't, DON'T, y'all 'S x'ſa x'Sa x'ſ x'K"],
  ['special-strings', 'Text with <|endoftext|> and <|end_of_text|> and <|im_end|> and <|begin_of_text|> <｜end▁of▁sentence｜> </s> <|endofprompt|> inside.'],
  ['bom-inside', 'a\uFEFFb \uFEFF c\uFEFF\uFEFFd\uFEFF'],
  ['unnormalized', 'Cafe\u0301 vs Café, A\u030A, \u212B, e\u0301\u0323, 한국어 \u1112\u1161\u11AB, \u0915\u093C \uFB01'],
  ['long-runs', '='.repeat(300) + ' ' + '-'.repeat(2000) + ' ' + 'a'.repeat(500) + ' '.repeat(1000) + 'x' + '\n'.repeat(200) + '9'.repeat(100)],
  ['code', 'def f(x):\n    return x**2  # comment\n\tif x != 0: print(f"{x}")\n}'],
  ['punctuation', 'Hello!!! What??? ...and---then..."quoted" \'single\' (paren) [bracket] {brace} <angle> /path/to/file.txt C:\\Windows ©®™ § ¶ • … – —'],
  ['empty', ''],
  ['marks', 'e\u0301\u0302 x\u0308\u0308 \u0915\u094D\u0937 \u05E9\u05C1\u05B8 \u0E01\u0E34\u0E4A'],
];

const sha256Hex = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const idsSha256 = (ids) => sha256Hex(Buffer.from(Uint32Array.from(ids).buffer));
const readBook = (file) => fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
const chunkOf = (text, max) => {
  let end = Math.min(max, text.length);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return text.slice(0, end);
};

function applySet(json, set) {
  for (const [dotted, value] of Object.entries(set ?? {})) {
    const keys = dotted.split('.');
    let target = json;
    for (const key of keys.slice(0, -1)) target = target[key];
    target[keys.at(-1)] = value;
  }
  return json;
}

function references(json) {
  const plain = { ...json, added_tokens: [] };
  return {
    rust: rust.Tokenizer.fromString(JSON.stringify(plain)),
    full: rust.Tokenizer.fromString(JSON.stringify(json)),
    js: new JsTokenizer(plain, {}),
  };
}

const rustIds = async (tok, text) => Array.from((await tok.encode(text, null, { addSpecialTokens: false })).getIds());
const same = (a, b) => a.length === b.length && a.every((v, i) => v === Number(b[i]));

let disagreements = 0;
async function encodeChecked(label, refs, text, extra) {
  const ids = await rustIds(refs.rust, text);
  const js = Array.from(refs.js.encode(text, { add_special_tokens: false }).ids);
  const agrees = { js: same(ids, js) };
  if (extra) agrees.tiktoken = same(ids, extra(text));
  for (const [who, ok] of Object.entries(agrees)) {
    if (!ok) {
      disagreements++;
      console.warn(`  ! ${label}: ${who} disagrees with the Rust reference`);
    }
  }
  return { ids, agrees };
}

function stringify(value) {
  // Two-space JSON with every array of numbers on one line, so diffs stay readable.
  return JSON.stringify(value, null, 2).replace(/\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]/g, (_, inner) => `[${inner.replace(/\s+/g, '')}]`) + '\n';
}

async function makeGolden({ name, file, source, tiktoken, variants }) {
  const jsonPath = path.join(tokenizerDir, file, 'tokenizer.json');
  if (!fs.existsSync(jsonPath)) {
    console.warn(`skip ${name}: ${jsonPath} is missing (run .ci/fetch-tokenizers.sh)`);
    return;
  }
  const jsonText = fs.readFileSync(jsonPath);
  const json = JSON.parse(jsonText);
  const refs = references(json);
  const extra = tiktoken ? ((enc) => (text) => enc.encode(text, [], []))(getEncoding(tiktoken)) : null;
  console.log(`${name}: ${jsonPath}`);

  const golden = {
    tokenizer: name,
    file: `.tokenizers/${file}/tokenizer.json`,
    source,
    tokenizer_sha256: sha256Hex(jsonText),
    reference: `tokenizers ${versions.tokenizers} (Hugging Face Rust, npm binding), encode with addSpecialTokens=false and added_tokens emptied; cross-checked with @huggingface/tokenizers ${versions.js}` + (tiktoken ? ` and js-tiktoken ${versions.tiktoken} (${tiktoken})` : ''),
    cases: [],
    decode: [],
    variants: [],
    sample_chunk: null,
    books: [],
  };

  for (const [caseName, text] of cases) {
    const { ids, agrees } = await encodeChecked(`${name}/${caseName}`, refs, text, extra);
    golden.cases.push({ name: caseName, text, ids, agrees });
  }

  // Decoding: ordinary ids, and ids with added tokens in between (rendered verbatim).
  const specials = (json.added_tokens ?? []).slice(0, 2).map((t) => t.id);
  const english = golden.cases.find((c) => c.name === 'english').ids;
  const astral = golden.cases.find((c) => c.name === 'astral').ids;
  for (const ids of [english, astral, [...english.slice(0, 5), ...specials, ...english.slice(5, 9)], [astral[0], ...specials, ...astral.slice(1, 4)]]) {
    golden.decode.push({ ids, text: await refs.full.decode(ids, false) });
  }

  for (const variant of variants ?? []) {
    const variantRefs = references(applySet(JSON.parse(jsonText), variant.set));
    const variantCases = [];
    for (const [caseName, text] of cases) {
      const { ids, agrees } = await encodeChecked(`${variant.name}/${caseName}`, variantRefs, text, null);
      variantCases.push({ name: caseName, ids, agrees });
    }
    golden.variants.push({ name: variant.name, cases: variantCases });
  }

  const chunkFile = path.join(sampleDir, 'train', '11.txt');
  if (fs.existsSync(chunkFile)) {
    const text = chunkOf(readBook(chunkFile), 200000);
    const { ids, agrees } = await encodeChecked(`${name}/train/11.txt chunk`, refs, text, extra);
    golden.sample_chunk = { file: 'train/11.txt', max_chars: 200000, chars: text.length, agrees, ids };
  }

  const trainDir = path.join(sampleDir, 'train');
  if (fs.existsSync(trainDir)) {
    for (const entry of fs.readdirSync(trainDir).filter((f) => f.endsWith('.txt')).sort()) {
      const text = readBook(path.join(trainDir, entry));
      const { ids, agrees } = await encodeChecked(`${name}/train/${entry}`, refs, text, extra);
      golden.books.push({ file: `train/${entry}`, chars: text.length, count: ids.length, sha256: idsSha256(ids), agrees });
    }
  }

  const out = path.join(outDir, `${name}.golden.json`);
  fs.writeFileSync(out, stringify(golden));
  console.log(`  wrote ${out}: ${golden.cases.length} cases, ${golden.variants.length} variants, ${golden.books.length} books`);
}

const only = process.argv.slice(2);
const variants = JSON.parse(fs.readFileSync(path.join(outDir, 'variants.json'), 'utf8')).variants;
const sources = (name) => fs.existsSync(path.join(tokenizerDir, name, '.source')) ? fs.readFileSync(path.join(tokenizerDir, name, '.source'), 'utf8').trim() : null;
for (const spec of [
  { name: 'llama3', file: 'llama3' },
  { name: 'qwen3', file: 'qwen3' },
  { name: 'deepseek_v3', file: 'deepseek_v3' },
  // o200k_base (the embedded default) against the GPT-4o tokenizer.json, which holds the same vocabulary.
  { name: 'o200k', file: 'gpt4o', tiktoken: 'o200k_base' },
].filter((spec) => only.length === 0 || only.includes(spec.name))) {
  await makeGolden({ ...spec, source: sources(spec.file), variants: variants.filter((v) => v.base === spec.name) });
}
console.log(disagreements === 0 ? 'all cross-checks agree' : `${disagreements} cross-check disagreements (see above)`);
