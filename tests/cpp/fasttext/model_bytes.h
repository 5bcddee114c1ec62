#pragma once
// Builds fastText model files byte by byte for the tests, following the layout in
// model_file.h (written here independently of the reader).
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace embedwasm::fasttext::testing {

inline void put_i32(std::string* s, int32_t v) { s->append(reinterpret_cast<const char*>(&v), 4); }
inline void put_i64(std::string* s, int64_t v) { s->append(reinterpret_cast<const char*>(&v), 8); }
inline void put_f64(std::string* s, double v) { s->append(reinterpret_cast<const char*>(&v), 8); }
inline void put_f32s(std::string* s, const std::vector<float>& v) {
  s->append(reinterpret_cast<const char*>(v.data()), v.size() * 4);
}

struct QuantSpec {
  bool qnorm = false;
  int64_t rows = 0, cols = 0;
  std::vector<uint8_t> codes;
  int32_t nsubq = 0, dsub = 0, last_dsub = 0;
  std::vector<float> centroids;  // cols * 256
  std::vector<uint8_t> norm_codes;
  std::vector<float> norm_centroids;  // 256
};

struct ModelSpec {
  int32_t magic = 793712314, version = 12;
  int32_t dim = 2, ws = 5, epoch = 5, min_count = 1, neg = 5, word_ngrams = 1;
  int32_t loss = 3, model = 3;  // softmax, supervised
  int32_t bucket = 0, minn = 0, maxn = 0, lr_update_rate = 100;
  double t = 1e-4;
  int32_t nwords = 0, nlabels = 0;
  int64_t ntokens = 100, pruneidx_size = -1;
  std::vector<std::pair<std::string, std::pair<int64_t, int8_t>>> entries;  // word, (count, type)
  std::vector<std::pair<int32_t, int32_t>> pruneidx;
  bool quant_input = false;
  int64_t input_rows = 0;
  std::vector<float> input;  // input_rows * dim
  QuantSpec qinput;
  bool qout = false;
  std::vector<float> output;  // rows * dim
  QuantSpec qoutput;

  void word(const std::string& w, int64_t count) {
    entries.push_back({w, {count, 0}});
    ++nwords;
  }
  void label(const std::string& w, int64_t count) {
    entries.push_back({w, {count, 1}});
    ++nlabels;
  }
};

inline void put_quant(std::string* s, const QuantSpec& q) {
  s->push_back(q.qnorm ? 1 : 0);
  put_i64(s, q.rows);
  put_i64(s, q.cols);
  put_i32(s, static_cast<int32_t>(q.codes.size()));
  s->append(reinterpret_cast<const char*>(q.codes.data()), q.codes.size());
  put_i32(s, static_cast<int32_t>(q.cols));
  put_i32(s, q.nsubq);
  put_i32(s, q.dsub);
  put_i32(s, q.last_dsub);
  put_f32s(s, q.centroids);
  if (q.qnorm) {
    s->append(reinterpret_cast<const char*>(q.norm_codes.data()), q.norm_codes.size());
    put_i32(s, 1);
    put_i32(s, 1);
    put_i32(s, 1);
    put_i32(s, 1);
    put_f32s(s, q.norm_centroids);
  }
}

inline std::string model_bytes(const ModelSpec& m) {
  std::string s;
  put_i32(&s, m.magic);
  put_i32(&s, m.version);
  for (int32_t v : {m.dim, m.ws, m.epoch, m.min_count, m.neg, m.word_ngrams, m.loss, m.model, m.bucket, m.minn,
                    m.maxn, m.lr_update_rate}) {
    put_i32(&s, v);
  }
  put_f64(&s, m.t);
  put_i32(&s, static_cast<int32_t>(m.entries.size()));
  put_i32(&s, m.nwords);
  put_i32(&s, m.nlabels);
  put_i64(&s, m.ntokens);
  put_i64(&s, m.pruneidx_size);
  for (const auto& [word, ct] : m.entries) {
    s += word;
    s.push_back('\0');
    put_i64(&s, ct.first);
    s.push_back(static_cast<char>(ct.second));
  }
  for (const auto& [a, b] : m.pruneidx) {
    put_i32(&s, a);
    put_i32(&s, b);
  }
  s.push_back(m.quant_input ? 1 : 0);
  if (m.quant_input) {
    put_quant(&s, m.qinput);
  } else {
    put_i64(&s, m.input_rows);
    put_i64(&s, m.dim);
    put_f32s(&s, m.input);
  }
  s.push_back(m.qout ? 1 : 0);
  if (m.quant_input && m.qout) {
    put_quant(&s, m.qoutput);
  } else {
    put_i64(&s, m.dim > 0 ? static_cast<int64_t>(m.output.size() / static_cast<size_t>(m.dim)) : 0);
    put_i64(&s, m.dim);
    put_f32s(&s, m.output);
  }
  return s;
}

inline const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

}  // namespace embedwasm::fasttext::testing
