#pragma once
// A streaming UTF-8 decoder for the word2vec tokenizer.
#include <cstdint>

namespace embedwasm::word2vec {

// WHATWG "UTF-8 decode" (the algorithm TextDecoder runs): each maximal invalid subpart
// becomes one U+FFFD. Matching TextDecoder means text decoded in JS first and bytes
// handed straight to C++ give the same tokens. State survives between calls, so a
// chunk may end inside a sequence.
class Utf8Decoder {
 public:
  static constexpr uint32_t kReplacement = 0xFFFD;

  // Feeds one byte; calls emit(code_point) zero, one or two times (an invalid byte
  // after a lead byte yields U+FFFD for the lead, then the byte is decoded afresh).
  template <class Emit>
  void feed(uint8_t byte, Emit&& emit) {
    if (needed_ == 0) {
      if (byte < 0x80) {
        emit(byte);
      } else if (byte >= 0xC2 && byte <= 0xDF) {
        needed_ = 1;
        code_point_ = byte & 0x1Fu;
      } else if (byte >= 0xE0 && byte <= 0xEF) {
        if (byte == 0xE0) lower_ = 0xA0;  // overlong
        if (byte == 0xED) upper_ = 0x9F;  // surrogates
        needed_ = 2;
        code_point_ = byte & 0x0Fu;
      } else if (byte >= 0xF0 && byte <= 0xF4) {
        if (byte == 0xF0) lower_ = 0x90;  // overlong
        if (byte == 0xF4) upper_ = 0x8F;  // above U+10FFFF
        needed_ = 3;
        code_point_ = byte & 0x07u;
      } else {
        emit(kReplacement);
      }
      return;
    }
    if (byte < lower_ || byte > upper_) {
      reset();
      emit(kReplacement);
      feed(byte, emit);  // recursion depth 1: the state is now empty
      return;
    }
    lower_ = 0x80;
    upper_ = 0xBF;
    code_point_ = (code_point_ << 6) | (byte & 0x3Fu);
    if (++seen_ == needed_) {
      const uint32_t cp = code_point_;
      reset();
      emit(cp);
    }
  }

  // End of input: a sequence cut short is one U+FFFD.
  template <class Emit>
  void finish(Emit&& emit) {
    if (needed_ != 0) {
      reset();
      emit(kReplacement);
    }
  }

  void reset() {
    needed_ = seen_ = 0;
    code_point_ = 0;
    lower_ = 0x80;
    upper_ = 0xBF;
  }

 private:
  uint32_t code_point_ = 0;
  uint8_t needed_ = 0, seen_ = 0, lower_ = 0x80, upper_ = 0xBF;
};

}  // namespace embedwasm::word2vec
