#include "embedwasm/fasttext/dictionary.h"

#include <string>

#include "embedwasm/fasttext/fnv_hash.h"
#include "embedwasm/core/reserve.h"

namespace embedwasm::fasttext {
namespace {

constexpr uint64_t kWordNgramMultiplier = 116049371;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

Status entry_error(int32_t index, const std::string& message, int32_t* bad_entry) {
  if (bad_entry != nullptr) *bad_entry = index;
  return Status::invalid_argument("dictionary entry " + std::to_string(index) + ": " + message);
}

}  // namespace

Status Dictionary::create(DictionaryData data, const Args& args, Dictionary* out, int32_t* bad_entry) {
  if (bad_entry != nullptr) *bad_entry = -1;
  if (data.nwords < 0 || data.nlabels < 0 ||
      static_cast<int64_t>(data.nwords) + data.nlabels != static_cast<int64_t>(data.entries.size())) {
    return Status::invalid_argument("the dictionary holds " + std::to_string(data.entries.size()) +
                                    " entries, not nwords + nlabels = " + std::to_string(data.nwords) + " + " +
                                    std::to_string(data.nlabels));
  }
  if (args.bucket < 0) return Status::invalid_argument("bucket is negative (" + std::to_string(args.bucket) + ")");
  if (data.pruneidx_size < -1 || data.pruneidx_size > args.bucket ||
      (data.pruneidx_size >= 0 && static_cast<uint64_t>(data.pruneidx_size) != data.pruneidx.size())) {
    return Status::invalid_argument("the pruned n-gram index has " + std::to_string(data.pruneidx.size()) +
                                    " entries for a declared size of " + std::to_string(data.pruneidx_size) +
                                    " (bucket " + std::to_string(args.bucket) + ")");
  }
  const bool char_ngrams = args.maxn >= 1 && args.maxn >= args.minn;
  const bool word_ngrams = args.model == ModelKind::kSupervised && args.word_ngrams >= 2;
  if (args.bucket == 0 && (char_ngrams || word_ngrams)) {
    return Status::invalid_argument("bucket is 0, but the model hashes " +
                                    std::string(char_ngrams ? "character" : "word") + " n-grams into buckets");
  }

  Dictionary d;
  d.minn_ = args.minn;
  d.maxn_ = args.maxn;
  d.word_ngrams_ = args.model == ModelKind::kSupervised ? args.word_ngrams : 1;
  d.bucket_ = static_cast<uint32_t>(args.bucket);
  d.label_prefix_ = args.label;

  const size_t n = data.entries.size();
  size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&d.hashes_, n, "the dictionary"));
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&d.slots_, cap, "the dictionary"));
  d.slots_.assign(cap, -1);
  d.slot_mask_ = cap - 1;
  d.data_ = std::move(data);
  for (size_t i = 0; i < n; ++i) {
    const DictionaryEntry& e = d.data_.entries[i];
    const int32_t id = static_cast<int32_t>(i);
    const EntryType want = id < d.data_.nwords ? EntryType::kWord : EntryType::kLabel;
    if (e.type != want) {
      return entry_error(id, std::string("is a ") + (e.type == EntryType::kWord ? "word" : "label") +
                                 ", but entries " + (want == EntryType::kWord ? "before " : "from ") +
                                 std::to_string(d.data_.nwords) + " are " +
                                 (want == EntryType::kWord ? "words" : "labels"),
                         bad_entry);
    }
    if (e.count < 0) return entry_error(id, "negative count " + std::to_string(e.count), bad_entry);
    const uint32_t h = fnv_hash(e.word);
    d.hashes_.push_back(h);
    size_t s = h & d.slot_mask_;
    while (d.slots_[s] != -1) {
      const int32_t other = d.slots_[s];
      if (d.hashes_[static_cast<size_t>(other)] == h && d.data_.entries[static_cast<size_t>(other)].word == e.word) {
        return entry_error(id, "'" + e.word + "' is already entry " + std::to_string(other), bad_entry);
      }
      s = (s + 1) & d.slot_mask_;
    }
    d.slots_[s] = id;
  }

  if (d.data_.pruneidx_size >= 0) {
    EMBEDWASM_RETURN_IF_ERROR(d.pruneidx_.reserve(d.data_.pruneidx.size()));
    for (const auto& [bucket, row] : d.data_.pruneidx) {
      if (bucket < 0 || bucket >= args.bucket || row < 0 || row >= d.data_.pruneidx_size) {
        return Status::invalid_argument("pruned n-gram index: bucket " + std::to_string(bucket) + " -> row " +
                                        std::to_string(row) + " is outside bucket " + std::to_string(args.bucket) +
                                        " or the " + std::to_string(d.data_.pruneidx_size) + " kept rows");
      }
      if (!d.pruneidx_.insert(bucket, row)) {
        return Status::invalid_argument("pruned n-gram index: bucket " + std::to_string(bucket) + " appears twice");
      }
    }
  }
  EMBEDWASM_RETURN_IF_ERROR(d.build_subwords());
  *out = std::move(d);
  return Status::ok();
}

int64_t Dictionary::input_rows() const {
  return static_cast<int64_t>(data_.nwords) + (pruned() ? data_.pruneidx_size : static_cast<int64_t>(bucket_));
}

int32_t Dictionary::find(std::string_view word) const { return find(word, fnv_hash(word)); }

int32_t Dictionary::find(std::string_view word, uint32_t hash) const {
  size_t s = hash & slot_mask_;
  for (int32_t id; (id = slots_[s]) != -1; s = (s + 1) & slot_mask_) {
    if (hashes_[static_cast<size_t>(id)] == hash && data_.entries[static_cast<size_t>(id)].word == word) return id;
  }
  return -1;
}

int32_t Dictionary::bucket_row(uint64_t bucket) const {
  if (!pruned()) return data_.nwords + static_cast<int32_t>(bucket);
  const int32_t kept = pruneidx_.find(static_cast<int32_t>(bucket));
  return kept < 0 ? -1 : data_.nwords + kept;
}

// Calls emit(hash, begin, length) for each character n-gram of "<word>", in fastText's
// order. The bracketed word is never built: byte p of it is read through at().
template <typename Emit>
void Dictionary::for_each_char_ngram(std::string_view word, Emit emit) const {
  if (maxn_ < 1 || word == kEos) return;
  const size_t len = word.size() + 2;
  auto at = [&](size_t p) { return p == 0 ? '<' : p == len - 1 ? '>' : word[p - 1]; };
  for (size_t i = 0; i < len; ++i) {
    if (is_continuation(at(i))) continue;
    uint32_t h = kFnvOffsetBasis;
    size_t j = i;
    for (int32_t n = 1; j < len && n <= maxn_; ++n) {
      do {
        const char c = at(j++);
        h = fnv_hash_continue(h, &c, 1);
      } while (j < len && is_continuation(at(j)));
      if (n >= minn_ && !(n == 1 && (i == 0 || j == len))) emit(h, i, j - i);
    }
  }
}

void Dictionary::append_char_ngram_rows(std::string_view word, std::vector<int32_t>* rows) const {
  for_each_char_ngram(word, [&](uint32_t h, size_t, size_t) {
    const int32_t row = bucket_row(h % bucket_);
    if (row >= 0) rows->push_back(row);
  });
}

void Dictionary::char_ngrams(std::string_view word, std::vector<std::string>* ngrams,
                             std::vector<int32_t>* rows) const {
  ngrams->clear();
  rows->clear();
  const std::string bracketed = "<" + std::string(word) + ">";
  for_each_char_ngram(word, [&](uint32_t h, size_t begin, size_t length) {
    ngrams->push_back(bracketed.substr(begin, length));
    rows->push_back(bucket_row(h % bucket_));
  });
}

Status Dictionary::build_subwords() {
  // An upper bound first (n-grams before pruning), so one allocation that may fail
  // cleanly replaces a vector growing until the heap gives out.
  uint64_t total = 0;
  for (int32_t i = 0; i < data_.nwords; ++i) {
    total += 1;
    for_each_char_ngram(entry(i).word, [&](uint32_t, size_t, size_t) { ++total; });
  }
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&subword_rows_, total, "the words' n-gram rows"));
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&subword_offsets_, uint64_t{1} + static_cast<uint64_t>(data_.nwords),
                                            "the words' n-gram rows"));
  subword_offsets_.push_back(0);
  for (int32_t i = 0; i < data_.nwords; ++i) {
    subword_rows_.push_back(i);
    append_char_ngram_rows(entry(i).word, &subword_rows_);
    subword_offsets_.push_back(subword_rows_.size());
  }
  return Status::ok();
}

void Dictionary::word_rows(std::string_view word, std::vector<int32_t>* rows) const {
  const int32_t id = find(word);
  if (id >= 0 && id < data_.nwords) {
    rows->insert(rows->end(), subword_rows_.begin() + static_cast<ptrdiff_t>(subword_offsets_[id]),
                 subword_rows_.begin() + static_cast<ptrdiff_t>(subword_offsets_[id + 1]));
    return;
  }
  if (id >= 0 && id < input_rows()) rows->push_back(id);  // a label: fastText reads row `id`
  append_char_ngram_rows(word, rows);
}

void Dictionary::add_token(std::string_view token, LineRows* out) const {
  const uint32_t h = fnv_hash(token);
  const int32_t id = find(token, h);
  ++out->tokens;
  const bool label = id >= 0 ? entry(id).type == EntryType::kLabel
                             : token.substr(0, label_prefix_.size()) == label_prefix_;
  if (label) {
    if (id >= 0) out->labels.push_back(id - data_.nwords);
    return;
  }
  if (id < 0) {
    append_char_ngram_rows(token, &out->rows);
  } else if (maxn_ <= 0) {
    out->rows.push_back(id);
  } else {
    out->rows.insert(out->rows.end(), subword_rows_.begin() + static_cast<ptrdiff_t>(subword_offsets_[id]),
                     subword_rows_.begin() + static_cast<ptrdiff_t>(subword_offsets_[id + 1]));
  }
  out->hashes.push_back(static_cast<int32_t>(h));
}

void Dictionary::line_rows(std::string_view line, LineRows* out) const {
  out->rows.clear();
  out->labels.clear();
  out->hashes.clear();
  out->tokens = 0;
  bool ended = false;
  size_t i = 0;
  while (!ended) {
    while (i < line.size() && is_fasttext_space(line[i])) ++i;
    if (i == line.size()) break;
    const size_t begin = i;
    while (i < line.size() && !is_fasttext_space(line[i])) ++i;
    const std::string_view token = line.substr(begin, i - begin);
    add_token(token, out);
    ended = token == kEos;
  }
  if (!ended) add_token(kEos, out);

  const std::vector<int32_t>& hashes = out->hashes;
  for (size_t a = 0; a < hashes.size(); ++a) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[a]));
    for (size_t b = a + 1; b < hashes.size() && b < a + static_cast<size_t>(word_ngrams_ < 1 ? 1 : word_ngrams_); ++b) {
      h = h * kWordNgramMultiplier + static_cast<uint64_t>(static_cast<int64_t>(hashes[b]));
      const int32_t row = bucket_row(h % bucket_);
      if (row >= 0) out->rows.push_back(row);
    }
  }
}

}  // namespace embedwasm::fasttext
