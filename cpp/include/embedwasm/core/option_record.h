#pragma once
// An option record: options as JS builds them, the bindings hand them over and the model
// file stores them. Values are numbers (integers too, as JS numbers hold them), bools,
// strings or nested records; keys are the record's own spelling (OptionField::key) and
// keep their order, which is part of the model file's bytes.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embedwasm {

class OptionRecord;

class OptionValue {
 public:
  enum class Kind { kNumber, kBool, kString, kRecord };

  OptionValue() = default;  // the number 0
  static OptionValue number(double x);
  static OptionValue boolean(bool b);
  static OptionValue text(std::string s);
  static OptionValue record(OptionRecord r);

  Kind kind() const { return kind_; }
  // Each accessor needs the matching kind().
  double number() const { return number_; }
  bool boolean() const { return boolean_; }
  const std::string& text() const { return text_; }
  const OptionRecord& record() const;

  bool operator==(const OptionValue& other) const;
  bool operator!=(const OptionValue& other) const { return !(*this == other); }

 private:
  Kind kind_ = Kind::kNumber;
  double number_ = 0.0;
  bool boolean_ = false;
  std::string text_;
  std::shared_ptr<const OptionRecord> record_;
};

// What a value is, for "got ..." in a message: "a number", "a string", ...
const char* kind_name(OptionValue::Kind kind);

class OptionRecord {
 public:
  using Entry = std::pair<std::string, OptionValue>;

  // Replaces the value under key, or appends key.
  void set(std::string_view key, OptionValue value);
  // The value under key, or null.
  const OptionValue* find(std::string_view key) const;
  const std::vector<Entry>& entries() const { return entries_; }
  bool operator==(const OptionRecord& other) const { return entries_ == other.entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace embedwasm
