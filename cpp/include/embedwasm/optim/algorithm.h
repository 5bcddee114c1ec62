#pragma once
// The optimizer algorithms by name: what Optimizer::create makes, what compile() takes
// from JS, and what JS's train.* factories are. Each algorithm registers itself in its own
// file (cpp/src/optim/<name>.cpp) with its names, TF.js' positional arguments and its own
// defaults, so that a default differing between algorithms (adam's learning rate 0.001,
// sgd's 0.01) is written once, beside the update that uses it.
//
// To add an algorithm: its Optimizer subclass and `const Algorithm& <name>_algorithm()`
// in cpp/src/optim/<name>.cpp (declared in algorithms.h), one line in algorithms() in
// algorithm.cpp, and its train.<factory> line in web/lib/optim/index.js and its type in
// web/lib/index.d.ts.
#include <memory>
#include <string>
#include <vector>

#include "embedwasm/core/option_record.h"
#include "embedwasm/optim/optimizer.h"

namespace embedwasm::optim {

struct Algorithm {
  std::string name;         // spec().name of what it makes; create() takes it in any case
  std::string record_name;  // the name its JS record (and a saved model) carries
  std::string factory;      // train.<factory> in JS
  // TF.js' positional arguments (snake_case), learning_rate first: train.adam(lr, beta1, ...).
  std::vector<std::string> positional;
  // What else it takes beyond common_options() and `positional`.
  std::vector<std::string> options;
  // Its own defaults over OptimizerSpec's.
  void (*set_defaults)(OptimizerSpec* spec) = nullptr;
  // The optimizer for a validated spec (name already this algorithm's).
  std::unique_ptr<Optimizer> (*make)(const OptimizerSpec& spec) = nullptr;
};

// The options every algorithm takes (snake_case).
const std::vector<std::string>& common_options();
// Every algorithm, in the order their names are listed to users.
const std::vector<const Algorithm*>& algorithms();
// By name, in any spelling fold_name folds alike ("Adam", "sparseAdam"), or null.
const Algorithm* find_algorithm(const std::string& name);
// OptimizerSpec's defaults with the algorithm's own on top, name set to its record name.
OptimizerSpec default_spec(const Algorithm& algorithm);
// Every option the algorithm takes, in the order JS lists them: common, then positional,
// then its other options (snake_case).
std::vector<std::string> accepted_options(const Algorithm& algorithm);
// The spec a record describes: the defaults of the algorithm its "name" names, then the
// record's fields (optimizer_schema().read).
Status spec_from_record(const OptionRecord& record, OptimizerSpec* spec);
// Every algorithm as JS reads it: {factory: {name, recordName, positional, options,
// defaults}} with options in JS spelling and defaults as a full record.
std::string algorithms_json();

}  // namespace embedwasm::optim
