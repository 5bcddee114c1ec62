#pragma once
// What every binding adapter shares: statuses for JS, option records from JS objects,
// the option schemas JS reads, and heap pointers.
//
// The bindings are adapters, no math. Each area of the core has a <area>.h with its
// adapter classes and a <area>.cpp with its EMSCRIPTEN_BINDINGS block; only those .cpp
// files include emscripten/bind.h, so the core and its tests build natively. JS passes
// options as plain objects, which become OptionRecords that the core's schemas read (no
// binding lists an option), and data as pointers into the wasm heap that it allocated
// (one call per batch); it gets back a {code, message} status, option names spelled as
// JS spells them, that web/lib turns into RangeError / TypeError. Nothing here throws.
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "embedwasm/core/option_record.h"
#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/shape.h"
#include "embedwasm/core/status.h"

namespace embedwasm::bindings {

struct StatusJs {
  int code = 0;
  std::string message;
};

inline StatusJs to_js(const Status& s) { return StatusJs{static_cast<int>(s.code()), s.message(camel_case)}; }

// The record a JS object holds: numbers, booleans, strings and nested plain objects;
// undefined values are left out. Anything else is kInvalidArgument naming the key.
Status record_from_js(const emscripten::val& object, OptionRecord* out);

// Adds a schema, or a named JSON table (the optimizer algorithms, the layer kinds), to
// what optionSchemas() returns: {"schemas": {name: schema}, name: table, ...}. Each area's
// EMSCRIPTEN_BINDINGS block publishes its own; scripts/write_option_schemas.mjs writes
// the result to dist/core/option_schemas.js at build time.
// Both are kept as given and turned into JSON only when asked, so loading the module costs
// nothing for them.
void publish_schema(const OptionSchema& (*schema)());

// The spec a JS options object describes, read by the spec's schema.
template <typename Spec>
Status spec_from_js(const emscripten::val& object, const Schema<Spec>& schema, Spec* out) {
  OptionRecord record;
  EMBEDWASM_RETURN_IF_ERROR(record_from_js(object, &record));
  return schema.read(record, out);
}
void publish_table(const char* name, std::string (*json)());

template <typename T>
T* ptr(uintptr_t address) {
  return reinterpret_cast<T*>(address);
}

inline Shape read_shape(uintptr_t shape_ptr, uint32_t rank) {
  const uint32_t* dims = ptr<const uint32_t>(shape_ptr);
  return Shape(dims, dims + rank);
}

}  // namespace embedwasm::bindings
