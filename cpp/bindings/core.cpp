// Embind registrations every part of the module shares: the status record, option records
// and schemas, which build was loaded, and the heap counter leak tests read.
#include <emscripten/bind.h>
#include <malloc.h>

#include <utility>
#include <vector>

#include "bindings/core.h"
#include "embedwasm/core/thread_pool.h"

namespace embedwasm::bindings {
namespace {

using emscripten::val;

bool simd_build() {
#if defined(__wasm_simd128__)
  return true;
#else
  return false;
#endif
}

bool threads_build() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  return true;
#else
  return false;
#endif
}

// Bytes malloc has handed out and not taken back: what leak tests watch, since the
// wasm memory itself never shrinks.
// mallinfo's fields are int: past 2 GiB the count reads negative unless taken as unsigned.
double heap_bytes_in_use() { return static_cast<double>(static_cast<uint32_t>(mallinfo().uordblks)); }

// Filled by the EMSCRIPTEN_BINDINGS blocks as the module starts; read afterwards.
std::vector<const OptionSchema& (*)()>& published_schemas() {
  static std::vector<const OptionSchema& (*)()> schemas;
  return schemas;
}
std::vector<std::pair<const char*, std::string (*)()>>& published_tables() {
  static std::vector<std::pair<const char*, std::string (*)()>> tables;
  return tables;
}

std::string option_schemas() {
  std::string out = "{\"schemas\":{";
  const auto& schemas = published_schemas();
  for (size_t i = 0; i < schemas.size(); ++i) {
    const OptionSchema& schema = schemas[i]();
    out += (i ? "," : "") + json_quote(schema.name()) + ":" + to_json(schema);
  }
  out += "}";
  for (const auto& [name, json] : published_tables()) out += "," + json_quote(name) + ":" + json();
  return out + "}";
}

Status value_from_js(const val& v, const std::string& key, bool* present, OptionValue* out) {
  const std::string type = v.typeOf().as<std::string>();
  *present = true;
  if (type == "undefined") {
    *present = false;
  } else if (type == "number") {
    *out = OptionValue::number(v.as<double>());
  } else if (type == "boolean") {
    *out = OptionValue::boolean(v.as<bool>());
  } else if (type == "string") {
    *out = OptionValue::text(v.as<std::string>());
  } else if (type == "object" && !v.isNull() && !val::global("Array").call<bool>("isArray", v)) {
    OptionRecord nested;
    EMBEDWASM_RETURN_IF_ERROR(record_from_js(v, &nested).prefixed(key + ": "));
    *out = OptionValue::record(std::move(nested));
  } else {
    return Status::invalid_argument("option '" + key + "' must be a number, boolean, string or object, got " +
                                    (v.isNull() ? std::string("null") : type));
  }
  return Status::ok();
}

}  // namespace

Status record_from_js(const val& object, OptionRecord* out) {
  *out = OptionRecord();
  if (object.typeOf().as<std::string>() != "object" || object.isNull()) {
    return Status::invalid_argument("options must be an object");
  }
  const val keys = val::global("Object").call<val>("keys", object);
  const unsigned n = keys["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    const std::string key = keys[i].as<std::string>();
    bool present = false;
    OptionValue value;
    EMBEDWASM_RETURN_IF_ERROR(value_from_js(object[key], key, &present, &value));
    if (present) out->set(key, std::move(value));
  }
  return Status::ok();
}

void publish_schema(const OptionSchema& (*schema)()) { published_schemas().push_back(schema); }

void publish_table(const char* name, std::string (*json)()) { published_tables().emplace_back(name, json); }

}  // namespace embedwasm::bindings

EMSCRIPTEN_BINDINGS(embedwasm_core) {
  using namespace emscripten;
  using namespace embedwasm::bindings;

  value_object<StatusJs>("Status")
      .field("code", &StatusJs::code)
      .field("message", &StatusJs::message);

  function("simdBuild", &simd_build);
  function("heapBytesInUse", &heap_bytes_in_use);
  function("threadsBuild", &threads_build);
  // Threads the hot paths split their work over (core/thread_pool.h), the caller's included.
  function("threadCount", &embedwasm::thread_count);
  function("setThreadCount", &embedwasm::set_thread_count);
  function("startThreads", &embedwasm::start_threads);
  // JSON text: the build writes it into dist/core/option_schemas.js (see core.h).
  function("optionSchemas", &option_schemas);
}
