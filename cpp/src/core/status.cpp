#include "embedwasm/core/status.h"

namespace embedwasm {
namespace {

// ASCII separators cannot appear in an option name, and no message has other reason to
// hold them.
constexpr char kNameStart = '\x1e';
constexpr char kNameEnd = '\x1f';

}  // namespace

std::string option_name(std::string_view snake_name) {
  std::string marked;
  marked.reserve(snake_name.size() + 2);
  marked += kNameStart;
  marked += snake_name;
  marked += kNameEnd;
  return marked;
}

std::string Status::message(NameSpelling spelling) const {
  std::string out;
  out.reserve(message_.size());
  for (size_t i = 0; i < message_.size(); ++i) {
    if (message_[i] != kNameStart) {
      out += message_[i];
      continue;
    }
    const size_t end = message_.find(kNameEnd, i + 1);
    if (end == std::string::npos) break;
    const std::string_view name(message_.data() + i + 1, end - i - 1);
    out += spelling != nullptr ? spelling(name) : std::string(name);
    i = end;
  }
  return out;
}

Status Status::with_field(std::string_view name) const {
  if (is_ok()) return *this;
  Status s(code_, option_name(name) + " " + message_);
  s.field_ = std::string(name);
  return s;
}

}  // namespace embedwasm
