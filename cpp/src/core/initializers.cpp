#include "embedwasm/core/initializers.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <new>
#include <string>

#include "embedwasm/core/rng.h"

// Every random initializer draws its values in row-major order of the (rows, cols)
// output, one Rng call sequence per table, so a seed fixes the table on every platform.

namespace embedwasm {
namespace {

enum class Kind {
  kUniform,
  kNormal,
  kTruncatedNormal,
  kGlorotUniform,
  kGlorotNormal,
  kHeUniform,
  kHeNormal,
  kLecunUniform,
  kLecunNormal,
  kZeros,
  kOnes,
  kConstant,
  kOrthogonal,
};

struct Alias {
  const char* name;
  Kind kind;
  bool listed;  // one of the names JS lists (the package's spelling of each kind)
};

// Keras snake_case identifiers and their legacy aliases, tfjs-layers camelCase
// identifiers (tfjs spells the LeCun pair "leCunNormal"), and Keras class names.
constexpr Alias kAliases[] = {
    {"uniform", Kind::kUniform, true},
    {"random_uniform", Kind::kUniform, false},
    {"randomUniform", Kind::kUniform, true},
    {"RandomUniform", Kind::kUniform, false},
    {"normal", Kind::kNormal, true},
    {"random_normal", Kind::kNormal, false},
    {"randomNormal", Kind::kNormal, true},
    {"RandomNormal", Kind::kNormal, false},
    {"truncated_normal", Kind::kTruncatedNormal, false},
    {"truncatedNormal", Kind::kTruncatedNormal, true},
    {"TruncatedNormal", Kind::kTruncatedNormal, false},
    {"glorot_uniform", Kind::kGlorotUniform, false},
    {"glorotUniform", Kind::kGlorotUniform, true},
    {"GlorotUniform", Kind::kGlorotUniform, false},
    {"glorot_normal", Kind::kGlorotNormal, false},
    {"glorotNormal", Kind::kGlorotNormal, true},
    {"GlorotNormal", Kind::kGlorotNormal, false},
    {"he_uniform", Kind::kHeUniform, false},
    {"heUniform", Kind::kHeUniform, true},
    {"HeUniform", Kind::kHeUniform, false},
    {"he_normal", Kind::kHeNormal, false},
    {"heNormal", Kind::kHeNormal, true},
    {"HeNormal", Kind::kHeNormal, false},
    {"lecun_uniform", Kind::kLecunUniform, false},
    {"lecunUniform", Kind::kLecunUniform, true},
    {"leCunUniform", Kind::kLecunUniform, false},
    {"LecunUniform", Kind::kLecunUniform, false},
    {"lecun_normal", Kind::kLecunNormal, false},
    {"lecunNormal", Kind::kLecunNormal, true},
    {"leCunNormal", Kind::kLecunNormal, false},
    {"LecunNormal", Kind::kLecunNormal, false},
    {"zeros", Kind::kZeros, true},
    {"zero", Kind::kZeros, false},
    {"Zeros", Kind::kZeros, false},
    {"ones", Kind::kOnes, true},
    {"one", Kind::kOnes, false},
    {"Ones", Kind::kOnes, false},
    {"constant", Kind::kConstant, true},
    {"Constant", Kind::kConstant, false},
    {"orthogonal", Kind::kOrthogonal, true},
    {"Orthogonal", Kind::kOrthogonal, false},
};

constexpr const char* kValidNames =
    "uniform, normal, truncated_normal, glorot_uniform, glorot_normal, he_uniform, "
    "he_normal, lecun_uniform, lecun_normal, zeros, ones, constant, orthogonal "
    "(also random_uniform, random_normal, and the camelCase forms such as glorotUniform)";

bool find_kind(const std::string& name, Kind* kind) {
  for (const Alias& alias : kAliases) {
    if (name == alias.name) {
      *kind = alias.kind;
      return true;
    }
  }
  return false;
}

// As in Keras, only the chosen initializer's parameters are checked: their ranges from
// the schema, then the rule between them.
Status validate(const InitializerSpec& spec, Kind kind) {
  const Schema<InitializerSpec>& schema = initializer_schema();
  const std::string context = "initializer '" + spec.name + "': ";
  switch (kind) {
    case Kind::kUniform:
      EMBEDWASM_RETURN_IF_ERROR(schema.validate_only(spec, {"minval", "maxval"}).prefixed(context));
      if (spec.minval > spec.maxval) {
        return Status::invalid_argument(context + option_name("minval") + " (" + format_number(spec.minval) +
                                        ") > " + option_name("maxval") + " (" + format_number(spec.maxval) + ")");
      }
      return Status::ok();
    case Kind::kNormal:
    case Kind::kTruncatedNormal:
      return schema.validate_only(spec, {"mean", "stddev"}).prefixed(context);
    case Kind::kConstant:
      return schema.validate_only(spec, {"value"}).prefixed(context);
    case Kind::kOrthogonal:
      return schema.validate_only(spec, {"gain"}).prefixed(context);
    default:
      return Status::ok();  // the VarianceScaling family, zeros and ones take no parameters
  }
}

template <typename Draw>
void fill_rows(RowMatrix* out, Draw draw) {
  for (size_t r = 0; r < out->rows(); ++r) {
    float* row = out->row(r);
    for (size_t c = 0; c < out->cols(); ++c) row[c] = draw();
  }
}

// U[lo, hi) in float32, as Keras draws it: a double below hi can round up to float(hi).
void fill_uniform(Rng* rng, double lo, double hi, RowMatrix* out) {
  const float flo = static_cast<float>(lo), fhi = static_cast<float>(hi);
  const float below_hi = fhi > flo ? std::nextafter(fhi, flo) : flo;
  fill_rows(out, [&] {
    const float x = static_cast<float>(rng->uniform(lo, hi));
    return x < fhi ? x : below_hi;
  });
}

void fill_normal(Rng* rng, double mean, double stddev, RowMatrix* out) {
  fill_rows(out, [&] { return static_cast<float>(mean + stddev * rng->normal()); });
}

// Keras (and TF) truncated_normal: redraw every value more than two stddev from the
// mean. Testing the standard draw keeps the bound exact and stddev = 0 loop-free.
void fill_truncated_normal(Rng* rng, double mean, double stddev, RowMatrix* out) {
  fill_rows(out, [&] {
    double z;
    do z = rng->normal(); while (std::fabs(z) > 2.0);
    return static_cast<float>(mean + stddev * z);
  });
}

// Keras VarianceScaling: variance = scale / fan, where fan is fan_in, fan_out or their
// mean (at least 1). The uniform form has limit sqrt(3 variance); the normal form draws
// from a normal truncated at two stddev, whose stddev shrinks by 0.8796..., the stddev
// of a standard normal truncated to [-2, 2], so the stored variance is still scale / fan.
enum class FanMode { kIn, kAvg };

void fill_variance_scaling(Rng* rng, double scale, FanMode mode, bool uniform, RowMatrix* out) {
  const double fan_in = static_cast<double>(out->rows());
  const double fan_out = static_cast<double>(out->cols());
  const double fan = mode == FanMode::kIn ? fan_in : (fan_in + fan_out) / 2.0;
  const double variance = scale / std::max(1.0, fan);
  if (uniform) {
    const double limit = std::sqrt(3.0 * variance);
    fill_uniform(rng, -limit, limit, out);
  } else {
    constexpr double kTruncatedStddev = 0.87962566103423978;
    fill_truncated_normal(rng, 0.0, std::sqrt(variance) / kTruncatedStddev, out);
  }
}

// Applies reflector k, I - tau v v^T with v = (1, a[k+1..m, k]), to the columns right of
// column k of the column-major (m, n) matrix a (rows k..m).
void apply_reflector(double* a, size_t m, size_t n, size_t k, double tau) {
  const double* ak = a + k * m;
  for (size_t j = k + 1; j < n; ++j) {
    double* aj = a + j * m;
    double w = aj[k];
    for (size_t i = k + 1; i < m; ++i) w += ak[i] * aj[i];
    w *= tau;
    aj[k] -= w;
    for (size_t i = k + 1; i < m; ++i) aj[i] -= w * ak[i];
  }
}

// Householder QR of a column-major (m, n) matrix, m >= n, replaced in place by Q (m, n)
// with each column multiplied by the sign of R's diagonal, which makes Q the unique
// factor whose R has a positive diagonal (Keras: q *= sign(diag(r))). Householder keeps
// Q orthonormal to ~1e-15 whatever the conditioning; about 4 m n^2 flops, all on
// contiguous columns. `scratch` holds 2 n doubles.
void orthonormal_q(double* a, size_t m, size_t n, double* scratch) {
  double* tau = scratch;
  double* r_sign = scratch + n;
  // Factor (LAPACK dgeqr2 / dlarfg): reflector k is I - tau_k v v^T with v = (1, a[k+1..m, k]).
  for (size_t k = 0; k < n; ++k) {
    double* ak = a + k * m;
    const double alpha = ak[k];
    double tail2 = 0.0;
    for (size_t i = k + 1; i < m; ++i) tail2 += ak[i] * ak[i];
    double beta = alpha;  // R[k, k]
    tau[k] = 0.0;
    if (tail2 > 0.0) {
      // beta takes the sign opposite alpha so that alpha - beta never cancels.
      const double norm = std::sqrt(alpha * alpha + tail2);
      beta = alpha >= 0.0 ? -norm : norm;
      tau[k] = (beta - alpha) / beta;
      const double inv = 1.0 / (alpha - beta);
      for (size_t i = k + 1; i < m; ++i) ak[i] *= inv;
    }
    r_sign[k] = beta < 0.0 ? -1.0 : 1.0;  // sign(0) as +1 keeps a column, where Keras'd zero it
    apply_reflector(a, m, n, k, tau[k]);
  }
  // Accumulate Q = H_0 ... H_{n-1} I[:, :n] backwards in place (LAPACK dorg2r): column k
  // still holds v_k when reflector k is applied to the columns right of it.
  for (size_t k = n; k-- > 0;) {
    double* ak = a + k * m;
    apply_reflector(a, m, n, k, tau[k]);
    for (size_t i = k + 1; i < m; ++i) ak[i] *= -tau[k];
    ak[k] = 1.0 - tau[k];
    for (size_t i = 0; i < k; ++i) ak[i] = 0.0;
  }
  for (size_t k = 0; k < n; ++k) {
    if (r_sign[k] < 0.0) {
      double* ak = a + k * m;
      for (size_t i = 0; i < m; ++i) ak[i] = -ak[i];
    }
  }
}

// Keras Orthogonal: QR of a standard normal matrix in its tall orientation, so the
// result has orthonormal columns when rows >= cols and orthonormal rows otherwise.
// Works in float64 (Keras uses float32) so that orthonormality survives to the final
// float32 rounding even for tall tables.
Status fill_orthogonal(Rng* rng, double gain, RowMatrix* out) {
  const size_t rows = out->rows(), cols = out->cols();
  const bool tall = rows >= cols;
  const size_t m = tall ? rows : cols;  // the tall matrix A: (m, n), column-major
  const size_t n = tall ? cols : rows;
  if (n > SIZE_MAX / sizeof(double) / (m + 2)) {  // m n + 2 n doubles
    return Status::resource_exhausted("orthogonal: a " + std::to_string(rows) + " x " +
                                      std::to_string(cols) +
                                      " float64 work matrix exceeds the address space");
  }
  std::unique_ptr<double[]> work(new (std::nothrow) double[m * n + 2 * n]);
  if (!work) {
    return Status::resource_exhausted("orthogonal: cannot allocate a " + std::to_string(rows) +
                                      " x " + std::to_string(cols) + " float64 work matrix");
  }
  double* a = work.get();
  // The draw G is (rows, cols) row-major. Tall: A = G, so G[r, c] lands at a[c m + r].
  // Wide: A = G^T, so G[r, c] = A[c, r] lands at a[r m + c], the draw order itself.
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) a[tall ? c * m + r : r * m + c] = rng->normal();
  }
  orthonormal_q(a, m, n, a + m * n);
  // Tall: out = Q. Wide: out = Q^T, so out[r, c] = Q[c, r] = a[r m + c].
  for (size_t r = 0; r < rows; ++r) {
    float* row = out->row(r);
    for (size_t c = 0; c < cols; ++c) {
      row[c] = static_cast<float>(gain * a[tall ? c * m + r : r * m + c]);
    }
  }
  return Status::ok();
}

}  // namespace

const Schema<InitializerSpec>& initializer_schema() {
  static const Schema<InitializerSpec> schema = [] {
    Schema<InitializerSpec> s("initializer");
    std::vector<std::string> names;
    for (const Alias& alias : kAliases) {
      if (alias.listed) names.emplace_back(alias.name);
    }
    s.add("name", &InitializerSpec::name).choices(names);
    // Finite is not enough: a parameter beyond float32's range would fill the table with inf.
    s.add("minval", &InitializerSpec::minval).at_least(-FLT_MAX).at_most(FLT_MAX);
    s.add("maxval", &InitializerSpec::maxval).at_least(-FLT_MAX).at_most(FLT_MAX);
    s.add("mean", &InitializerSpec::mean).at_least(-FLT_MAX).at_most(FLT_MAX);
    s.add("stddev", &InitializerSpec::stddev).at_least(0).at_most(FLT_MAX);
    s.add("value", &InitializerSpec::value).at_least(-FLT_MAX).at_most(FLT_MAX);
    s.add("gain", &InitializerSpec::gain).at_least(-FLT_MAX).at_most(FLT_MAX);
    return s;
  }();
  return schema;
}

Status initialize(const InitializerSpec& spec, uint64_t seed, RowMatrix* out) {
  if (out == nullptr) return Status::invalid_argument("initialize: output matrix is null");
  Kind kind;
  if (!find_kind(spec.name, &kind)) {
    return Status::invalid_argument("unknown initializer '" + spec.name +
                                    "'; valid names: " + std::string(kValidNames));
  }
  EMBEDWASM_RETURN_IF_ERROR(validate(spec, kind));
  if (out->rows() == 0 || out->cols() == 0) return Status::ok();

  Rng rng(seed);
  switch (kind) {
    case Kind::kUniform: fill_uniform(&rng, spec.minval, spec.maxval, out); break;
    case Kind::kNormal: fill_normal(&rng, spec.mean, spec.stddev, out); break;
    case Kind::kTruncatedNormal: fill_truncated_normal(&rng, spec.mean, spec.stddev, out); break;
    case Kind::kGlorotUniform: fill_variance_scaling(&rng, 1.0, FanMode::kAvg, true, out); break;
    case Kind::kGlorotNormal: fill_variance_scaling(&rng, 1.0, FanMode::kAvg, false, out); break;
    case Kind::kHeUniform: fill_variance_scaling(&rng, 2.0, FanMode::kIn, true, out); break;
    case Kind::kHeNormal: fill_variance_scaling(&rng, 2.0, FanMode::kIn, false, out); break;
    case Kind::kLecunUniform: fill_variance_scaling(&rng, 1.0, FanMode::kIn, true, out); break;
    case Kind::kLecunNormal: fill_variance_scaling(&rng, 1.0, FanMode::kIn, false, out); break;
    case Kind::kZeros: fill_rows(out, [] { return 0.0f; }); break;
    case Kind::kOnes: fill_rows(out, [] { return 1.0f; }); break;
    case Kind::kConstant: {
      const float value = static_cast<float>(spec.value);
      fill_rows(out, [value] { return value; });
      break;
    }
    case Kind::kOrthogonal: return fill_orthogonal(&rng, spec.gain, out);
  }
  return Status::ok();
}

}  // namespace embedwasm
