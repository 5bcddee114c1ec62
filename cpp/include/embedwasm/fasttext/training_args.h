#pragma once
// The checks on fastText's training and quantization options before anything is
// allocated. Args (args.h) holds every option and its per-mode defaults (args_for); this
// file only says which values training accepts, and names each option in its error as
// fastText's command line and the JS API do (camelCase: minCount, wordNgrams, ...).
//
// The JS API reads the options through the schemas below (core/option_schema.h): one per
// mode, because a mode's defaults are its spec's: SupervisedArgs starts from
// args_for(kSupervised), UnsupervisedArgs from Args' member initializers, so each default
// is still written once (args.h / args.cpp). Ranges in the schemas are the per-field ones
// below; the rules between fields stay in check_training_args.
#include <cstdint>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/fasttext/args.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

// The limits training enforces beyond fastText's own (which has none): sizes that a
// 32-bit wasm heap could never hold fail here with a message, not later in an allocation.
constexpr int32_t kMaxTrainDim = 10000;
constexpr int32_t kMaxTrainThreads = 256;
constexpr int32_t kMaxNgramLength = 64;  // maxn and wordNgrams

// kInvalidArgument for an unknown model or loss or an empty/whitespace label prefix;
// kOutOfRange for a number outside its range (lr > 0, dim 1..10000, ws >= 1, epoch >= 1,
// minCount >= 0, minCountLabel >= 0, neg >= 1 for loss ns, wordNgrams 1..64,
// bucket >= 0, minn <= maxn <= 64 when maxn > 0, lrUpdateRate >= 1, 0 < t <= 1,
// thread 1..256).
Status check_training_args(const Args& args);

// What quantize() takes: fastText's quantize command's options.
struct QuantizeOptions {
  int64_t cutoff = 0;     // rows kept (words and n-grams, by norm), 0 = all
  bool retrain = false;   // fine-tune the kept rows before quantizing (needs the trainer)
  bool qnorm = false;     // quantize each row's norm separately
  bool qout = false;      // quantize the output matrix too (dsub 2)
  int32_t dsub = 2;       // floats per sub-vector of the input matrix
  // Used only with retrain, as fastText's quantize command: its defaults, not supervised's.
  int32_t epoch = 5;
  double lr = 0.05;
  int32_t thread = 1;
};

// fastText's `supervised` options (no model: it is the mode) and `skipgram` / `cbow`
// options (model chooses between them), each with its mode's defaults.
struct SupervisedArgs : Args {
  SupervisedArgs() : Args(args_for(ModelKind::kSupervised)) {}
};
struct UnsupervisedArgs : Args {};
const Schema<SupervisedArgs>& supervised_args_schema();
const Schema<UnsupervisedArgs>& unsupervised_args_schema();
const Schema<QuantizeOptions>& quantize_options_schema();

// cutoff >= 0, dsub 1..D, and with retrain epoch >= 1, lr > 0, thread 1..256.
Status check_quantize_options(const QuantizeOptions& options, int32_t dim);

}  // namespace embedwasm::fasttext
