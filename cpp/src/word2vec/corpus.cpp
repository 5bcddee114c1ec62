#include "embedwasm/word2vec/corpus.h"

namespace embedwasm::word2vec {

CorpusBuilder::CorpusBuilder(const TokenizerOptions& tokenizer, int64_t max_vocab_size)
    : tokenizer_(tokenizer), counter_(max_vocab_size), max_vocab_size_(max_vocab_size) {}

void CorpusBuilder::add_text(std::string_view chunk) { tokenizer_.feed(chunk, this); }

void CorpusBuilder::end_text() { tokenizer_.finish(this); }

void CorpusBuilder::on_token(std::string_view token) {
  interned_ids_.push_back(counter_.add(token));
  ++open_tokens_;
}

void CorpusBuilder::on_sentence_end() {
  if (open_tokens_ == 0) return;
  sentence_end_.push_back(interned_ids_.size());
  open_tokens_ = 0;
  counter_.end_sentence();
}

void CorpusBuilder::add_sentence(const std::vector<std::string>& tokens) {
  end_text();
  const size_t cap = tokenizer_.options().max_sentence_length;
  for (const std::string& token : tokens) {
    if (token.empty()) continue;
    on_token(token);
    if (open_tokens_ == cap) on_sentence_end();
  }
  on_sentence_end();
}

void CorpusBuilder::add_sentences(const std::vector<std::vector<std::string>>& sentences) {
  for (const auto& sentence : sentences) add_sentence(sentence);
}

Status CorpusBuilder::build(const VocabularyOptions& options, Vocabulary* vocab, Corpus* corpus) {
  end_text();
  Vocabulary v;
  EMBEDWASM_RETURN_IF_ERROR(Vocabulary::build(counter_, options, &v));
  // Encode in place: the kept ids of a sentence never outnumber its tokens.
  const std::vector<int32_t>& final_id = v.id_of_interned();
  Corpus c;
  c.id_begin.reserve(sentence_end_.size() + 1);
  c.raw_begin.reserve(sentence_end_.size() + 1);
  c.id_begin.push_back(0);
  c.raw_begin.push_back(0);
  size_t out = 0, in = 0;
  for (const uint64_t end : sentence_end_) {
    for (; in < end; ++in) {
      const int32_t id = final_id[interned_ids_[in]];
      if (id >= 0) interned_ids_[out++] = id;
    }
    c.id_begin.push_back(out);
    c.raw_begin.push_back(end);
  }
  interned_ids_.resize(out);
  interned_ids_.shrink_to_fit();
  c.ids = std::move(interned_ids_);
  *vocab = std::move(v);
  *corpus = std::move(c);
  // Release the counting state (the interned strings can be most of the memory).
  const TokenizerOptions tokenizer_options = tokenizer_.options();
  tokenizer_ = Tokenizer(tokenizer_options);
  counter_ = WordCounter(max_vocab_size_);
  interned_ids_ = {};
  sentence_end_ = {};
  open_tokens_ = 0;
  return Status::ok();
}

}  // namespace embedwasm::word2vec
