#include "embedwasm/optim/algorithm.h"

#include "core/name_folding.h"
#include "optim/algorithms.h"

namespace embedwasm::optim {

const std::vector<std::string>& common_options() {
  static const std::vector<std::string> options = {"learning_rate", "weight_decay", "decay", "clip_norm",
                                                   "clip_value", "schedule"};
  return options;
}

const std::vector<const Algorithm*>& algorithms() {
  static const std::vector<const Algorithm*> all = {
      &sgd_algorithm(),  &momentum_algorithm(), &adagrad_algorithm(), &rmsprop_algorithm(),
      &adam_algorithm(), &adamw_algorithm(),    &adamax_algorithm(),  &sparse_adam_algorithm()};
  return all;
}

const Algorithm* find_algorithm(const std::string& name) {
  const std::string folded = fold_name(name);
  for (const Algorithm* a : algorithms()) {
    if (fold_name(a->name) == folded) return a;
  }
  return nullptr;
}

OptimizerSpec default_spec(const Algorithm& algorithm) {
  OptimizerSpec spec;
  algorithm.set_defaults(&spec);
  spec.name = algorithm.name;
  return spec;
}

std::vector<std::string> accepted_options(const Algorithm& algorithm) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& name) {
    for (const std::string& have : out) {
      if (have == name) return;
    }
    out.push_back(name);
  };
  for (const std::string& name : common_options()) add(name);
  for (size_t i = 1; i < algorithm.positional.size(); ++i) add(algorithm.positional[i]);
  for (const std::string& name : algorithm.options) add(name);
  return out;
}

Status spec_from_record(const OptionRecord& record, OptimizerSpec* spec) {
  const OptionValue* name = record.find("name");
  const Algorithm* algorithm =
      name != nullptr && name->kind() == OptionValue::Kind::kString ? find_algorithm(name->text()) : nullptr;
  *spec = algorithm != nullptr ? default_spec(*algorithm) : OptimizerSpec();
  return optimizer_schema().read(record, spec);
}

std::string algorithms_json() {
  auto camel = [](const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const std::string& n : names) out.push_back(camel_case(n));
    return out;
  };
  std::string out = "{";
  for (const Algorithm* a : algorithms()) {
    OptionRecord defaults = optimizer_schema().write(default_spec(*a));
    defaults.set("name", OptionValue::text(a->record_name));
    out += (out.size() > 1 ? "," : "") + json_quote(a->factory) + ":{\"name\":" + json_quote(a->name) +
           ",\"recordName\":" + json_quote(a->record_name) + ",\"positional\":" + json_names(camel(a->positional)) +
           ",\"options\":" + json_names(camel(accepted_options(*a))) +
           ",\"defaults\":" + to_json(OptionValue::record(defaults)) + "}";
  }
  return out + "}";
}

}  // namespace embedwasm::optim
