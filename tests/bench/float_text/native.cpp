// Reading and writing the numbers of a text vectors file: the library's parse_float and
// format_float (vector_files/float_text.h) against the C library's strtof and
// snprintf("%.9g"), which is what a text reader or writer uses without them. Built
// natively (-O3) and with em++ (run under Node), where the C library's conversions go
// through software long double.
//
// Usage: float_text_bench [--count=1000000] [--reps=7]
//
// The numbers are what GloVe and word2vec files hold: float32 values of a bell shape around
// 0 (scale 0.3), written in their shortest round-trip form (as gensim writes them). Each
// timed call converts all of them; the median of the reps is reported. A checksum of the
// results keeps the compiler from dropping the work, and every library result is checked
// against the C library's, so a fast wrong answer cannot pass for a speed-up.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "common/bench_util.h"
#include "embedwasm/vector_files/float_text.h"

namespace {

using bench::JoinMs;
using bench::Median;
using bench::NowMs;
using embedwasm::vector_files::format_float;
using embedwasm::vector_files::kMaxFloatTextBytes;
using embedwasm::vector_files::parse_float;

float Bell(bench::SplitMix64* rng) {
  float sum = 0;
  for (int i = 0; i < 4; ++i) sum += static_cast<float>(rng->next() >> 40) * 0x1p-24f;
  return (sum - 2.0f) * 0.3f;
}

uint32_t Bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}

struct Texts {
  std::string chars;
  std::vector<size_t> starts;  // count + 1 offsets into chars
};

void Print(const char* op, const char* variant, size_t count, const std::vector<double>& ms) {
  std::printf("{\"bench\":\"float_text\",\"build\":\"%s\",\"op\":\"%s\",\"variant\":\"%s\",\"count\":%zu,"
              "\"median_ms\":%.4f,\"ms\":[%s]}\n",
              BENCH_BUILD, op, variant, count, Median(ms), JoinMs(ms).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  long long count = 1000000, reps = 7;
  std::vector<std::string> words;
  const std::string error = bench::ParseArgs(argc, argv, {{"count", &count}, {"reps", &reps}}, &words);
  if (!error.empty() || !words.empty() || count < 1 || reps < 1) {
    std::fprintf(stderr, "float_text_bench: %s\n", error.empty() ? "usage: [--count=N] [--reps=N]" : error.c_str());
    return 2;
  }
  const size_t n = static_cast<size_t>(count);
  bench::SplitMix64 rng{20261202};
  std::vector<float> values(n);
  for (float& v : values) v = Bell(&rng);

  Texts texts;
  texts.starts.push_back(0);
  char buf[kMaxFloatTextBytes];
  for (float v : values) {
    texts.chars.append(buf, format_float(v, buf));
    texts.starts.push_back(texts.chars.size());
  }

  // Correctness first: both readers give every value back, and the library's text reads
  // back exactly through strtof.
  for (size_t i = 0; i < n; ++i) {
    const std::string token = texts.chars.substr(texts.starts[i], texts.starts[i + 1] - texts.starts[i]);
    float ours = 0;
    const float theirs = std::strtof(token.c_str(), nullptr);
    if (!parse_float(token.data(), token.data() + token.size(), &ours) || Bits(ours) != Bits(values[i]) ||
        Bits(theirs) != Bits(values[i])) {
      std::fprintf(stderr, "float_text_bench: '%s' does not read back as value %zu\n", token.c_str(), i);
      return 1;
    }
  }

  // strtof needs a NUL after each token: the same texts, NUL-separated.
  std::string terminated = texts.chars;
  std::vector<size_t> terminated_starts(n);
  terminated.clear();
  for (size_t i = 0; i < n; ++i) {
    terminated_starts[i] = terminated.size();
    terminated.append(texts.chars, texts.starts[i], texts.starts[i + 1] - texts.starts[i]);
    terminated.push_back('\0');
  }

  uint64_t checksum = 0;
  std::vector<double> parse_ms, strtof_ms, format_ms, snprintf_ms;
  for (long long r = 0; r < reps; ++r) {
    double t0 = NowMs();
    for (size_t i = 0; i < n; ++i) {
      float v;
      parse_float(texts.chars.data() + texts.starts[i], texts.chars.data() + texts.starts[i + 1], &v);
      checksum += Bits(v);
    }
    parse_ms.push_back(NowMs() - t0);

    t0 = NowMs();
    for (size_t i = 0; i < n; ++i) checksum += Bits(std::strtof(terminated.data() + terminated_starts[i], nullptr));
    strtof_ms.push_back(NowMs() - t0);

    t0 = NowMs();
    for (size_t i = 0; i < n; ++i) checksum += format_float(values[i], buf) + static_cast<unsigned char>(buf[0]);
    format_ms.push_back(NowMs() - t0);

    char pbuf[32];
    t0 = NowMs();
    for (size_t i = 0; i < n; ++i) {
      checksum += static_cast<uint64_t>(std::snprintf(pbuf, sizeof(pbuf), "%.9g", static_cast<double>(values[i])));
    }
    snprintf_ms.push_back(NowMs() - t0);
  }
  Print("parse", "parse_float", n, parse_ms);
  Print("parse", "strtof", n, strtof_ms);
  Print("format", "format_float", n, format_ms);
  Print("format", "snprintf %.9g", n, snprintf_ms);
  std::fprintf(stderr, "float_text_bench: checksum %llu\n", static_cast<unsigned long long>(checksum));
  return 0;
}
