#pragma once
// Writing a fastText model file (.bin when the input matrix is dense, .ftz when it is
// quantized) byte for byte as fastText 0.9.2's saveModel does: the layout in
// model_file.h, always version 12, little-endian. The n-gram index of a pruned
// dictionary is written in ascending bucket order (fastText writes its hash map's
// order; readers do not depend on it).
#include <cstdint>
#include <vector>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/dictionary.h"
#include "embedwasm/fasttext/fasttext_model.h"
#include "embedwasm/fasttext/model_file.h"
#include "embedwasm/fasttext/model_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

// Replaces *out with the file's bytes. Checks that the parts agree (rows and columns
// against the dictionary and dim; an output matrix quantized only with a quantized
// input, as fastText's qout) so that what is written loads again; kResourceExhausted
// when the bytes do not fit in memory.
Status write_model_file(const Args& args, const DictionaryData& dictionary, const ModelMatrix& input,
                        const ModelMatrix& output, std::vector<uint8_t>* out);
Status write_model_file(const ModelFile& file, std::vector<uint8_t>* out);
Status write_model_file(const FastTextModel& model, std::vector<uint8_t>* out);

}  // namespace embedwasm::fasttext
