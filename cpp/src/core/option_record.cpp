#include "embedwasm/core/option_record.h"

namespace embedwasm {

OptionValue OptionValue::number(double x) {
  OptionValue v;
  v.kind_ = Kind::kNumber;
  v.number_ = x;
  return v;
}

OptionValue OptionValue::boolean(bool b) {
  OptionValue v;
  v.kind_ = Kind::kBool;
  v.boolean_ = b;
  return v;
}

OptionValue OptionValue::text(std::string s) {
  OptionValue v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(s);
  return v;
}

OptionValue OptionValue::record(OptionRecord r) {
  OptionValue v;
  v.kind_ = Kind::kRecord;
  v.record_ = std::make_shared<const OptionRecord>(std::move(r));
  return v;
}

const OptionRecord& OptionValue::record() const {
  static const OptionRecord kEmpty;
  return record_ ? *record_ : kEmpty;
}

bool OptionValue::operator==(const OptionValue& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::kNumber: return number_ == other.number_;
    case Kind::kBool: return boolean_ == other.boolean_;
    case Kind::kString: return text_ == other.text_;
    case Kind::kRecord: return record() == other.record();
  }
  return false;
}

const char* kind_name(OptionValue::Kind kind) {
  switch (kind) {
    case OptionValue::Kind::kNumber: return "a number";
    case OptionValue::Kind::kBool: return "a bool";
    case OptionValue::Kind::kString: return "a string";
    case OptionValue::Kind::kRecord: return "a record";
  }
  return "unknown";
}

void OptionRecord::set(std::string_view key, OptionValue value) {
  for (Entry& e : entries_) {
    if (e.first == key) {
      e.second = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::string(key), std::move(value));
}

const OptionValue* OptionRecord::find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

}  // namespace embedwasm
