#include "embedwasm/core/option_schema.h"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace embedwasm {

std::string camel_case(std::string_view snake_name) {
  std::string out;
  out.reserve(snake_name.size());
  bool upper = false;
  for (char c : snake_name) {
    if (c == '_') {
      upper = !out.empty();
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char text[32];
  // Whole numbers as integers ("10", not "1e+01"), as JS prints them up to 1e21.
  if (std::trunc(x) == x && std::fabs(x) < 1e21) {
    std::snprintf(text, sizeof text, "%.0f", x);
    return text;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, x);
    if (std::strtod(text, nullptr) == x) break;
  }
  return text;
}

std::string OptionField::has_key() const {
  std::string k = "has" + key;
  if (k.size() > 3 && k[3] >= 'a' && k[3] <= 'z') k[3] = static_cast<char>(k[3] - 'a' + 'A');
  return k;
}

const OptionField* OptionSchema::find(std::string_view name) const {
  for (const OptionField& f : fields_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

namespace option_schema_detail {
namespace {

// Integers cross as JS numbers: beyond 2^53 - 1 a bound is "no bound".
constexpr double kSafeInteger = 9007199254740991.0;

bool in_range(const OptionField& f, long double x) {
  if (std::isnan(x)) return false;
  const long double low = f.low, high = f.high;
  const bool above_low = f.low_open ? x > low : x >= low;
  const bool below_high = f.high_open ? x < high : x <= high;
  return above_low && below_high;
}

// float32 parameters are bounded by FLT_MAX (beyond it a weight would be inf).
constexpr double kFloat32Max = FLT_MAX;

std::string range_text(const OptionField& f) {
  const bool integer = f.type == OptionType::kInteger;
  const bool float32 = f.low == -kFloat32Max || f.high == kFloat32Max;
  const bool no_low = std::isinf(f.low) || (integer && f.low <= -kSafeInteger) || f.low == -kFloat32Max;
  const bool no_high = std::isinf(f.high) || (integer && f.high >= kSafeInteger) || f.high == kFloat32Max;
  const std::string what = integer ? "an integer" : float32 ? "a finite float32 value" : "a finite number";
  if (no_low && no_high) return "must be " + what;
  if (no_high && std::isinf(f.high) && !f.high_open) {
    return std::string("must be ") + (f.low_open ? "> " : ">= ") + format_number(f.low) + " (infinity allowed)";
  }
  const std::string prefix = integer ? "must be " : "must be " + what + " ";
  if (no_high) return prefix + (f.low_open ? "> " : ">= ") + format_number(f.low);
  if (no_low) return prefix + (f.high_open ? "< " : "<= ") + format_number(f.high);
  return std::string("must be in ") + (f.low_open ? "(" : "[") + format_number(f.low) + ", " +
         format_number(f.high) + (f.high_open ? ")" : "]");
}

}  // namespace

Status check_number(const OptionField& f, double x) {
  if (in_range(f, x)) return Status::ok();
  return Status::out_of_range(range_text(f) + ", got " + format_number(x)).with_field(f.name);
}

Status check_integer(const OptionField& f, long double x) {
  if (std::isfinite(x) && std::trunc(x) != x) {
    return Status::invalid_argument("must be an integer, got " + format_number(static_cast<double>(x)))
        .with_field(f.name);
  }
  if (in_range(f, x)) return Status::ok();
  // Exact: format_number would round a large int64 to 17 digits.
  char text[48];
  std::snprintf(text, sizeof text, "%.0Lf", x);
  const std::string got = std::isfinite(x) ? std::string(text) : format_number(static_cast<double>(x));
  return Status::out_of_range(range_text(f) + ", got " + got).with_field(f.name);
}

Status check_kind(const OptionField& f, const OptionValue& v, OptionValue::Kind kind) {
  if (v.kind() == kind) return Status::ok();
  return Status::invalid_argument(std::string("must be ") + kind_name(kind) + ", got " + kind_name(v.kind()))
      .with_field(f.name);
}

Status check_choice(const OptionField& f, const std::string& s) {
  std::string list;
  for (size_t i = 0; i < f.choices.size(); ++i) list += (i ? ", '" : "'") + f.choices[i] + "'";
  return Status::invalid_argument("must be one of " + list + ", got '" + s + "'").with_field(f.name);
}

}  // namespace option_schema_detail

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_names(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + json_quote(names[i]);
  return out + "]";
}

std::string to_json(const OptionValue& value) {
  switch (value.kind()) {
    case OptionValue::Kind::kNumber:
      // JSON has no infinity; no default is one.
      return std::isfinite(value.number()) ? format_number(value.number()) : "null";
    case OptionValue::Kind::kBool:
      return value.boolean() ? "true" : "false";
    case OptionValue::Kind::kString:
      return json_quote(value.text());
    case OptionValue::Kind::kRecord: {
      std::string out = "{";
      const auto& entries = value.record().entries();
      for (size_t i = 0; i < entries.size(); ++i) {
        out += (i ? "," : "") + json_quote(entries[i].first) + ":" + to_json(entries[i].second);
      }
      return out + "}";
    }
  }
  return "null";
}

namespace {

const char* type_name(OptionType type) {
  switch (type) {
    case OptionType::kNumber: return "number";
    case OptionType::kInteger: return "integer";
    case OptionType::kBool: return "boolean";
    case OptionType::kString: return "string";
    case OptionType::kChoice: return "choice";
    case OptionType::kRecord: return "record";
  }
  return "unknown";
}

std::string field_json(const OptionField& f) {
  std::string out = "{\"name\":" + json_quote(f.name) + ",\"key\":" + json_quote(f.key) +
                    ",\"option\":" + json_quote(camel_case(f.name)) + ",\"type\":\"" + type_name(f.type) +
                    "\",\"default\":" + to_json(f.default_value);
  if (f.type == OptionType::kNumber || f.type == OptionType::kInteger) {
    if (std::isfinite(f.low)) out += ",\"low\":" + format_number(f.low);
    if (std::isfinite(f.high)) out += ",\"high\":" + format_number(f.high);
    if (std::isinf(f.high) && !f.high_open) out += ",\"admitsInfinity\":true";
    out += std::string(",\"lowOpen\":") + (f.low_open ? "true" : "false");
    out += std::string(",\"highOpen\":") + (f.high_open ? "true" : "false");
    out += ",\"expect\":" + json_quote(option_schema_detail::range_text(f));
  }
  if (!f.choices.empty()) out += ",\"choices\":" + json_names(f.choices);
  if (f.nested != nullptr) {
    out += ",\"schema\":" + json_quote(f.nested->name()) + ",\"fields\":[";
    const auto& fields = f.nested->fields();
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + field_json(fields[i]);
    out += "]";
  }
  if (f.flat) out += ",\"flat\":true";
  if (f.optional) out += ",\"optional\":true,\"hasKey\":" + json_quote(f.has_key());
  if (f.random_seed) out += ",\"randomSeed\":true";
  if (f.slot) out += ",\"slot\":true";
  return out + "}";
}

}  // namespace

std::string to_json(const OptionSchema& schema) {
  std::string out = "{\"name\":" + json_quote(schema.name()) + ",\"fields\":[";
  const auto& fields = schema.fields();
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + field_json(fields[i]);
  return out + "]}";
}

}  // namespace embedwasm
