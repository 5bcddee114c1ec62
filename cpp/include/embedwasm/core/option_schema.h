#pragma once
// One schema per option set. An option set (an optimizer's hyper-parameters, a layer's
// options, the word2vec trainer's) is a C++ spec struct whose member initializers are the
// defaults, and one Schema<Spec> that lists its members in order with their range and
// their place in the option record. Everything else reads that schema:
//   - validate(spec) checks every field's type and range for C++ callers;
//   - read(record, &spec) fills a spec from the record JS built (the bindings hand JS
//     objects over as records, so no binding lists fields);
//   - write(spec) gives the record of a spec, and the defaults JS fills in are
//     write(Spec{}) - the member initializer is the one place a default is written;
//   - to_json() publishes the schema; the build writes every published schema to
//     dist/core/option_schemas.js, from which JS checks options (names, types, ranges)
//     and fills defaults before the engine is even loaded, and builds its records.
// Errors name the field (Status::with_field): snake_case for C++, camelCase in JS.
// Rules between fields (min_value <= max_value) stay hand-written next to the struct and
// name their fields with option_name().
//
// How to add...
//   an option: the member and its default in the spec struct; one add() line in the
//     spec's schema function, with its range if it has one (at_least, above, at_most,
//     below, choices); its type in web/lib/index.d.ts (or the area's index.d.ts); a test.
//     JS picks up its name, type, range and default from the generated table.
//   an option set (e.g. fastText's args):
//     1. the spec struct with member initializers, and next to it
//          const Schema<Spec>& spec_schema() {
//            static const Schema<Spec> schema = [] {
//              Schema<Spec> s("spec");          // the key JS finds it under
//              s.add("max_tokens", &Spec::max_tokens).at_least(0);
//              s.add_enum("mode", &Spec::mode, {Mode::kA, Mode::kB}, mode_name);
//              s.add_record("table", &Spec::table, table_schema()).flat();
//              return s;
//            }();
//            return schema;
//          }
//        and create()/validate() calling spec_schema().validate(spec) before the rules
//        between fields, whose messages name fields with option_name("max_tokens");
//     2. publish_schema(...) in the area's EMSCRIPTEN_BINDINGS block (bindings/core.h);
//        the adapter turns the JS object into an OptionRecord with record_from_js() and
//        reads it with spec_schema().read(record, &spec), returning to_js(status);
//     3. in web/lib: OPTIONS.schemas.<name> (core/option_schema.js); checkNames() and
//        buildRecord() check the user's options and make the record before init(),
//        defaultOptions() gives the defaults where JS checks options itself.
//   an error about an option: Status::out_of_range("must be >= 0, got -1").with_field(
//     "min_count") - C++ callers read "min_count must be ...", JS users "minCount must
//     be ..." - or option_name("min_count") inside a longer text. Never the bare name.
//   a per-kind default (adam's learning rate 0.001): in the optimizer algorithm's
//     registration in cpp/src/optim/<name>.cpp (optim/algorithm.h), never in the struct
//     (it holds the default all algorithms start from) and never in JS. A layer kind has
//     its own config struct, so its defaults are that struct's members.
//   a layer kind: see layers/layer_registry.h.
// scripts/defaults_once.mjs lists where each published option's default is written.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "embedwasm/core/option_record.h"
#include "embedwasm/core/status.h"

namespace embedwasm {

// "learning_rate" -> "learningRate": the one rule from C++ option names to JS ones.
std::string camel_case(std::string_view snake_name);

// A number as a message or JSON shows it: the shortest text that reads back as the same
// double ("0.001", "1e-07", "2147483648"), and "inf", "-inf", "nan".
std::string format_number(double x);

enum class OptionType { kNumber, kInteger, kBool, kString, kChoice, kRecord };

class OptionSchema;

struct OptionField {
  std::string name;  // the spec member's name, snake_case; errors name the option by it
  std::string key;   // its key in the record: camel_case(name) unless the record says otherwise
  OptionType type = OptionType::kNumber;
  OptionValue default_value;  // the member of a default-constructed spec
  // kNumber, kInteger. An infinite bound admits infinity when closed; NaN is never valid.
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = true, high_open = true;
  std::vector<std::string> choices;  // kChoice: the names JS accepts, in the order it lists them
  const OptionSchema* nested = nullptr;  // kRecord
  // kRecord: the nested fields sit in this record itself, the nested `name` under `key`
  // (the flat table record's "initializer", the optimizer record's "schedule").
  bool flat = false;
  // A std::optional member: the record holds has<Key> (bool) and <key> (its value, or
  // the zero of its type when absent); users write the option or leave it out (or null).
  bool optional = false;
  // A seed JS draws at random when the user gives none (Keras' seed=None); the default
  // above is what C++ callers get.
  bool random_seed = false;
  // A field another spec owns, kept in this record at its default so that two kinds
  // share one record shape (Embedding's record holds EmbeddingBag's mode). Never read.
  bool slot = false;

  std::string has_key() const;  // optional: "hasPaddingIdx"
};

class OptionSchema {
 public:
  explicit OptionSchema(std::string name) : name_(std::move(name)) {}
  virtual ~OptionSchema() = default;
  const std::string& name() const { return name_; }
  const std::vector<OptionField>& fields() const { return fields_; }
  const OptionField* find(std::string_view name) const;
  // The record of a default-constructed spec.
  virtual OptionRecord defaults() const = 0;

 protected:
  std::string name_;
  std::vector<OptionField> fields_;
};

// {"name": ..., "fields": [{"name", "key", "option", "type", "default", "low", ...}]}: the
// schema as JS reads it (infinite bounds left out). "option" is camel_case(name), the
// name users write.
std::string to_json(const OptionSchema& schema);
// JSON text of a value, a string, and a list of names (for the registries' tables).
std::string to_json(const OptionValue& value);
std::string json_quote(std::string_view text);
std::string json_names(const std::vector<std::string>& names);

namespace option_schema_detail {

// Each checks a value against its field and returns the field-named error.
Status check_number(const OptionField& f, double x);
Status check_kind(const OptionField& f, const OptionValue& v, OptionValue::Kind kind);
Status check_choice(const OptionField& f, const std::string& s);
// Integers compare as long double, which holds every int64 and uint64 exactly.
Status check_integer(const OptionField& f, long double x);

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

}  // namespace option_schema_detail

template <typename Spec>
class Schema : public OptionSchema {
 public:
  explicit Schema(std::string name) : OptionSchema(std::move(name)) {}

  // Sets a field's range, record key or JS behaviour right after it is added.
  class FieldRef {
   public:
    FieldRef(Schema* s, size_t i) : s_(s), i_(i) {}
    FieldRef& at_least(double low) { return bound(low, false, true); }
    FieldRef& above(double low) { return bound(low, true, true); }
    FieldRef& at_most(double high) { return bound(high, false, false); }
    FieldRef& below(double high) { return bound(high, true, false); }
    FieldRef& key(std::string key) {
      field().key = std::move(key);
      return *this;
    }
    FieldRef& choices(std::vector<std::string> names) {
      field().type = OptionType::kChoice;  // a string member that takes only these
      field().choices = std::move(names);
      return *this;
    }
    FieldRef& flat() {
      field().flat = true;
      return *this;
    }
    FieldRef& random_seed() {
      field().random_seed = true;
      return *this;
    }
    // A slot's value, when not the other spec's default.
    FieldRef& slot_value(OptionValue value) {
      field().default_value = std::move(value);
      return *this;
    }

   private:
    OptionField& field() { return s_->fields_[i_]; }
    FieldRef& bound(double x, bool open, bool is_low) {
      (is_low ? field().low : field().high) = x;
      (is_low ? field().low_open : field().high_open) = open;
      return *this;
    }
    Schema* s_;
    size_t i_;
  };

  // A number (double), integer, bool, char or string member, or a std::optional of one. `member`
  // is &Spec::x or a lambda [](auto& s) -> auto& { return s.table.x; } for a nested one.
  template <typename Member>
  FieldRef add(std::string name, Member member) {
    auto access = accessor(member);
    using T = std::remove_cv_t<std::remove_reference_t<decltype(access(std::declval<Spec&>()))>>;
    if constexpr (option_schema_detail::IsOptional<T>::value) {
      using V = typename T::value_type;
      OptionField f = scalar_field<V>(std::move(name), V{});
      f.optional = true;
      return push(std::move(f), optional_ops<V>(access));
    } else {
      const Spec defaults{};
      OptionField f = scalar_field<T>(std::move(name), access(defaults));
      return push(std::move(f), scalar_ops<T>(access));
    }
  }

  // An enum member, named in records by name_of (one of `values`).
  template <typename Member, typename Enum>
  FieldRef add_enum(std::string name, Member member, std::vector<Enum> values, const char* (*name_of)(Enum)) {
    auto access = accessor(member);
    OptionField f;
    f.name = std::move(name);
    f.key = camel_case(f.name);
    f.type = OptionType::kChoice;
    for (Enum e : values) f.choices.emplace_back(name_of(e));
    const Spec defaults{};
    f.default_value = OptionValue::text(name_of(access(defaults)));
    Ops ops;
    ops.read = [access, values, name_of](const OptionField& f, const OptionRecord& r, std::string_view, Spec* s) {
      const OptionValue* v = r.find(f.key);
      if (v == nullptr) return Status::ok();
      EMBEDWASM_RETURN_IF_ERROR(option_schema_detail::check_kind(f, *v, OptionValue::Kind::kString));
      for (Enum e : values) {
        if (v->text() == name_of(e)) {
          access(*s) = e;
          return Status::ok();
        }
      }
      return option_schema_detail::check_choice(f, v->text());
    };
    ops.write = [access, name_of](const OptionField& f, const Spec& s, std::string_view, OptionRecord* r) {
      r->set(f.key, OptionValue::text(name_of(access(s))));
    };
    ops.validate = [](const OptionField&, const Spec&) { return Status::ok(); };
    return push(std::move(f), std::move(ops));
  }

  // A member that is itself a spec with a schema: a nested record, or with .flat() its
  // fields inline in this one.
  template <typename Member, typename Nested>
  FieldRef add_record(std::string name, Member member, const Schema<Nested>& nested) {
    auto access = accessor(member);
    OptionField f;
    f.name = std::move(name);
    f.key = camel_case(f.name);
    f.type = OptionType::kRecord;
    f.nested = &nested;
    const Spec defaults{};
    f.default_value = OptionValue::record(nested.write(access(defaults)));
    Ops ops;
    ops.read = [access, &nested](const OptionField& f, const OptionRecord& r, std::string_view, Spec* s) {
      if (f.flat) return nested.read_into(r, f.key, &access(*s));
      const OptionValue* v = r.find(f.key);
      if (v == nullptr) return Status::ok();
      EMBEDWASM_RETURN_IF_ERROR(option_schema_detail::check_kind(f, *v, OptionValue::Kind::kRecord));
      return nested.read_into(v->record(), "", &access(*s)).prefixed(option_name(f.name) + " ");
    };
    ops.write = [access, &nested](const OptionField& f, const Spec& s, std::string_view, OptionRecord* r) {
      if (f.flat) {
        nested.write_into(access(s), f.key, r);
      } else {
        r->set(f.key, OptionValue::record(nested.write(access(s))));
      }
    };
    ops.validate = [access, &nested](const OptionField& f, const Spec& s) {
      const Status st = nested.validate(access(s));
      return f.flat ? st : st.prefixed(option_name(f.name) + " ");
    };
    return push(std::move(f), std::move(ops));
  }

  // `field` of another spec, kept in this record at its default (OptionField::slot).
  FieldRef add_slot(const OptionField& field) {
    OptionField f = field;
    f.slot = true;
    Ops ops;
    ops.read = [](const OptionField&, const OptionRecord&, std::string_view, Spec*) { return Status::ok(); };
    ops.write = [](const OptionField& f, const Spec&, std::string_view, OptionRecord* r) {
      if (f.optional) r->set(f.has_key(), OptionValue::boolean(false));
      r->set(f.key, f.default_value);
    };
    ops.validate = [](const OptionField&, const Spec&) { return Status::ok(); };
    return push(std::move(f), std::move(ops));
  }

  // Field `name` of another schema of the same spec, as it is there (nothing when it has
  // no such field).
  void add_from(const Schema& other, std::string_view name) {
    for (size_t i = 0; i < other.fields_.size(); ++i) {
      if (other.fields_[i].name == name) push(other.fields_[i], other.ops_[i]);
    }
  }

  // Every field's range; the spec's cross-field rules are its own validate's.
  Status validate(const Spec& spec) const {
    for (size_t i = 0; i < ops_.size(); ++i) EMBEDWASM_RETURN_IF_ERROR(ops_[i].validate(fields_[i], spec));
    return Status::ok();
  }
  // The ranges of the named fields only (parameters that only some kinds use).
  Status validate_only(const Spec& spec, std::initializer_list<std::string_view> names) const {
    for (size_t i = 0; i < ops_.size(); ++i) {
      for (std::string_view name : names) {
        if (fields_[i].name == name) EMBEDWASM_RETURN_IF_ERROR(ops_[i].validate(fields_[i], spec));
      }
    }
    return Status::ok();
  }
  // Sets every field the record holds (checked as validate checks it); fields it lacks
  // keep the value *spec has. Keys the schema does not know are ignored: a record may
  // carry what JS keeps beside it (a layer's name).
  Status read(const OptionRecord& record, Spec* spec) const { return read_into(record, "", spec); }
  OptionRecord write(const Spec& spec) const {
    OptionRecord r;
    write_into(spec, "", &r);
    return r;
  }
  OptionRecord defaults() const override { return write(Spec{}); }

  // read / write with this schema's `name` field under name_key (a flat nested record).
  Status read_into(const OptionRecord& record, std::string_view name_key, Spec* spec) const {
    for (size_t i = 0; i < ops_.size(); ++i) EMBEDWASM_RETURN_IF_ERROR(ops_[i].read(fields_[i], record, name_key, spec));
    return Status::ok();
  }
  void write_into(const Spec& spec, std::string_view name_key, OptionRecord* record) const {
    for (size_t i = 0; i < ops_.size(); ++i) ops_[i].write(fields_[i], spec, name_key, record);
  }

 private:
  // What a field does, given the field itself (so that a copied schema, or a range set
  // after add(), is what they see).
  struct Ops {
    std::function<Status(const OptionField&, const OptionRecord&, std::string_view name_key, Spec*)> read;
    std::function<void(const OptionField&, const Spec&, std::string_view name_key, OptionRecord*)> write;
    std::function<Status(const OptionField&, const Spec&)> validate;
  };

  template <typename M>
  static auto accessor(M member) {
    if constexpr (std::is_member_object_pointer_v<M>) {
      return [member](auto& s) -> auto& { return s.*member; };
    } else {
      return member;
    }
  }

  // The key a field is read and written under: a flat nested record's `name` field
  // takes the key its parent gives it.
  static std::string_view key_of(const OptionField& f, std::string_view name_key) {
    return !name_key.empty() && f.name == "name" ? name_key : std::string_view(f.key);
  }

  template <typename T>
  static OptionField scalar_field(std::string name, const T& default_value) {
    OptionField f;
    f.name = std::move(name);
    f.key = camel_case(f.name);
    if constexpr (std::is_same_v<T, bool>) {
      f.type = OptionType::kBool;
      f.default_value = OptionValue::boolean(default_value);
    } else if constexpr (std::is_same_v<T, char>) {
      // One character (a delimiter), which JS holds as a one-character string.
      f.type = OptionType::kString;
      f.default_value = OptionValue::text(std::string(1, default_value));
    } else if constexpr (std::is_integral_v<T>) {
      // The type's own limits; as doubles, 2^63 - 1 and 2^64 - 1 round up to a power of
      // two, which is then the open bound.
      f.type = OptionType::kInteger;
      f.low = static_cast<double>(std::numeric_limits<T>::min());
      f.high = static_cast<double>(std::numeric_limits<T>::max());
      f.low_open = false;
      f.high_open = static_cast<long double>(f.high) > static_cast<long double>(std::numeric_limits<T>::max());
      f.default_value = OptionValue::number(static_cast<double>(default_value));
    } else if constexpr (std::is_floating_point_v<T>) {
      f.type = OptionType::kNumber;
      f.default_value = OptionValue::number(static_cast<double>(default_value));
    } else {
      static_assert(std::is_same_v<T, std::string>, "an option is a number, integer, bool, char or string");
      f.type = OptionType::kString;
      f.default_value = OptionValue::text(default_value);
    }
    return f;
  }

  // Reads one scalar of type T from v (already found) into *out, checked.
  template <typename T>
  static Status read_scalar(const OptionField& f, const OptionValue& v, T* out) {
    using option_schema_detail::check_kind;
    if constexpr (std::is_same_v<T, bool>) {
      EMBEDWASM_RETURN_IF_ERROR(check_kind(f, v, OptionValue::Kind::kBool));
      *out = v.boolean();
    } else if constexpr (std::is_same_v<T, char>) {
      EMBEDWASM_RETURN_IF_ERROR(check_kind(f, v, OptionValue::Kind::kString));
      if (v.text().size() != 1) {
        return Status::invalid_argument("must be one character, got " + std::to_string(v.text().size()))
            .with_field(f.name);
      }
      *out = v.text()[0];
    } else if constexpr (std::is_integral_v<T>) {
      EMBEDWASM_RETURN_IF_ERROR(check_kind(f, v, OptionValue::Kind::kNumber));
      EMBEDWASM_RETURN_IF_ERROR(option_schema_detail::check_integer(f, static_cast<long double>(v.number())));
      *out = static_cast<T>(v.number());
    } else if constexpr (std::is_floating_point_v<T>) {
      EMBEDWASM_RETURN_IF_ERROR(check_kind(f, v, OptionValue::Kind::kNumber));
      EMBEDWASM_RETURN_IF_ERROR(option_schema_detail::check_number(f, v.number()));
      *out = static_cast<T>(v.number());
    } else {
      EMBEDWASM_RETURN_IF_ERROR(check_kind(f, v, OptionValue::Kind::kString));
      *out = v.text();
    }
    return Status::ok();
  }

  template <typename T>
  static OptionValue value_of(const T& x) {
    if constexpr (std::is_same_v<T, bool>) {
      return OptionValue::boolean(x);
    } else if constexpr (std::is_same_v<T, char>) {
      return OptionValue::text(std::string(1, x));
    } else if constexpr (std::is_arithmetic_v<T>) {
      return OptionValue::number(static_cast<double>(x));
    } else {
      return OptionValue::text(x);
    }
  }

  template <typename T>
  static Status check_scalar(const OptionField& f, const T& x) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>) {
      return option_schema_detail::check_integer(f, static_cast<long double>(x));
    } else if constexpr (std::is_floating_point_v<T>) {
      return option_schema_detail::check_number(f, static_cast<double>(x));
    } else {
      return Status::ok();  // bools; string names are checked by the parser of their concept
    }
  }

  template <typename T, typename Access>
  static Ops scalar_ops(Access access) {
    Ops ops;
    ops.read = [access](const OptionField& f, const OptionRecord& r, std::string_view name_key, Spec* s) {
      const OptionValue* v = r.find(key_of(f, name_key));
      return v == nullptr ? Status::ok() : read_scalar<T>(f, *v, &access(*s));
    };
    ops.write = [access](const OptionField& f, const Spec& s, std::string_view name_key, OptionRecord* r) {
      r->set(key_of(f, name_key), value_of<T>(access(s)));
    };
    ops.validate = [access](const OptionField& f, const Spec& s) { return check_scalar<T>(f, access(s)); };
    return ops;
  }

  template <typename T, typename Access>
  static Ops optional_ops(Access access) {
    Ops ops;
    ops.read = [access](const OptionField& f, const OptionRecord& r, std::string_view, Spec* s) {
      const OptionValue* has = r.find(f.has_key());
      if (has == nullptr) return Status::ok();
      EMBEDWASM_RETURN_IF_ERROR(option_schema_detail::check_kind(f, *has, OptionValue::Kind::kBool));
      if (!has->boolean()) {
        access(*s).reset();
        return Status::ok();
      }
      const OptionValue* v = r.find(f.key);
      if (v == nullptr) return Status::invalid_argument("is missing beside " + f.has_key()).with_field(f.name);
      T x{};
      EMBEDWASM_RETURN_IF_ERROR(read_scalar<T>(f, *v, &x));
      access(*s) = x;
      return Status::ok();
    };
    ops.write = [access](const OptionField& f, const Spec& s, std::string_view, OptionRecord* r) {
      const auto& x = access(s);
      r->set(f.has_key(), OptionValue::boolean(x.has_value()));
      r->set(f.key, value_of<T>(x.value_or(T{})));
    };
    ops.validate = [access](const OptionField& f, const Spec& s) {
      const auto& x = access(s);
      return x ? check_scalar<T>(f, *x) : Status::ok();
    };
    return ops;
  }

  FieldRef push(OptionField f, Ops ops) {
    fields_.push_back(std::move(f));
    ops_.push_back(std::move(ops));
    return FieldRef(this, fields_.size() - 1);
  }

  std::vector<Ops> ops_;
};

}  // namespace embedwasm
