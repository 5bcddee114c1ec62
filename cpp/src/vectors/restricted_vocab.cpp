#include "vectors/restricted_vocab.h"

#include <algorithm>

namespace embedwasm::vectors::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

}  // namespace

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::unordered_map<std::string, int32_t> restricted_vocab(const KeyedVectors& kv, size_t restrict_vocab,
                                                          bool case_insensitive) {
  const size_t rows = restrict_vocab == 0 ? kv.size() : std::min(restrict_vocab, kv.size());
  std::unordered_map<std::string, int32_t> vocab;
  vocab.reserve(rows);
  for (size_t r = 0; r < rows; ++r) {
    // emplace keeps the first row for a key, as gensim's dict built over reversed rows does.
    vocab.emplace(case_insensitive ? ascii_upper(kv.word(r)) : kv.word(r), static_cast<int32_t>(r));
  }
  return vocab;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> split_whitespace(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) parts.push_back(line.substr(start, i - start));
  }
  return parts;
}

}  // namespace embedwasm::vectors::detail
