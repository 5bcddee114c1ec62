#pragma once
// Option names arrive as Python (snake_case), TF.js (camelCase) or Keras class names
// (PascalCase); folding them to one spelling lets each parser list a name once.
#include <cctype>
#include <string>

namespace embedwasm {

// Lower case without underscores: "sparse_categorical_crossentropy",
// "sparseCategoricalCrossentropy" and "SparseCategoricalCrossentropy" fold alike.
inline std::string fold_name(const std::string& name) {
  std::string folded;
  for (char c : name) {
    if (c != '_') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return folded;
}

}  // namespace embedwasm
