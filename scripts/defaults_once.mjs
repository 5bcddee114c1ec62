// Shows where each option's default is written: for every field of every schema the
// engine publishes (dist/core/option_schemas.js, written by scripts/build.sh dist), the
// code lines in cpp/ and web/lib/ that give the option - by its C++ name or its JS name -
// a literal value (`name = 0.01;`, `name{1}`, `name: 0.01,`, `name ?? 0.01)`,
// `countOption(.., 'name', 10)`, `spec->name = 0.001;`). One place per spec that owns a
// field of that name is the goal (its member initializer), plus one line per optimizer
// algorithm with a default of its own (adam's learning rate, in adam.cpp). Comments and
// message text are not code and are skipped; NOT_DEFAULTS lists the matches reviewed as
// something else that shares an option's name.
// Usage: node scripts/defaults_once.mjs [--verbose]
// Exits 1 when an option is written in more places than that.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { readArgs } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = readArgs({
  name: 'defaults_once', usage: 'node scripts/defaults_once.mjs [--verbose]',
  options: { verbose: { type: 'boolean', default: false } },
});
const table = path.join(root, 'dist/core/option_schemas.js');
if (!existsSync(table)) {
  console.error('defaults_once: no dist/core/option_schemas.js; run scripts/build.sh dist first');
  process.exit(2);
}
const { OPTION_SCHEMAS } = await import(pathToFileURL(table).href);

// Every field by its C++ name: its JS names and the specs that own a field of that name
// (the schema it sits in directly). A spec's name or kind is its identity, not a tunable
// option, and is left out.
const IDENTITIES = new Set(['name', 'kind']);
const options = new Map();
function collect(schema, owner) {
  for (const f of schema.fields) {
    if (f.slot) continue;
    if (f.type === 'record') {
      collect(f, f.schema);
      continue;
    }
    if (IDENTITIES.has(f.name)) continue;
    const o = options.get(f.name) ?? { names: new Set([f.name]), owners: new Set() };
    o.names.add(f.option);
    o.names.add(f.key);
    o.owners.add(owner);
    options.set(f.name, o);
  }
}
for (const [name, schema] of Object.entries(OPTION_SCHEMAS.schemas)) collect(schema, name);
for (const [kind, layer] of Object.entries(OPTION_SCHEMAS.layers)) {
  collect(layer.record, kind);
  if (layer.layerOptions) collect(layer.layerOptions, `${kind}.layerOptions`);
}

// Each optimizer algorithm whose own default of a field differs from OptimizerSpec's
// writes it once more, in its own file.
const algorithms = Object.values(OPTION_SCHEMAS.optimizers);
const optimizer = OPTION_SCHEMAS.schemas.optimizer;
function allowedPlaces(name, owners) {
  const field = optimizer.fields.find((f) => f.name === name && !f.slot);
  const own = field ? algorithms.filter((a) => a.defaults[field.key] !== field.default).length : 0;
  return owners.size + own;
}

// Matches reviewed as not an option's default: [file prefix, text on the line, why].
const NOT_DEFAULTS = [
  ['cpp/bindings/word2vec.h', 'alpha = 0', 'Word2VecProgressJs: the learning rate reached, reported to JS'],
  ['cpp/include/embedwasm/word2vec/word2vec_trainer.h', 'alpha = 0.0;', 'Word2VecProgress: the learning rate of the next word'],
  ['cpp/bindings/vectors.h', 'components = 0', 'PcaReportJs: the components a PCA found, reported to JS'],
  ['cpp/include/embedwasm/layers/param.h', 'bool sparse', "Param: whether a weight's gradient is sparse (set from the table's option)"],
  ['cpp/src/vector_files/float_text.cpp', 'negative', 'a sign while parsing a float'],
  ['cpp/include/embedwasm/fasttext/fasttext_trainer.h', 'double loss = 0.0', "TrainProgress: the mean loss reached, reported to JS"],
  ['cpp/bindings/fasttext.h', 'tokens_per_second = 0', "FastTextProgressJs: fastText training's report to JS"],
  ['cpp/include/embedwasm/model/sequential.h', 'double loss = 0.0', "the batch's loss, reported"],
  ['cpp/include/embedwasm/word2vec/word2vec_trainer.h', 'double loss = 0.0', "Word2VecProgress: the loss reached, reported"],
  ['cpp/src/', 'loss = 0', "a local sum of losses, not fastText's loss option"],
  ['cpp/include/embedwasm/fasttext/training_loss.h', 'loss = 0.0', "TrainState: the loss summed so far"],
  ['cpp/include/embedwasm/fasttext/training_loss.h', 'TrainState(size_t dim = 0', "TrainState's constructor: an empty state"],
  ['cpp/include/embedwasm/fasttext/fasttext_trainer.h', 'double lr = 0.0', "TrainProgress: the learning rate reached"],
  ['cpp/include/embedwasm/fasttext/product_quantizer.h', '= 0;', "ProductQuantizer: the layout a model file gives"],
  ['cpp/include/embedwasm/fasttext/model_matrix.h', 'bool qnorm = false', "QuantizedMatrix: whether a file's matrix has quantized norms"],
  ['cpp/include/embedwasm/fasttext/args.h', 'bool qout = false', "Args: whether a model file's output matrix is quantized, as read from it"],
  ['cpp/bindings/word2vec.h', 'double epoch = 0', 'Word2VecProgressJs: the epoch reached, reported to JS'],
  ['cpp/include/embedwasm/word2vec/word2vec_trainer.h', 'int64_t epoch = 0', 'Word2VecProgress: the epoch reached'],
  ['cpp/src/word2vec/word2vec_trainer.cpp', 'label', 'the target of one output (1 positive, 0 noise)'],
  ['web/lib/model/sequential.js', '{ loss: 0', "the logs' running sums, not an option"],
  ['', 'for (', "a loop counter (t, ...), not an option's default"],
  ['web/lib/worker/', 'threads', "init()'s threads option for the worker's engine, not Word2Vec's threads"],
  ['cpp/include/embedwasm/word2vec/corpus.h', 'max_vocab_size = 0', "CorpusBuilder's default argument: no pruning (a C++ API)"],
  ['cpp/include/embedwasm/word2vec/vocabulary.h', 'max_vocab_size = 0', "WordCounter's default argument: no pruning (a C++ API)"],
  ['web/lib/files/tfjs_topology.js', "activation: 'activation'", "the layer kinds' names in TF.js's layers format, not a default"],
  ['web/lib/files/tfjs_topology.js', "activation: 'Activation'", "the layer kinds' class names in TF.js's layers format, not a default"],
  ['web/lib/fasttext/fasttext.js', "mode: 'mean'", "a fastText row is the mean of its subword rows: the bag it seeds must average, whatever embeddingBag's default"],
  ['web/lib/fasttext/index.d.ts', '', 'type declarations: literal types, not values'],
  ['web/lib/layers/regularization.js', 'PRESETS', "Keras' l1()/l2()/l1_l2() factor 0.01: a JS shorthand with no C++ counterpart"],
];
const reviewed = (line) => NOT_DEFAULTS.find(([file, text]) => line.startsWith(file) && line.includes(text));

const literal = String.raw`(-?[0-9][0-9.]*(e-?[0-9]+)?f?|true|false|"[^"]*"|'[^']*'|([A-Z][A-Za-z0-9]*::)?k[A-Z][A-Za-z0-9]*|0x[0-9A-Fa-f]+)`;
function places(names) {
  const alternatives = [...names].map((n) => n.replace(/[^A-Za-z0-9_]/g, '')).join('|');
  // POSIX classes for git grep; the same patterns as JS regexps re-check each line.
  const patterns = [
    String.raw`(^|[^A-Za-z0-9_>.])(${alternatives})[[:space:]]*(=|\{|:|\?\?)[[:space:]]*${literal}[[:space:]]*[],;})]`,
    String.raw`'(${alternatives})',[[:space:]]*${literal}[[:space:]]*\)`,
    String.raw`->(${alternatives})[[:space:]]*=[[:space:]]*${literal}[[:space:]]*;`,
  ];
  let out = '';
  try {
    out = execFileSync('git', ['grep', '-n', '-E', ...patterns.flatMap((p) => ['-e', p]), '--', 'cpp', 'web/lib'],
      { cwd: root, encoding: 'utf8' });
  } catch (e) {
    if (e.status !== 1) throw e;  // 1: no match
  }
  const jsPatterns = patterns.map((p) => new RegExp(p.replaceAll('[[:space:]]', String.raw`\s`).replace('[],;})]', String.raw`[\],;})]`)));
  return out.split('\n').filter((line) => {
    if (!line) return false;
    const code = line.replace(/^[^:]+:\d+:/, '').trim();
    if (/^(\/\/|\*|\/\*)/.test(code)) return false;
    // Message text ("... (hs: 0)") is not code either.
    const unquoted = code.replace(/"(\\.|[^"\\])*"/g, '""').replace(/`[^`]*`/g, '``');
    return jsPatterns.some((re) => re.test(unquoted));
  });
}

let over = 0;
let once = 0;
let derived = 0;
const notDefaults = new Set();
for (const [name, o] of [...options].sort(([a], [b]) => a.localeCompare(b))) {
  const all = places(o.names);
  const found = all.filter((line) => !reviewed(line));
  for (const line of all.filter(reviewed)) notDefaults.add(`${line.replace(/:\s+/, ': ')}  <- ${reviewed(line)[2]}`);
  const allowed = allowedPlaces(name, o.owners);
  const status = found.length === 0 ? 'derived' : found.length <= allowed ? 'ok' : 'MORE';
  if (status === 'derived') derived += 1;
  else if (status === 'ok') once += 1;
  else over += 1;
  if (args.verbose || status === 'MORE') {
    console.log(`${status.padEnd(7)} ${name} (owned by ${[...o.owners].join(', ')}): ${found.length} place(s), ${allowed} allowed`);
    for (const line of found) console.log(`          ${line}`);
  }
}
if (args.verbose) {
  console.log('Matches reviewed as not an option default:');
  for (const line of notDefaults) console.log(`          ${line}`);
}
console.log(`${options.size} options: ${once} with their default written once per spec that owns one ` +
  `(plus once per algorithm with its own), ${derived} with no literal default (another struct's member, a lambda, or an optional), ` +
  `${over} written more often`);
process.exit(over === 0 ? 0 : 1);
