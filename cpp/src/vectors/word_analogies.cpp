#include "embedwasm/vectors/word_analogies.h"

#include <string_view>
#include <unordered_map>
#include <utility>

#include "vectors/restricted_vocab.h"

namespace embedwasm::vectors {
namespace {

// A well-formed question line, in file order.
struct Question {
  size_t section;
  AnalogyQuestion words;
  bool in_vocab;
  int32_t a, b, c;  // rows in the restricted vocabulary, when in_vocab
};

std::string_view strip(std::string_view s, std::string_view chars) {
  const size_t first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

}  // namespace

Status evaluate_word_analogies(const KeyedVectors& kv, const std::string& text, const AnalogyOptions& options,
                               AnalogyReport* out) {
  *out = AnalogyReport();
  const std::unordered_map<std::string, int32_t> vocab =
      detail::restricted_vocab(kv, options.restrict_vocab, options.case_insensitive);
  auto key = [&](std::string_view w) { return options.case_insensitive ? detail::ascii_upper(w) : std::string(w); };

  std::vector<AnalogySection>& sections = out->sections;
  std::vector<Question> questions;
  const std::vector<std::string_view> lines = detail::split_lines(text);
  for (size_t line_no = 0; line_no < lines.size(); ++line_no) {
    const std::string_view line = lines[line_no];
    if (line.substr(0, 2) == ": ") {
      // Python's line.lstrip(': ').strip()
      const size_t first = line.find_first_not_of(": ");
      const std::string_view name = first == std::string_view::npos ? std::string_view() : line.substr(first);
      sections.push_back(AnalogySection{std::string(strip(name, " \t\n\v\f\r")), {}, {}});
      continue;
    }
    if (sections.empty()) {
      return Status::invalid_argument("missing section header before line " + std::to_string(line_no + 1));
    }
    const std::vector<std::string_view> parts = detail::split_whitespace(line);
    if (parts.size() != 4) continue;  // gensim: "Skipping invalid line"
    Question q{sections.size() - 1, {key(parts[0]), key(parts[1]), key(parts[2]), key(parts[3])}, false, -1, -1, -1};
    const auto ia = vocab.find(q.words.a), ib = vocab.find(q.words.b), ic = vocab.find(q.words.c);
    q.in_vocab = ia != vocab.end() && ib != vocab.end() && ic != vocab.end() && vocab.count(q.words.expected) != 0;
    if (q.in_vocab) {
      q.a = ia->second;
      q.b = ib->second;
      q.c = ic->second;
    }
    questions.push_back(std::move(q));
  }
  out->questions = questions.size();
  if (questions.empty()) return Status::invalid_argument("no analogy questions in the text");

  std::vector<SimilarityQuery> queries;
  for (const Question& q : questions) {
    if (!q.in_vocab) continue;
    queries.emplace_back();
    queries.back().positive = {QueryTerm::of_index(q.b), QueryTerm::of_index(q.c)};
    queries.back().negative = {QueryTerm::of_index(q.a)};
  }
  SearchOptions search;
  search.topn = 5;
  search.restrict_vocab = options.restrict_vocab;
  std::vector<std::vector<Neighbor>> answers;
  EMBEDWASM_RETURN_IF_ERROR(kv.most_similar_batch(queries, search, &answers));

  size_t next_answer = 0;
  for (Question& q : questions) {
    AnalogySection& section = sections[q.section];
    if (!q.in_vocab) {
      ++out->oov;
      if (options.dummy4unknown) section.incorrect.push_back(q.words);
      out->oov_questions.push_back(std::move(q.words));
      continue;
    }
    const AnalogyQuestion& w = q.words;
    std::string predicted;
    bool have_prediction = false;
    for (const Neighbor& nb : answers[next_answer++]) {
      predicted = key(kv.word(static_cast<size_t>(nb.index)));
      have_prediction = true;
      if (vocab.count(predicted) != 0 && predicted != w.a && predicted != w.b && predicted != w.c) break;
    }
    (have_prediction && predicted == w.expected ? section.correct : section.incorrect).push_back(std::move(q.words));
  }
  out->total.name = "Total accuracy";
  for (const AnalogySection& s : sections) {
    out->total.correct.insert(out->total.correct.end(), s.correct.begin(), s.correct.end());
    out->total.incorrect.insert(out->total.incorrect.end(), s.incorrect.begin(), s.incorrect.end());
  }
  out->score = out->total.accuracy();
  out->oov_ratio = 100.0 * static_cast<double>(out->oov) / static_cast<double>(out->questions);
  return Status::ok();
}

const Schema<AnalogyOptions>& analogy_options_schema() {
  static const Schema<AnalogyOptions> schema = [] {
    Schema<AnalogyOptions> s("wordAnalogies");
    s.add("restrict_vocab", &AnalogyOptions::restrict_vocab);
    s.add("case_insensitive", &AnalogyOptions::case_insensitive);
    s.add("dummy4unknown", &AnalogyOptions::dummy4unknown);
    return s;
  }();
  return schema;
}

}  // namespace embedwasm::vectors
