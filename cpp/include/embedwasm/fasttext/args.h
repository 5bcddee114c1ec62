#pragma once
// fastText's training and model arguments (its Args), every field with fastText 0.9.2's
// default, written once here: the model file reader fills the 13 fields a model file
// stores, the trainer and the option schema read the rest.
//
// Defaults depend on the command: `skipgram` and `cbow` take the values below,
// `supervised` overrides five of them (args_for). After the options are set, fastText
// drops the n-gram buckets of a model that uses neither word n-grams nor character
// n-grams (without_unused_buckets).
//
// The numeric values of ModelKind and LossKind are the ones model files store.
#include <cstdint>
#include <string>

namespace embedwasm::fasttext {

enum class ModelKind : int32_t { kCbow = 1, kSkipgram = 2, kSupervised = 3 };
enum class LossKind : int32_t { kHierarchicalSoftmax = 1, kNegativeSampling = 2, kSoftmax = 3, kOneVsAll = 4 };

// fastText's command and option names: "cbow", "skipgram", "supervised"; "hs", "ns",
// "softmax", "ova".
const char* model_kind_name(ModelKind kind);
const char* loss_kind_name(LossKind kind);
bool is_valid_model_kind(int32_t value);
bool is_valid_loss_kind(int32_t value);

struct Args {
  // Stored in model files, in this order after the magic and version.
  int32_t dim = 100;            // D
  int32_t ws = 5;               // context window
  int32_t epoch = 5;
  int32_t min_count = 5;
  int32_t neg = 5;              // negatives per positive (loss ns)
  int32_t word_ngrams = 1;      // max length of word n-grams (supervised)
  LossKind loss = LossKind::kNegativeSampling;
  ModelKind model = ModelKind::kSkipgram;
  int32_t bucket = 2000000;     // rows shared by all hashed n-grams
  int32_t minn = 3;             // character n-grams of minn..maxn characters
  int32_t maxn = 6;
  int32_t lr_update_rate = 100;
  double t = 1e-4;              // subsampling threshold

  // Training only: not stored in model files.
  double lr = 0.05;
  int32_t min_count_label = 0;
  int32_t thread = 12;
  std::string label = "__label__";  // prefix of label tokens; a loaded model uses this default
  int32_t verbose = 2;
  std::string pretrained_vectors;
  bool save_output = false;
  int32_t seed = 0;

  // Whether the output matrix is quantized too, as model files store it; quantize's other
  // options are QuantizeOptions' (training_args.h).
  bool qout = false;
};

// The defaults of a fastText command: supervised sets loss softmax, min_count 1, minn 0,
// maxn 0 and lr 0.1; cbow and skipgram only set the model.
Args args_for(ModelKind kind);

// What fastText does once the options are parsed: bucket = 0 when word_ngrams <= 1 and
// maxn == 0, since no row would ever be hashed into.
Args without_unused_buckets(Args args);

}  // namespace embedwasm::fasttext
