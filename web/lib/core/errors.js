// The core reports {code, message}; users of a JS library expect typed errors. The
// bindings already spell option names as JS does (Status::message(camel_case)). Codes
// mirror embedwasm::StatusCode (cpp/include/embedwasm/core/status.h).
const OK = 0;
const INVALID_ARGUMENT = 1;
const OUT_OF_RANGE = 2;
const RESOURCE_EXHAUSTED = 3;

/** Throws the JS error matching a core status; returns nothing when it is OK. */
export function throwIfError(status, where) {
  if (status.code === OK) return;
  const message = `${where}: ${status.message}`;
  // A size the memory limit cannot hold is a value out of range, as an array length is.
  if (status.code === OUT_OF_RANGE || status.code === RESOURCE_EXHAUSTED) throw new RangeError(message);
  if (status.code === INVALID_ARGUMENT) throw new TypeError(message);
  throw new Error(message);
}
