#include "embedwasm/vectors/word_pairs.h"

#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vectors/restricted_vocab.h"

namespace embedwasm::vectors {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// Python's float(s) for the decimal forms a pair file holds: surrounding whitespace
// allowed, the whole rest must be a number (digits, '.', exponent, inf, nan).
bool parse_float(std::string_view s, double* out) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c == 'x' || c == 'X' || c == '(') return false;  // strtod's hex floats and nan(...)
  }
  const std::string copy(s);
  char* end = nullptr;
  *out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

std::vector<std::string_view> split_on(std::string_view line, char delimiter) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(delimiter, start);
    if (end == std::string_view::npos) {
      parts.push_back(line.substr(start));
      return parts;
    }
    parts.push_back(line.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

Status evaluate_word_pairs(const KeyedVectors& kv, const std::string& text, const WordPairOptions& options,
                           WordPairReport* out) {
  *out = WordPairReport();
  const std::unordered_map<std::string, int32_t> vocab =
      detail::restricted_vocab(kv, options.restrict_vocab, options.case_insensitive);
  std::vector<double> gold, model;
  for (std::string_view line : detail::split_lines(text)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() == '#') continue;
    const std::vector<std::string_view> fields = split_on(line, options.delimiter);
    double score;
    if (fields.size() != 3 || !parse_float(fields[2], &score)) continue;  // gensim: "Skipping invalid line"
    const std::string a = options.case_insensitive ? detail::ascii_upper(fields[0]) : std::string(fields[0]);
    const std::string b = options.case_insensitive ? detail::ascii_upper(fields[1]) : std::string(fields[1]);
    const auto ia = vocab.find(a), ib = vocab.find(b);
    if (ia == vocab.end() || ib == vocab.end()) {
      ++out->oov;
      if (options.dummy4unknown) {
        gold.push_back(score);
        model.push_back(0.0);
      }
      continue;
    }
    float sim;
    EMBEDWASM_RETURN_IF_ERROR(kv.similarity_by_index(ia->second, ib->second, &sim));
    gold.push_back(score);
    model.push_back(sim);
  }
  if (gold.empty()) {
    return Status::invalid_argument(
        "no valid similarity judgements: either invalid format or all are out of vocabulary");
  }
  out->pairs = gold.size();
  out->pearson = pearson_correlation(gold, model);
  out->spearman = spearman_correlation(gold, model);
  const double denominator = static_cast<double>(options.dummy4unknown ? gold.size() : gold.size() + out->oov);
  out->oov_ratio = 100.0 * static_cast<double>(out->oov) / denominator;
  return Status::ok();
}

const Schema<WordPairOptions>& word_pair_options_schema() {
  static const Schema<WordPairOptions> schema = [] {
    Schema<WordPairOptions> s("wordPairs");
    s.add("delimiter", &WordPairOptions::delimiter);
    s.add("restrict_vocab", &WordPairOptions::restrict_vocab);
    s.add("case_insensitive", &WordPairOptions::case_insensitive);
    s.add("dummy4unknown", &WordPairOptions::dummy4unknown);
    return s;
  }();
  return schema;
}

}  // namespace embedwasm::vectors
