#include "embedwasm/fasttext/model_file_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "embedwasm/fasttext/fnv_hash.h"
#include "embedwasm/fasttext/int_map.h"

namespace embedwasm::fasttext {
namespace {

constexpr size_t kArgsBytes = 12 * 4 + 8;
constexpr size_t kDictionaryHeaderBytes = 3 * 4 + 2 * 8;
constexpr size_t kQuantizedHeaderBytes = 1 + 2 * 8 + 4;
constexpr int32_t kMaxDim = 1 << 16;

// Model files are little-endian, as are x86 and wasm; a big-endian host swaps.
template <typename T>
T load_le(const uint8_t* p) {
  uint8_t b[sizeof(T)];
  std::memcpy(b, p, sizeof(T));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  std::reverse(b, b + sizeof(T));
#endif
  T v;
  std::memcpy(&v, b, sizeof(T));
  return v;
}

void floats_le_to_host(float* f, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  auto* b = reinterpret_cast<uint8_t*>(f);
  for (size_t i = 0; i < n; ++i) std::reverse(b + 4 * i, b + 4 * i + 4);
#else
  (void)f;
  (void)n;
#endif
}

std::string quoted(const std::string& word) {
  constexpr size_t kShown = 40;
  return "'" + (word.size() <= kShown ? word : word.substr(0, kShown) + "...") + "'";
}

}  // namespace

ModelFileReader::ModelFileReader(const ModelReaderOptions& options) : options_(options) {
  options_.max_matrix_bytes = std::min(options_.max_matrix_bytes, kMaxHeapBytes);
  expect(8, scratch_, &ModelFileReader::on_header, "the header (magic and version)");
}

void ModelFileReader::expect(size_t n, void* dest, Step next, std::string what) {
  expect_item(n, dest, next, nullptr, 0, nullptr);
  what_ = std::move(what);
}

void ModelFileReader::expect_item(size_t n, void* dest, Step next, const char* item, int64_t index,
                                  const char* suffix) {
  mode_ = Mode::kBytes;
  dest_ = static_cast<uint8_t*>(dest);
  want_ = n;
  have_ = 0;
  next_ = next;
  what_item_ = item;
  what_index_ = index;
  what_suffix_ = suffix;
  field_start_ = consumed_;
}

std::string ModelFileReader::what() const {
  if (what_item_ == nullptr) return what_;
  return what_item_ + std::to_string(what_index_) + what_suffix_;
}

void ModelFileReader::expect_word(Step next) {
  mode_ = Mode::kWord;
  word_.clear();
  next_ = next;
  field_start_ = consumed_;
}

Status ModelFileReader::error(uint64_t offset, const std::string& message) const {
  return Status::invalid_argument("byte " + std::to_string(offset) + ": " + message);
}

Status ModelFileReader::run_steps() {
  while (mode_ == Mode::kBytes && have_ == want_) {
    const Step step = next_;
    EMBEDWASM_RETURN_IF_ERROR((this->*step)());
  }
  return Status::ok();
}

Status ModelFileReader::feed(const uint8_t* p, size_t n) {
  if (!status_.is_ok()) return status_;
  if (finished_) return Status::invalid_argument("feed after finish()");
  if (p == nullptr && n != 0) return Status::invalid_argument("null data with a non-zero size");
  size_t i = 0;
  while (status_.is_ok() && i < n) {
    switch (mode_) {
      case Mode::kDone:
        status_ = error(consumed_, "unexpected data after the output matrix");
        break;
      case Mode::kWord: {
        const void* nul = std::memchr(p + i, 0, n - i);
        const size_t end = nul ? static_cast<size_t>(static_cast<const uint8_t*>(nul) - p) : n;
        if (word_.size() + (end - i) > kMaxEntryBytes) {
          status_ = error(field_start_, what() + " has no NUL in its first " + std::to_string(kMaxEntryBytes) + " bytes");
          break;
        }
        word_.append(reinterpret_cast<const char*>(p + i), end - i);
        consumed_ += end - i;
        i = end;
        if (nul) {
          ++consumed_;
          ++i;
          mode_ = Mode::kBytes;
          want_ = have_ = 0;  // run_steps() then calls next_
          status_ = run_steps();
        }
        break;
      }
      case Mode::kBytes: {
        const size_t take = std::min(want_ - have_, n - i);
        std::memcpy(dest_ + have_, p + i, take);
        have_ += take;
        i += take;
        consumed_ += take;
        status_ = run_steps();
        break;
      }
    }
  }
  return status_;
}

Status ModelFileReader::finish(ModelFile* out) {
  if (!status_.is_ok()) return status_;
  if (finished_) return Status::invalid_argument("finish() was already called");
  finished_ = true;
  if (consumed_ == 0) {
    status_ = Status::invalid_argument("empty input: expected a fastText model (.bin or .ftz)");
  } else if (mode_ == Mode::kWord) {
    status_ = error(consumed_, "the file ends inside " + what() + " (no NUL after its word)");
  } else if (mode_ != Mode::kDone) {
    status_ = error(consumed_, "the file ends inside " + what() + " (" + std::to_string(want_ - have_) +
                                   " more bytes expected)");
  }
  if (!status_.is_ok()) return status_;
  *out = std::move(file_);
  return Status::ok();
}

Status ModelFileReader::on_header() {
  const int32_t magic = load_le<int32_t>(scratch_);
  const int32_t version = load_le<int32_t>(scratch_ + 4);
  if (magic != kModelMagic) {
    return error_here("not a fastText model: the magic number is " + std::to_string(magic) + ", not " +
                      std::to_string(kModelMagic));
  }
  if (version < kOldestModelVersion || version > kModelVersion) {
    return error(field_start_ + 4, "fastText model version " + std::to_string(version) + " is not supported (" +
                                       std::to_string(kOldestModelVersion) + " or " + std::to_string(kModelVersion) +
                                       ")");
  }
  file_.version = version;
  expect(kArgsBytes, scratch_, &ModelFileReader::on_args, "the model arguments");
  return Status::ok();
}

Status ModelFileReader::on_args() {
  int32_t v[12];
  for (int i = 0; i < 12; ++i) v[i] = load_le<int32_t>(scratch_ + 4 * i);
  Args& a = file_.args;
  a.dim = v[0];
  a.ws = v[1];
  a.epoch = v[2];
  a.min_count = v[3];
  a.neg = v[4];
  a.word_ngrams = v[5];
  a.bucket = v[8];
  a.minn = v[9];
  a.maxn = v[10];
  a.lr_update_rate = v[11];
  a.t = load_le<double>(scratch_ + 48);
  if (a.dim < 1 || a.dim > kMaxDim) {
    return error_here("dim " + std::to_string(a.dim) + " is outside [1, " + std::to_string(kMaxDim) + "]");
  }
  if (!is_valid_loss_kind(v[6])) {
    return error(field_start_ + 24, "unknown loss " + std::to_string(v[6]) + " (1 hs, 2 ns, 3 softmax, 4 ova)");
  }
  if (!is_valid_model_kind(v[7])) {
    return error(field_start_ + 28, "unknown model " + std::to_string(v[7]) + " (1 cbow, 2 skipgram, 3 supervised)");
  }
  a.loss = static_cast<LossKind>(v[6]);
  a.model = static_cast<ModelKind>(v[7]);
  if (a.bucket < 0) return error(field_start_ + 32, "bucket " + std::to_string(a.bucket) + " is negative");
  // Version 11 supervised models predate character n-grams: fastText reads maxn as 0.
  if (file_.version == 11 && a.model == ModelKind::kSupervised) a.maxn = 0;
  const bool char_ngrams = a.maxn >= 1 && a.maxn >= a.minn;
  const bool word_ngrams = a.model == ModelKind::kSupervised && a.word_ngrams >= 2;
  if (a.bucket == 0 && (char_ngrams || word_ngrams)) {
    return error(field_start_ + 32, std::string("bucket is 0, but the model hashes ") +
                                        (char_ngrams ? "character" : "word") + " n-grams into buckets");
  }
  expect(kDictionaryHeaderBytes, scratch_, &ModelFileReader::on_dictionary_header, "the dictionary header");
  return Status::ok();
}

Status ModelFileReader::on_dictionary_header() {
  DictionaryData& d = file_.dictionary;
  const int32_t size = load_le<int32_t>(scratch_);
  d.nwords = load_le<int32_t>(scratch_ + 4);
  d.nlabels = load_le<int32_t>(scratch_ + 8);
  d.ntokens = load_le<int64_t>(scratch_ + 12);
  d.pruneidx_size = load_le<int64_t>(scratch_ + 20);
  if (size < 0 || d.nwords < 0 || d.nlabels < 0 || static_cast<int64_t>(d.nwords) + d.nlabels != size) {
    return error_here("the dictionary declares " + std::to_string(size) + " entries, " + std::to_string(d.nwords) +
                      " words and " + std::to_string(d.nlabels) + " labels (entries = words + labels, none negative)");
  }
  if (d.pruneidx_size < -1 || d.pruneidx_size > file_.args.bucket) {
    return error(field_start_ + 20, "the pruned n-gram index size " + std::to_string(d.pruneidx_size) +
                                        " is outside [-1, bucket = " + std::to_string(file_.args.bucket) + "]");
  }
  dictionary_size_ = size;
  const size_t initial = std::min<size_t>(static_cast<size_t>(size), size_t{1} << 16);
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&d.entries, initial, "the dictionary"));
  return next_entry();
}

Status ModelFileReader::next_entry() {
  DictionaryData& d = file_.dictionary;
  const size_t i = d.entries.size();
  if (i < static_cast<size_t>(dictionary_size_)) {
    entry_start_ = consumed_;
    expect_word(&ModelFileReader::on_entry_word);
    what_item_ = "dictionary entry ";
    what_index_ = static_cast<int64_t>(i);
    what_suffix_ = "";
    return Status::ok();
  }
  // One pair at a time: the declared size may be anything up to bucket, and only pairs
  // actually present should take memory.
  pruneidx_next_ = 0;
  return next_pruneidx_pair();
}

Status ModelFileReader::next_pruneidx_pair() {
  const DictionaryData& d = file_.dictionary;
  if (pruneidx_next_ < d.pruneidx_size) {
    expect_item(8, scratch_, &ModelFileReader::on_pruneidx_pair, "pruned n-gram index entry ", pruneidx_next_, "");
    return Status::ok();
  }
  return on_pruneidx();
}

Status ModelFileReader::on_pruneidx_pair() {
  DictionaryData& d = file_.dictionary;
  const int32_t bucket = load_le<int32_t>(scratch_);
  const int32_t row = load_le<int32_t>(scratch_ + 4);
  auto name = [&] { return "pruned n-gram index entry " + std::to_string(pruneidx_next_); };
  if (bucket < 0 || bucket >= file_.args.bucket) {
    return error_here(name() + ": bucket " + std::to_string(bucket) + " is outside [0, bucket = " +
                      std::to_string(file_.args.bucket) + ")");
  }
  if (row < 0 || row >= d.pruneidx_size) {
    return error(field_start_ + 4, name() + ": row " + std::to_string(row) + " is outside [0, " +
                                       std::to_string(d.pruneidx_size) + ")");
  }
  if (d.pruneidx.size() == d.pruneidx.capacity()) {
    EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&d.pruneidx, 2 * d.pruneidx.capacity() + 16, "the pruned n-gram index"));
  }
  d.pruneidx.emplace_back(bucket, row);
  pruneidx_offsets_start_ = pruneidx_next_ == 0 ? field_start_ : pruneidx_offsets_start_;
  ++pruneidx_next_;
  return next_pruneidx_pair();
}

Status ModelFileReader::on_entry_word() {
  expect_item(9, scratch_, &ModelFileReader::on_entry_tail, "the count and type of dictionary entry ",
              static_cast<int64_t>(file_.dictionary.entries.size()), "");
  return Status::ok();
}

Status ModelFileReader::on_entry_tail() {
  DictionaryData& d = file_.dictionary;
  const int32_t index = static_cast<int32_t>(d.entries.size());
  const int64_t count = load_le<int64_t>(scratch_);
  const uint8_t type = scratch_[8];
  auto name = [&] { return "dictionary entry " + std::to_string(index) + " " + quoted(word_); };
  if (count < 0) return error_here(name() + " has the negative count " + std::to_string(count));
  if (type > 1) return error(field_start_ + 8, name() + " has the type " + std::to_string(type) + " (0 word, 1 label)");
  const bool label = type == 1;
  // The hierarchical softmax tree gives unmerged nodes the count 10^15 (hs_tree.h): a
  // label counted that often would break it.
  constexpr int64_t kMaxTreeCount = 1000000000000000;
  if (label && count >= kMaxTreeCount && file_.args.model == ModelKind::kSupervised &&
      file_.args.loss == LossKind::kHierarchicalSoftmax) {
    return error_here(name() + " has the count " + std::to_string(count) +
                      ", too large for a hierarchical softmax (10^15 or more)");
  }
  if (label != (index >= d.nwords)) {
    return error(field_start_ + 8, name() + " is a " + (label ? "label" : "word") + ", but the dictionary declares " +
                                       std::to_string(d.nwords) + " words first, then " +
                                       std::to_string(d.nlabels) + " labels");
  }
  if (d.entries.size() == d.entries.capacity()) {
    EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(
        &d.entries, std::min<uint64_t>(2 * d.entries.capacity() + 1, static_cast<uint64_t>(dictionary_size_)),
        "the dictionary"));
  }
  d.entries.push_back({std::move(word_), count, label ? EntryType::kLabel : EntryType::kWord});
  word_.clear();
  if (!add_unique_word(index)) {
    return error(entry_start_, "dictionary entry " + std::to_string(index) + " " + quoted(d.entries.back().word) +
                                   " repeats entry " + std::to_string(find_duplicate_) + " of the dictionary");
  }
  return next_entry();
}

// Inserts entry `index` into the table of words read so far; false (with
// find_duplicate_ set) if an earlier entry has the same word.
bool ModelFileReader::add_unique_word(int32_t index) {
  const std::vector<DictionaryEntry>& entries = file_.dictionary.entries;
  if (2 * (entries.size() + 1) > word_slots_.size()) {
    std::vector<int32_t> slots(std::max<size_t>(16, 2 * word_slots_.size()), -1);
    const size_t mask = slots.size() - 1;
    for (size_t e = 0; e < word_hashes_.size(); ++e) {
      size_t s = word_hashes_[e] & mask;
      while (slots[s] != -1) s = (s + 1) & mask;
      slots[s] = static_cast<int32_t>(e);
    }
    word_slots_.swap(slots);
  }
  const std::string& word = entries[static_cast<size_t>(index)].word;
  const uint32_t h = fnv_hash(word);
  const size_t mask = word_slots_.size() - 1;
  size_t s = h & mask;
  for (int32_t other; (other = word_slots_[s]) != -1; s = (s + 1) & mask) {
    if (word_hashes_[static_cast<size_t>(other)] == h && entries[static_cast<size_t>(other)].word == word) {
      find_duplicate_ = other;
      return false;
    }
  }
  word_slots_[s] = index;
  word_hashes_.push_back(h);
  return true;
}

Status ModelFileReader::on_pruneidx() {
  const DictionaryData& d = file_.dictionary;
  std::vector<int32_t>().swap(word_slots_);
  std::vector<uint32_t>().swap(word_hashes_);
  IntMap seen;
  EMBEDWASM_RETURN_IF_ERROR(seen.reserve(d.pruneidx.size()));
  for (size_t i = 0; i < d.pruneidx.size(); ++i) {
    if (!seen.insert(d.pruneidx[i].first, d.pruneidx[i].second)) {
      return error(pruneidx_offsets_start_ + 8 * i, "pruned n-gram index entry " + std::to_string(i) + ": bucket " +
                                                        std::to_string(d.pruneidx[i].first) + " appears twice");
    }
  }
  expect(1, scratch_, &ModelFileReader::on_input_kind, "the input matrix's quantization flag");
  return Status::ok();
}

Status ModelFileReader::on_input_kind() {
  if (scratch_[0] > 1) return error_here("the quantization flag is " + std::to_string(scratch_[0]) + ", not 0 or 1");
  quantized_input_ = scratch_[0] == 1;
  const DictionaryData& d = file_.dictionary;
  if (!quantized_input_ && d.pruneidx_size >= 0) {
    return error_here("a pruned dictionary needs a quantized input matrix (fastText rejects this file too)");
  }
  which_ = 0;
  expected_rows_ = d.nwords + (d.pruneidx_size >= 0 ? d.pruneidx_size : file_.args.bucket);
  return start_matrix(quantized_input_);
}

Status ModelFileReader::on_output_kind() {
  if (scratch_[0] > 1) return error_here("the qout flag is " + std::to_string(scratch_[0]) + ", not 0 or 1");
  file_.args.qout = scratch_[0] == 1;
  which_ = 1;
  const DictionaryData& d = file_.dictionary;
  expected_rows_ = file_.args.model == ModelKind::kSupervised ? d.nlabels : d.nwords;
  return start_matrix(quantized_input_ && file_.args.qout);
}

Status ModelFileReader::start_matrix(bool quantized) {
  quantized_ = quantized;
  const std::string name = which_ == 0 ? "the input matrix" : "the output matrix";
  if (quantized) {
    quant_ = QuantizedMatrix();
    reading_norm_pq_ = false;
    expect(kQuantizedHeaderBytes, scratch_, &ModelFileReader::on_quantized_header, name + "'s header");
  } else {
    expect(16, scratch_, &ModelFileReader::on_dense_header, name + "'s header");
  }
  return Status::ok();
}

Status ModelFileReader::on_dense_header() {
  const std::string name = which_ == 0 ? "the input matrix" : "the output matrix";
  const int64_t rows = load_le<int64_t>(scratch_);
  const int64_t cols = load_le<int64_t>(scratch_ + 8);
  if (rows != expected_rows_ || cols != file_.args.dim) {
    return error_here(name + " is " + std::to_string(rows) + " x " + std::to_string(cols) + ", the model needs " +
                      std::to_string(expected_rows_) + " x " + std::to_string(file_.args.dim));
  }
  const uint64_t stride = (static_cast<uint64_t>(cols) + 3) / 4 * 4;
  if (static_cast<uint64_t>(rows) > options_.max_matrix_bytes / 4 / stride) {
    return Status::resource_exhausted("byte " + std::to_string(field_start_) + ": " + name + " (" +
                                      std::to_string(rows) + " x " + std::to_string(cols) + ") exceeds the " +
                                      std::to_string(options_.max_matrix_bytes) + "-byte limit");
  }
  const Status s = RowMatrix::create(static_cast<size_t>(rows), static_cast<size_t>(cols), &dense_);
  if (!s.is_ok()) return s.prefixed("byte " + std::to_string(field_start_) + ": ");
  row_ = -1;
  return on_dense_row();
}

Status ModelFileReader::on_dense_row() {
  if (row_ >= 0) floats_le_to_host(dense_.row(static_cast<size_t>(row_)), dense_.cols());
  ++row_;
  if (row_ < static_cast<int64_t>(dense_.rows())) {
    expect_item(dense_.cols() * 4, dense_.row(static_cast<size_t>(row_)), &ModelFileReader::on_dense_row, "row ",
                row_, which_ == 0 ? " of the input matrix" : " of the output matrix");
    return Status::ok();
  }
  return end_matrix();
}

Status ModelFileReader::on_quantized_header() {
  const std::string name = which_ == 0 ? "the quantized input matrix" : "the quantized output matrix";
  if (scratch_[0] > 1) return error_here(name + "'s qnorm flag is " + std::to_string(scratch_[0]) + ", not 0 or 1");
  quant_.qnorm = scratch_[0] == 1;
  quant_.rows = load_le<int64_t>(scratch_ + 1);
  quant_.cols = load_le<int64_t>(scratch_ + 9);
  const int32_t codesize = load_le<int32_t>(scratch_ + 17);
  if (quant_.rows != expected_rows_ || quant_.cols != file_.args.dim) {
    return error(field_start_ + 1, name + " is " + std::to_string(quant_.rows) + " x " +
                                       std::to_string(quant_.cols) + ", the model needs " +
                                       std::to_string(expected_rows_) + " x " + std::to_string(file_.args.dim));
  }
  // codesize = rows * nsubq with 1 <= nsubq <= D; nsubq itself is checked with the quantizer.
  const int64_t rows = quant_.rows;
  if (codesize < 0 || (rows == 0 ? codesize != 0 : codesize % rows != 0 || codesize / rows < 1 ||
                                                       codesize / rows > quant_.cols)) {
    return error(field_start_ + 17, name + " has " + std::to_string(codesize) + " code bytes for " +
                                        std::to_string(rows) + " rows of " + std::to_string(quant_.cols) +
                                        " floats (expected rows x sub-vectors)");
  }
  const uint64_t bytes = static_cast<uint64_t>(codesize) + static_cast<uint64_t>(quant_.cols) * 256 * 4 +
                         (quant_.qnorm ? static_cast<uint64_t>(rows) + 256 * 4 : 0);
  if (bytes > options_.max_matrix_bytes) {
    return Status::resource_exhausted("byte " + std::to_string(field_start_) + ": " + name + " needs " +
                                      std::to_string(bytes) + " bytes, over the " +
                                      std::to_string(options_.max_matrix_bytes) + "-byte limit");
  }
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&quant_.codes, static_cast<uint64_t>(codesize), name + "'s codes"));
  quant_.codes.resize(static_cast<size_t>(codesize));
  expect(quant_.codes.size(), quant_.codes.data(), &ModelFileReader::on_codes, name + "'s codes");
  return Status::ok();
}

Status ModelFileReader::on_codes() {
  expect(16, scratch_, &ModelFileReader::on_pq_header,
         std::string(which_ == 0 ? "the input" : "the output") + " matrix's product quantizer header");
  return Status::ok();
}

Status ModelFileReader::on_pq_header() {
  ProductQuantizer& pq = reading_norm_pq_ ? quant_.norm_pq : quant_.pq;
  pq.dim = load_le<int32_t>(scratch_);
  pq.nsubq = load_le<int32_t>(scratch_ + 4);
  pq.dsub = load_le<int32_t>(scratch_ + 8);
  pq.last_dsub = load_le<int32_t>(scratch_ + 12);
  const std::string name = std::string(which_ == 0 ? "the input" : "the output") + " matrix's " +
                           (reading_norm_pq_ ? "norm quantizer" : "product quantizer");
  const Status s = pq.check_shape(reading_norm_pq_ ? 1 : quant_.cols);
  if (!s.is_ok()) return error_here(name + ": " + s.message());
  if (!reading_norm_pq_ && quant_.rows * pq.nsubq != static_cast<int64_t>(quant_.codes.size())) {
    return error_here(name + ": " + std::to_string(pq.nsubq) + " sub-vectors per row do not match the " +
                      std::to_string(quant_.codes.size()) + " code bytes of " + std::to_string(quant_.rows) +
                      " rows");
  }
  const uint64_t floats = static_cast<uint64_t>(pq.dim) * ProductQuantizer::kCentroids;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&pq.centroids, floats, name));
  pq.centroids.resize(static_cast<size_t>(floats));
  expect(pq.centroids.size() * 4, pq.centroids.data(), &ModelFileReader::on_centroids, name + "'s centroids");
  return Status::ok();
}

Status ModelFileReader::on_centroids() {
  ProductQuantizer& pq = reading_norm_pq_ ? quant_.norm_pq : quant_.pq;
  floats_le_to_host(pq.centroids.data(), pq.centroids.size());
  if (reading_norm_pq_ || !quant_.qnorm) return end_matrix();
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&quant_.norm_codes, static_cast<uint64_t>(quant_.rows), "the norm codes"));
  quant_.norm_codes.resize(static_cast<size_t>(quant_.rows));
  expect(quant_.norm_codes.size(), quant_.norm_codes.data(), &ModelFileReader::on_norm_codes,
         std::string(which_ == 0 ? "the input" : "the output") + " matrix's norm codes");
  return Status::ok();
}

Status ModelFileReader::on_norm_codes() {
  reading_norm_pq_ = true;
  expect(16, scratch_, &ModelFileReader::on_pq_header,
         std::string(which_ == 0 ? "the input" : "the output") + " matrix's norm quantizer header");
  return Status::ok();
}

Status ModelFileReader::end_matrix() {
  ModelMatrix m = quantized_ ? ModelMatrix::quantized(std::move(quant_)) : ModelMatrix::dense(std::move(dense_));
  quant_ = QuantizedMatrix();
  dense_ = RowMatrix();
  if (which_ == 0) {
    file_.input = std::move(m);
    expect(1, scratch_, &ModelFileReader::on_output_kind, "the qout flag");
  } else {
    file_.output = std::move(m);
    mode_ = Mode::kDone;
    what_item_ = nullptr;
    what_ = "nothing";
  }
  return Status::ok();
}

Status read_model_file(const uint8_t* data, size_t n, const ModelReaderOptions& options, ModelFile* out) {
  ModelFileReader reader(options);
  EMBEDWASM_RETURN_IF_ERROR(reader.feed(data, n));
  return reader.finish(out);
}

}  // namespace embedwasm::fasttext
