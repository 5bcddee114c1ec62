#include "embedwasm/fasttext/model_file_writer.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "embedwasm/core/reserve.h"

namespace embedwasm::fasttext {
namespace {

// Appends values in the host's byte order: every target (x86, wasm) is little-endian,
// as the format is.
class ByteWriter {
 public:
  explicit ByteWriter(std::vector<uint8_t>* out) : out_(out) {}
  template <typename T>
  void put(T v) {
    const size_t at = out_->size();
    out_->resize(at + sizeof(T));
    std::memcpy(out_->data() + at, &v, sizeof(T));
  }
  void put_bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    out_->insert(out_->end(), b, b + n);
  }

 private:
  std::vector<uint8_t>* out_;
};

void put_quantizer(ByteWriter* w, const ProductQuantizer& pq) {
  w->put<int32_t>(pq.dim);
  w->put<int32_t>(pq.nsubq);
  w->put<int32_t>(pq.dsub);
  w->put<int32_t>(pq.last_dsub);
  w->put_bytes(pq.centroids.data(), pq.centroids.size() * sizeof(float));
}

void put_matrix(ByteWriter* w, const ModelMatrix& m) {
  if (!m.is_quantized()) {
    const RowMatrix& d = m.dense_rows();
    w->put<int64_t>(static_cast<int64_t>(d.rows()));
    w->put<int64_t>(static_cast<int64_t>(d.cols()));
    for (size_t r = 0; r < d.rows(); ++r) w->put_bytes(d.row(r), d.cols() * sizeof(float));
    return;
  }
  const QuantizedMatrix& q = m.quantized_rows();
  w->put<uint8_t>(q.qnorm ? 1 : 0);
  w->put<int64_t>(q.rows);
  w->put<int64_t>(q.cols);
  w->put<int32_t>(static_cast<int32_t>(q.codes.size()));
  w->put_bytes(q.codes.data(), q.codes.size());
  put_quantizer(w, q.pq);
  if (q.qnorm) {
    w->put_bytes(q.norm_codes.data(), q.norm_codes.size());
    put_quantizer(w, q.norm_pq);
  }
}

uint64_t matrix_bytes(const ModelMatrix& m) {
  if (!m.is_quantized()) return 16 + static_cast<uint64_t>(m.rows()) * static_cast<uint64_t>(m.cols()) * 4;
  const QuantizedMatrix& q = m.quantized_rows();
  return 1 + 16 + 4 + q.codes.size() + 16 + q.pq.centroids.size() * 4 +
         (q.qnorm ? q.norm_codes.size() + 16 + q.norm_pq.centroids.size() * 4 : 0);
}

Status check_matrix(const ModelMatrix& m, int64_t rows, int32_t dim, const char* name) {
  if (m.rows() != rows || m.cols() != dim) {
    return Status::invalid_argument(std::string(name) + " matrix is " + std::to_string(m.rows()) + " x " +
                                    std::to_string(m.cols()) + ", the model needs " + std::to_string(rows) + " x " +
                                    std::to_string(dim));
  }
  if (m.is_quantized()) {
    const Status s = m.quantized_rows().check_shape();
    if (!s.is_ok()) return s.prefixed(std::string(name) + " matrix: ");
  }
  return Status::ok();
}

}  // namespace

Status write_model_file(const Args& args, const DictionaryData& dict, const ModelMatrix& input,
                        const ModelMatrix& output, std::vector<uint8_t>* out) {
  const int64_t ngram_rows = dict.pruneidx_size >= 0 ? dict.pruneidx_size : args.bucket;
  EMBEDWASM_RETURN_IF_ERROR(check_matrix(input, dict.nwords + ngram_rows, args.dim, "the input"));
  const int64_t outputs = args.model == ModelKind::kSupervised ? dict.nlabels : dict.nwords;
  EMBEDWASM_RETURN_IF_ERROR(check_matrix(output, outputs, args.dim, "the output"));
  if (output.is_quantized() && !input.is_quantized()) {
    return Status::invalid_argument("the output matrix is quantized but the input matrix is not (fastText reads it as dense)");
  }
  if (static_cast<size_t>(dict.nwords) + static_cast<size_t>(dict.nlabels) != dict.entries.size()) {
    return Status::invalid_argument("the dictionary holds " + std::to_string(dict.entries.size()) +
                                    " entries, not nwords + nlabels");
  }
  uint64_t bytes = 4 * 2 + 13 * 4 + 8 + 3 * 4 + 16 + 8 * dict.pruneidx.size() + 2 + matrix_bytes(input) +
                   matrix_bytes(output);
  for (const DictionaryEntry& e : dict.entries) bytes += e.word.size() + 1 + 8 + 1;
  std::vector<uint8_t> buffer;
  EMBEDWASM_RETURN_IF_ERROR(reserve_or_fail(&buffer, bytes, "the model file"));
  ByteWriter w(&buffer);
  w.put<int32_t>(kModelMagic);
  w.put<int32_t>(kModelVersion);
  for (const int32_t v : {args.dim, args.ws, args.epoch, args.min_count, args.neg, args.word_ngrams,
                          static_cast<int32_t>(args.loss), static_cast<int32_t>(args.model), args.bucket, args.minn,
                          args.maxn, args.lr_update_rate}) {
    w.put<int32_t>(v);
  }
  w.put<double>(args.t);
  w.put<int32_t>(static_cast<int32_t>(dict.entries.size()));
  w.put<int32_t>(dict.nwords);
  w.put<int32_t>(dict.nlabels);
  w.put<int64_t>(dict.ntokens);
  w.put<int64_t>(dict.pruneidx_size);
  for (const DictionaryEntry& e : dict.entries) {
    w.put_bytes(e.word.data(), e.word.size());
    w.put<uint8_t>(0);
    w.put<int64_t>(e.count);
    w.put<int8_t>(static_cast<int8_t>(e.type));
  }
  std::vector<std::pair<int32_t, int32_t>> pruneidx = dict.pruneidx;
  std::sort(pruneidx.begin(), pruneidx.end());
  for (const auto& [bucket, row] : pruneidx) {
    w.put<int32_t>(bucket);
    w.put<int32_t>(row);
  }
  w.put<uint8_t>(input.is_quantized() ? 1 : 0);
  put_matrix(&w, input);
  w.put<uint8_t>(args.qout && output.is_quantized() ? 1 : 0);
  put_matrix(&w, output);
  *out = std::move(buffer);
  return Status::ok();
}

Status write_model_file(const ModelFile& file, std::vector<uint8_t>* out) {
  return write_model_file(file.args, file.dictionary, file.input, file.output, out);
}

Status write_model_file(const FastTextModel& model, std::vector<uint8_t>* out) {
  return write_model_file(model.args(), model.dictionary().data(), model.input_matrix(), model.output_matrix(), out);
}

}  // namespace embedwasm::fasttext
