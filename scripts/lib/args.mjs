// The command line of every script and benchmark runner: node:util parseArgs (strict:
// an unknown option is an error), plus what parseArgs lacks: integer options, options and
// positionals limited to a list of words, and one way to fail (the message and the usage
// on stderr, exit status 2).
import { parseArgs } from 'node:util';

/**
 * readArgs({name, usage, options, positionals, argv}) -> {...values, positionals}
 *   options: as parseArgs's, and per option optionally
 *     min: N        a string option whose value must be an integer >= N, returned as a
 *                   number (its `default` is given as a number too);
 *     choices: [..] the allowed values (each value, for a `multiple` option).
 *   positionals: undefined (none allowed), true (any), or the allowed words.
 */
export function readArgs({ name, usage, options = {}, positionals, argv = process.argv.slice(2) }) {
  const plain = Object.fromEntries(Object.entries(options).map(([key, { min, choices, default: value, ...o }]) => (
    [key, min === undefined && value !== undefined ? { ...o, default: value } : o])));
  try {
    const parsed = parseArgs({ args: argv, options: plain, allowPositionals: positionals !== undefined, strict: true });
    const values = { ...parsed.values };
    for (const [key, { min, choices, default: value, multiple }] of Object.entries(options)) {
      if (min !== undefined) {
        const check = (text) => {
          const n = Number(text);
          if (!(text !== '' && Number.isInteger(n) && n >= min)) throw new RangeError(`--${key} must be an integer >= ${min}, got '${text}'`);
          return n;
        };
        values[key] = values[key] === undefined ? value : multiple ? values[key].map(check) : check(values[key]);
      }
      if (choices && values[key] !== undefined) {
        for (const v of [values[key]].flat()) {
          if (!choices.includes(v)) throw new RangeError(`--${key} must be one of ${choices.join(', ')}, got '${v}'`);
        }
      }
    }
    if (Array.isArray(positionals)) {
      for (const p of parsed.positionals) {
        if (!positionals.includes(p)) throw new RangeError(`unknown argument '${p}' (one of ${positionals.join(', ')})`);
      }
    }
    return { ...values, positionals: parsed.positionals };
  } catch (error) {
    console.error(`${name}: ${error.message}${usage ? `\nusage: ${usage}` : ''}`);
    process.exit(2);
  }
}

/** The given `keys` of parsed values back as arguments ("--key=value", once per value) for a child. */
export function passArgs(values, keys) {
  return keys.flatMap((key) => [values[key] ?? []].flat().map((v) => `--${key}=${v}`));
}
