#pragma once
// Streaming reader for the line-based text formats: word2vec text and fastText .vec
// (a "V D" header), GloVe (no header) and the projector's vectors.tsv (no words).
//
// Syntax accepted, a superset of what gensim, the C tool, fastText and GloVe write:
// - "\n" or "\r\n" line ends; the last line may lack one. A UTF-8 byte order mark at the
//   start is skipped.
// - The word is everything up to the first space (so it may hold tabs); values are
//   separated by runs of spaces, tabs or "\r"; trailing whitespace is ignored (fastText
//   and the C tool end every value with a space).
// - Values: anything strtof reads (float_text.h), "nan" and "inf" included.
// - Blank (whitespace-only) lines may end the file; anywhere else they are an error, as
//   they would silently shift the rows of a TSV file against its metadata.
// - GloVe only: when the tokens after the word are not numbers they belong to the word,
//   joined by single spaces: glove.840B.300d.txt has words like ". . ." and
//   "at name@domain.com". Only a line that would otherwise be an error reads this way.
// Lines are numbered from 1 in messages, the header being line 1.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/vector_files/row_accumulator.h"
#include "embedwasm/vector_files/word_list.h"
#include "embedwasm/vector_files/word_vectors_reader.h"

namespace embedwasm::vector_files {

class TextVectorsReader final : public WordVectorsReader {
 public:
  enum class Layout { kWord2Vec, kGlove, kTsvVectors };
  // message_prefix goes before every error message ("vectors.tsv ").
  TextVectorsReader(Layout layout, const ReaderOptions& options, std::string message_prefix = "");

 protected:
  Status do_feed(const uint8_t* data, size_t n) override;
  // kTsvVectors leaves out->words empty.
  Status do_finish(WordVectors* out) override;

 private:
  enum class State { kBom, kHeader, kLineStart, kLeadingSpace, kWord, kSpace, kValue };

  bool has_word() const { return layout_ != Layout::kTsvVectors; }
  State initial_state() const {
    return layout_ == Layout::kWord2Vec ? State::kHeader : State::kLineStart;
  }
  Status error(uint64_t line, const std::string& message) const;
  std::string after_word() const;
  Status consume(const uint8_t* p, size_t n);
  Status end_header();
  Status end_word();
  Status begin_entry();
  Status end_value();
  Status end_line();
  void note_blank_line();

  Layout layout_;
  ReaderOptions options_;
  std::string prefix_;
  State state_ = State::kBom;
  uint8_t bom_[3] = {0, 0, 0};
  size_t bom_size_ = 0;
  uint64_t offset_ = 0;  // of the first byte of the chunk being consumed
  uint64_t line_ = 1;    // current line
  std::string header_;
  bool header_done_ = false;
  size_t header_rows_ = 0;
  size_t cols_ = 0;  // D; 0 until the header or the first line gives it
  uint64_t first_data_line_ = 1;
  uint64_t first_blank_line_ = 0;
  bool line1_like_header_ = false;  // GloVe: line 1 was "<integer> <integer>"
  bool entry_open_ = false;         // the current line holds a word or values
  std::string word_;
  uint64_t word_offset_ = 0;
  std::string token_;
  uint64_t token_offset_ = 0;
  size_t col_ = 0;  // values seen on this line
  float* row_ = nullptr;
  std::vector<float> first_values_;  // the first line's, until D is known
  size_t entries_ = 0;
  RowAccumulator rows_;
  WordList words_;
};

}  // namespace embedwasm::vector_files
