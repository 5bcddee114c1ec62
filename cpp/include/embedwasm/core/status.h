#pragma once
// The core is the memory-safety boundary: it never throws across its API and never
// aborts on bad input. Every fallible call returns a Status; the JS layer turns
// kOutOfRange into RangeError and kInvalidArgument into TypeError.
//
// A status about an option names it: with_field("learning_rate") makes the message
// "<context>learning_rate <detail>" and keeps the name in field(). Options named inside
// the text (a rule between two of them) are written option_name("min_value"). Either
// way the name is spelled for its reader when the message is read: snake_case for C++
// callers by message(), camelCase for JS by the bindings (message(camel_case)), so no
// caller rewrites message text.
#include <string>
#include <string_view>
#include <utility>

namespace embedwasm {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,  // wrong type, shape, option or combination of options
  kOutOfRange = 2,       // a value outside its valid range (an id, a size, an offset)
  kResourceExhausted = 3 // an allocation the memory limit cannot hold
};

// An option's (or an argument's) snake_case name inside a status message, marked so
// that Status::message can spell it for its reader.
std::string option_name(std::string_view snake_name);

// How a reader spells a snake_case name (camel_case, for JS).
using NameSpelling = std::string (*)(std::string_view snake_name);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status invalid_argument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status out_of_range(std::string message) {
    return Status(StatusCode::kOutOfRange, std::move(message));
  }
  static Status resource_exhausted(std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(message));
  }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Option names spelled as the C++ API spells them (snake_case).
  std::string message() const { return message(nullptr); }
  // Option names spelled by `spelling` (as given when null).
  std::string message(NameSpelling spelling) const;
  // The option this status is about (snake_case), or "" when it names none.
  const std::string& field() const { return field_; }

  // The same status about option `name`, its message "<name> <message>".
  Status with_field(std::string_view name) const;
  // The same status with context in front of its message ("Dense: ...").
  Status prefixed(const std::string& prefix) const {
    Status s = *this;
    if (!is_ok()) s.message_ = prefix + message_;
    return s;
  }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;  // option names marked by option_name()
  std::string field_;
};

}  // namespace embedwasm

// Early return for Status-returning code paths.
#define EMBEDWASM_RETURN_IF_ERROR(expr)          \
  do {                                           \
    ::embedwasm::Status status_ = (expr);        \
    if (!status_.is_ok()) return status_;        \
  } while (0)
