#pragma once
// Streaming reader of fastText model files (model_file.h): feed the bytes in chunks of
// any size, then finish().
//
//   ModelFileReader reader;
//   while (more) EMBEDWASM_RETURN_IF_ERROR(reader.feed(chunk, chunk_size));
//   ModelFile file;
//   EMBEDWASM_RETURN_IF_ERROR(reader.finish(&file));
//
// Memory: the model itself (matrices are allocated once their header is read, after
// the size is checked against max_matrix_bytes) and at most one word of the
// dictionary from an earlier chunk; chunks are never copied whole. Results do not
// depend on where chunks split.
//
// Everything a valid file's numbers must satisfy is checked where it is read: magic and
// version, the loss and model kinds, dictionary counts, entry types in order (words
// then labels) and unique words, the pruned index (buckets in range and unique, rows
// below its size), matrix shapes against the dictionary and D, quantizer sizes, bools
// that are 0 or 1, and no data after the output matrix. A failure is kInvalidArgument
// (kResourceExhausted for a size over the limit) with a message starting
// "byte <offset>: " at the field it concerns. Errors are sticky: after one, feed and
// finish return it again; feed after finish is an error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/fasttext/model_file.h"
#include "embedwasm/core/reserve.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

struct ModelReaderOptions {
  // Largest matrix accepted, in bytes (dense: padded float rows; quantized: codes and
  // centroids); a header is trusted to size an allocation only up to this.
  uint64_t max_matrix_bytes = kMaxHeapBytes;
};

// Longest dictionary entry accepted (bytes before its NUL): bounds what a file without
// a NUL where one is due makes the reader buffer.
constexpr size_t kMaxEntryBytes = size_t{1} << 20;

class ModelFileReader {
 public:
  explicit ModelFileReader(const ModelReaderOptions& options = {});

  Status feed(const uint8_t* data, size_t n);
  Status finish(ModelFile* out);
  uint64_t bytes_fed() const { return consumed_; }

 private:
  using Step = Status (ModelFileReader::*)();
  enum class Mode { kBytes, kWord, kDone };

  // The next field: n bytes into dest, then `next` runs with field_start_ at its first byte.
  void expect(size_t n, void* dest, Step next, std::string what);
  // The same for one of many like fields ("<item><index><suffix>"), whose name is only
  // formatted for an error: a dictionary entry, a pruned-index pair, a matrix row.
  void expect_item(size_t n, void* dest, Step next, const char* item, int64_t index, const char* suffix);
  std::string what() const;
  void expect_word(Step next);
  Status error(uint64_t offset, const std::string& message) const;
  Status error_here(const std::string& message) const { return error(field_start_, message); }
  Status run_steps();  // runs steps whose field is complete (zero-length ones too)

  Status on_header();
  Status on_args();
  Status on_dictionary_header();
  Status next_entry();
  Status on_entry_word();
  Status on_entry_tail();
  Status next_pruneidx_pair();
  Status on_pruneidx_pair();
  Status on_pruneidx();
  Status on_input_kind();
  Status on_output_kind();
  Status start_matrix(bool quantized);
  Status on_dense_header();
  Status on_dense_row();
  Status on_quantized_header();
  Status on_codes();
  Status on_pq_header();
  Status on_centroids();
  Status on_norm_codes();
  Status end_matrix();
  bool add_unique_word(int32_t index);

  ModelReaderOptions options_;
  Status status_;
  bool finished_ = false;

  Mode mode_ = Mode::kBytes;
  uint8_t* dest_ = nullptr;
  size_t want_ = 0, have_ = 0;
  Step next_ = nullptr;
  std::string what_;            // the field being read, for "the file ends inside ..."
  const char* what_item_ = nullptr;  // or, when set, what_item_ what_index_ what_suffix_
  int64_t what_index_ = 0;
  const char* what_suffix_ = "";
  uint64_t consumed_ = 0;       // bytes consumed so far
  uint64_t field_start_ = 0;    // offset of the current field
  uint8_t scratch_[64] = {};
  std::string word_;

  ModelFile file_;
  int32_t dictionary_size_ = 0;
  uint64_t entry_start_ = 0;
  std::vector<int32_t> word_slots_;    // open addressing over the entries read, -1 empty
  std::vector<uint32_t> word_hashes_;  // (entries,)
  int32_t find_duplicate_ = -1;
  int64_t pruneidx_next_ = 0;
  uint64_t pruneidx_offsets_start_ = 0;

  // The matrix being read: 0 input, 1 output.
  int which_ = 0;
  bool quantized_input_ = false;
  bool quantized_ = false;
  int64_t expected_rows_ = 0;
  RowMatrix dense_;
  int64_t row_ = 0;
  QuantizedMatrix quant_;
  bool reading_norm_pq_ = false;
};

// One-shot read of a whole file held in memory.
Status read_model_file(const uint8_t* data, size_t n, const ModelReaderOptions& options, ModelFile* out);

}  // namespace embedwasm::fasttext
