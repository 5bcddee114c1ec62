#include "embedwasm/word2vec/tokenizer.h"

#include "word2vec/unicode.h"

namespace embedwasm::word2vec {

using unicode::CharClass;

namespace {

constexpr uint32_t kZeroWidthJoiner = 0x200D;

// Collects the whole-text result of tokenize().
class SentenceCollector final : public TokenSink {
 public:
  void on_token(std::string_view token) override { current_.emplace_back(token); }
  void on_sentence_end() override { sentences.push_back(std::move(current_)); current_.clear(); }
  std::vector<std::vector<std::string>> sentences;

 private:
  std::vector<std::string> current_;
};

}  // namespace

Tokenizer::Tokenizer(const TokenizerOptions& options) : options_(options) {}

void Tokenizer::feed(std::string_view bytes, TokenSink* sink) {
  for (const char c : bytes) {
    decoder_.feed(static_cast<uint8_t>(c), [&](uint32_t cp) { on_code_point(cp, sink); });
  }
}

void Tokenizer::finish(TokenSink* sink) {
  decoder_.finish([&](uint32_t cp) { on_code_point(cp, sink); });
  end_sentence(sink);
  decoder_.reset();
}

void Tokenizer::append(uint32_t cp) {
  unicode::append_utf8(options_.lowercase ? unicode::to_lower(cp) : cp, &token_);
}

void Tokenizer::on_code_point(uint32_t cp, TokenSink* sink) {
  const CharClass cls = unicode::classify(cp);
  if (state_ == State::kSymbol) {
    if (cls == CharClass::kModifier) {
      append(cp);
      return;
    }
    if (cp == kZeroWidthJoiner && pending_joiner_ == 0) {
      pending_joiner_ = cp;
      return;
    }
    const bool joins = cls == CharClass::kStandalone || cls == CharClass::kRegionalIndicator;
    if (pending_joiner_ != 0 && joins) {
      append(pending_joiner_);
      append(cp);
      pending_joiner_ = 0;
      flag_open_ = false;
      return;
    }
    if (cls == CharClass::kRegionalIndicator && flag_open_) {
      append(cp);
      flag_open_ = false;
      return;
    }
    end_token(sink);  // and look at cp afresh below
  } else if (state_ == State::kWord) {
    if (cls == CharClass::kLetter || cls == CharClass::kModifier) {
      if (pending_joiner_ != 0) append(pending_joiner_);
      pending_joiner_ = 0;
      append(cp);
      return;
    }
    if ((cls == CharClass::kApostrophe || cls == CharClass::kJoiner) && pending_joiner_ == 0) {
      pending_joiner_ = cls == CharClass::kApostrophe ? uint32_t{'\''} : cp;
      return;
    }
    end_token(sink);
  }
  switch (cls) {
    case CharClass::kLetter:
    case CharClass::kModifier:
      state_ = State::kWord;
      append(cp);
      break;
    case CharClass::kStandalone:
    case CharClass::kRegionalIndicator:
      state_ = State::kSymbol;
      flag_open_ = cls == CharClass::kRegionalIndicator;
      append(cp);
      break;
    case CharClass::kNewline:
      end_sentence(sink);
      break;
    default:  // separators, and apostrophes or joiners with no word before them
      break;
  }
}

void Tokenizer::end_token(TokenSink* sink) {
  if (!token_.empty()) {
    sink->on_token(token_);
    if (++sentence_tokens_ == options_.max_sentence_length) {
      sink->on_sentence_end();
      sentence_tokens_ = 0;
    }
  }
  token_.clear();
  state_ = State::kBetween;
  pending_joiner_ = 0;
  flag_open_ = false;
}

void Tokenizer::end_sentence(TokenSink* sink) {
  end_token(sink);
  if (sentence_tokens_ > 0) sink->on_sentence_end();
  sentence_tokens_ = 0;
}

std::vector<std::vector<std::string>> tokenize(std::string_view text,
                                               const TokenizerOptions& options) {
  Tokenizer tokenizer(options);
  SentenceCollector collector;
  tokenizer.feed(text, &collector);
  tokenizer.finish(&collector);
  return std::move(collector.sentences);
}

}  // namespace embedwasm::word2vec
