// Word2Vec's options: gensim 4's names in camelCase, with gensim's defaults, as the core's
// schema states them (word2vec_schema(), cpp/include/embedwasm/word2vec/word2vec_trainer.h).
import { OPTIONS, buildRecord, checkNames } from '../core/option_schema.js';
import { show } from '../core/options.js';

const SCHEMA = OPTIONS.schemas.word2vec;
// sg, hs and cbow_mean are 0 / 1 integers in gensim; true and false are taken for them too.
const FLAGS = SCHEMA.fields.filter((f) => f.type === 'integer' && f.low === 0 && f.high === 1).map((f) => f.option);

/** Checked options with defaults filled in; `null`/`undefined` mean the default (gensim's None). */
export function word2vecOptions(options, where) {
  checkNames(where, SCHEMA, options);
  const given = {};
  for (const [name, v] of Object.entries(options)) {
    if (v === undefined || v === null) continue;
    if (FLAGS.includes(name)) {
      if (v !== 0 && v !== 1 && v !== true && v !== false) throw new RangeError(`${where}: option '${name}' must be 0 or 1, got ${show(v)}`);
      given[name] = Number(v);
    } else {
      given[name] = v;
    }
  }
  return buildRecord(where, SCHEMA, given);
}
