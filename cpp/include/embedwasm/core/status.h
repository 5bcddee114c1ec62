#pragma once
// The core is the memory-safety boundary: it never throws across its API and never
// aborts on bad input. Every fallible call returns a Status; the JS layer turns
// kOutOfRange into RangeError and kInvalidArgument into TypeError.
#include <string>
#include <utility>

namespace embedwasm {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,  // wrong type, shape, option or combination of options
  kOutOfRange = 2,       // a value outside its valid range (an id, a size, an offset)
  kResourceExhausted = 3 // an allocation the memory limit cannot hold
};

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
  const std::string& message() const { return message_; }
  // The same status with context in front of its message ("Dense: ...").
  Status prefixed(const std::string& prefix) const {
    return is_ok() ? *this : Status(code_, prefix + message_);
  }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace embedwasm

// Early return for Status-returning code paths.
#define EMBEDWASM_RETURN_IF_ERROR(expr)          \
  do {                                           \
    ::embedwasm::Status status_ = (expr);        \
    if (!status_.is_ok()) return status_;        \
  } while (0)
