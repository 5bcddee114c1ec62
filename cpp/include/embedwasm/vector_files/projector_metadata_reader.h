#pragma once
// Streaming reader for the Embedding Projector's metadata.tsv: the word of each row.
//
// As the projector reads it: if the first line has no tab the file has one column and no
// header, every line is a label; if it has a tab, line 1 is the column header and the
// label is the first column of each later line. A tab on a later line of a one-column
// file is an error (the file is not what its first line says). CRs at the end of a label
// are dropped ("\r\n" line ends); blank lines may only end the file; a UTF-8 byte order
// mark at the start is dropped. Labels are words: non-empty, UTF-8, unique (utf8.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "embedwasm/vector_files/word_list.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vector_files {

class ProjectorMetadataReader {
 public:
  explicit ProjectorMetadataReader(std::string message_prefix = "metadata.tsv ")
      : prefix_(std::move(message_prefix)) {}

  Status feed(const uint8_t* data, size_t n);
  Status finish(std::vector<std::string>* words);

 private:
  enum class Columns { kUnknown, kOne, kSeveral };
  enum class State { kLabel, kRestOfLine };
  Status error(uint64_t line, const std::string& message) const;
  Status end_label();

  std::string prefix_;
  Columns columns_ = Columns::kUnknown;
  State state_ = State::kLabel;
  uint64_t offset_ = 0;
  uint64_t line_ = 1;
  uint64_t first_blank_line_ = 0;
  bool line_has_tab_ = false;
  std::string label_;
  uint64_t label_offset_ = 0;
  WordList words_;
};

}  // namespace embedwasm::vector_files
