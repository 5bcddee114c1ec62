#include "embedwasm/vector_files/word_vectors_writer.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "embedwasm/vector_files/float_text.h"
#include "embedwasm/vector_files/utf8.h"
#include "embedwasm/vector_files/word2vec_header.h"
#include "vector_files/little_endian.h"

namespace embedwasm::vector_files {
namespace {

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

bool has_header(WordVectorsFormat format) {
  return format == WordVectorsFormat::kWord2VecText || format == WordVectorsFormat::kFastTextVec ||
         format == WordVectorsFormat::kWord2VecBinary ||
         format == WordVectorsFormat::kEmbedwasmBinary;
}

void append_u32_le(std::string* out, uint32_t v) {
  const char b[4] = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                     static_cast<char>((v >> 16) & 0xFF), static_cast<char>(v >> 24)};
  out->append(b, 4);
}

// Why a GloVe word with spaces would not read back as itself, or nullptr.
const char* glove_spaces_problem(const std::string& word) {
  size_t start = word.find(' ');
  if (start == 0) return "starts with a space";
  while (start != std::string::npos) {
    const size_t next = word.find(' ', start + 1);
    const size_t end = next == std::string::npos ? word.size() : next;
    const char* piece = word.data() + start + 1;
    const size_t len = end - start - 1;
    if (len == 0) return "has two spaces in a row or ends with a space";
    if (std::memchr(piece, '\t', len) || std::memchr(piece, '\r', len)) {
      return "has a tab or CR after a space";
    }
    float ignored;
    if (parse_float(piece, piece + len, &ignored)) return "has a number after a space";
    start = next;
  }
  return nullptr;
}

const char* word_problem(WordVectorsFormat format, const std::string& w) {
  switch (format) {
    case WordVectorsFormat::kWord2VecText:
    case WordVectorsFormat::kFastTextVec:
      if (w.find(' ') != std::string::npos) return "contains a space";
      if (w.find('\n') != std::string::npos) return "contains a newline";
      return nullptr;
    case WordVectorsFormat::kWord2VecBinary:
      if (w.find(' ') != std::string::npos) return "contains a space";
      if (w[0] == '\n') return "starts with a newline";
      return nullptr;
    case WordVectorsFormat::kGloveText:
      if (w.find('\n') != std::string::npos) return "contains a newline";
      return glove_spaces_problem(w);
    case WordVectorsFormat::kProjectorTsvMetadata:
      if (w.find('\t') != std::string::npos) return "contains a tab";
      if (w.find('\n') != std::string::npos) return "contains a newline";
      if (w.back() == '\r') return "ends with a CR";
      return nullptr;
    case WordVectorsFormat::kEmbedwasmBinary:
    case WordVectorsFormat::kProjectorTsvVectors:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

Status check_words_writable(WordVectorsFormat format, const std::vector<std::string>& words) {
  if (format == WordVectorsFormat::kProjectorTsvVectors) return Status::ok();
  std::unordered_set<std::string_view> seen;
  seen.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string where = "word " + std::to_string(i + 1) + " " + quote_word(w);
    if (w.empty()) return Status::invalid_argument("word " + std::to_string(i + 1) + " is empty");
    if (w.size() > kMaxWordBytes) {
      return Status::invalid_argument(where + " is longer than " + std::to_string(kMaxWordBytes) +
                                      " bytes");
    }
    const size_t bad = find_invalid_utf8(w);
    if (bad != w.size()) {
      return Status::invalid_argument(where + " is not valid UTF-8 (byte " + std::to_string(bad) +
                                      " of the word)");
    }
    if (const char* problem = word_problem(format, w)) {
      return Status::invalid_argument(where + " " + problem + ", which the " +
                                      format_name(format) + " format cannot store");
    }
    if (!seen.insert(w).second) {
      size_t first = 0;
      while (words[first] != w) ++first;
      return Status::invalid_argument(where + " repeats word " + std::to_string(first + 1));
    }
  }
  return Status::ok();
}

Status WordVectorsWriter::create(WordVectorsFormat format, const std::vector<std::string>* words,
                                 const RowMatrix* vectors, const WriterOptions& options,
                                 WordVectorsWriter* out) {
  if (words == nullptr || vectors == nullptr) {
    return Status::invalid_argument("null words or vectors");
  }
  if (static_cast<int>(format) < 0 ||
      static_cast<int>(format) > static_cast<int>(WordVectorsFormat::kProjectorTsvMetadata)) {
    return Status::invalid_argument("unknown word vectors format " +
                                    std::to_string(static_cast<int>(format)));
  }
  const size_t v = words->size(), d = vectors->cols();
  if (vectors->rows() != v) {
    return Status::invalid_argument(std::to_string(v) + " words but " +
                                    std::to_string(vectors->rows()) + " rows of vectors");
  }
  if (v == 0) return Status::invalid_argument("no words to write (V must be at least 1)");
  if (d == 0) return Status::invalid_argument("vectors of dimension 0 (D must be at least 1)");
  if (format == WordVectorsFormat::kEmbedwasmBinary &&
      (uint64_t{v} > UINT32_MAX || uint64_t{d} > UINT32_MAX)) {
    return Status::out_of_range("V and D must fit 32 bits in the embedwasm format");
  }
  EMBEDWASM_RETURN_IF_ERROR(check_words_writable(format, *words));

  WordVectorsWriter w;
  w.format_ = format;
  w.words_ = words;
  w.vectors_ = vectors;
  w.options_ = options;
  w.options_.chunk_bytes = std::max<size_t>(1, options.chunk_bytes);
  w.header_items_ = has_header(format) ? 1 : 0;
  w.items_ = w.header_items_ + v + (format == WordVectorsFormat::kEmbedwasmBinary ? 1 + v : 0);
  *out = std::move(w);
  return Status::ok();
}

bool WordVectorsWriter::next_chunk(const uint8_t** data, size_t* size) {
  if (item_ == items_) return false;
  buffer_.clear();
  while (item_ < items_ && buffer_.size() < options_.chunk_bytes) {
    const size_t before = buffer_.size();
    append_item(item_++);
    position_ += buffer_.size() - before;
  }
  *data = reinterpret_cast<const uint8_t*>(buffer_.data());
  *size = buffer_.size();
  bytes_written_ += buffer_.size();
  return true;
}

void WordVectorsWriter::append_values(size_t row, char separator) {
  const float* x = vectors_->row(row);
  char text[kMaxFloatTextBytes];
  for (size_t j = 0; j < vectors_->cols(); ++j) {
    if (j > 0) buffer_ += separator;
    buffer_.append(text, format_float(x[j], text));
  }
}

void WordVectorsWriter::append_floats_le(size_t row) {
  const size_t d = vectors_->cols();
  const size_t at = buffer_.size();
  buffer_.append(reinterpret_cast<const char*>(vectors_->row(row)), d * sizeof(float));
  swap_floats_le_host(reinterpret_cast<uint8_t*>(&buffer_[at]), d);
}

void WordVectorsWriter::append_item(size_t item) {
  const size_t v = words_->size();
  if (item < header_items_) {
    if (format_ == WordVectorsFormat::kEmbedwasmBinary) {
      buffer_.append(kEmbedwasmMagic, sizeof(kEmbedwasmMagic));
      append_u32_le(&buffer_, kEmbedwasmFormatVersion);
      append_u32_le(&buffer_, static_cast<uint32_t>(v));
      append_u32_le(&buffer_, static_cast<uint32_t>(vectors_->cols()));
    } else {
      buffer_ += format_word2vec_header(v, vectors_->cols());
    }
    return;
  }
  const size_t r = item - header_items_;
  if (r >= v) {  // kEmbedwasmBinary: padding, then the rows
    if (r == v) {
      buffer_.append(static_cast<size_t>((4 - position_ % 4) % 4), '\0');
    } else {
      append_floats_le(r - v - 1);
    }
    return;
  }
  const std::string& word = (*words_)[r];
  if (r == 0 && (format_ == WordVectorsFormat::kGloveText ||
                 format_ == WordVectorsFormat::kProjectorTsvMetadata) &&
      word.compare(0, 3, kByteOrderMark) == 0) {
    // Readers drop one byte order mark at the start of these headerless files; a first
    // word that begins with U+FEFF keeps it behind one more.
    buffer_ += kByteOrderMark;
  }
  switch (format_) {
    case WordVectorsFormat::kWord2VecText:
    case WordVectorsFormat::kFastTextVec:
    case WordVectorsFormat::kGloveText:
      buffer_ += word;
      buffer_ += ' ';
      append_values(r, ' ');
      buffer_ += '\n';
      break;
    case WordVectorsFormat::kWord2VecBinary:
      buffer_ += word;
      buffer_ += ' ';
      append_floats_le(r);
      if (options_.word2vec_binary_newline) buffer_ += '\n';
      break;
    case WordVectorsFormat::kProjectorTsvVectors:
      append_values(r, '\t');
      buffer_ += '\n';
      break;
    case WordVectorsFormat::kProjectorTsvMetadata:
      buffer_ += word;
      buffer_ += '\n';
      break;
    case WordVectorsFormat::kEmbedwasmBinary:
      append_u32_le(&buffer_, static_cast<uint32_t>(word.size()));
      buffer_ += word;
      break;
  }
}

Status write_word_vectors(WordVectorsFormat format, const WordVectors& word_vectors,
                          const WriterOptions& options, std::string* out) {
  WordVectorsWriter writer;
  EMBEDWASM_RETURN_IF_ERROR(WordVectorsWriter::create(format, &word_vectors, options, &writer));
  out->clear();
  const uint8_t* data;
  size_t size;
  while (writer.next_chunk(&data, &size)) out->append(reinterpret_cast<const char*>(data), size);
  return Status::ok();
}

}  // namespace embedwasm::vector_files
