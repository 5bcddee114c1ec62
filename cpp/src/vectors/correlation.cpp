#include "embedwasm/vectors/correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace embedwasm::vectors {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes' betacf);
// converges fast for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr int kMaxIterations = 1000;
  constexpr double kEps = 1e-16, kTiny = 1e-300;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) break;
  }
  return h;
}

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// Pearson's r as scipy computes it: centred, each side scaled to unit norm, then dotted.
double pearson_r(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = x.size();
  const double mx = mean(x), my = mean(y);
  double sx = 0.0, sy = 0.0;
  for (size_t i = 0; i < n; ++i) {
    sx += (x[i] - mx) * (x[i] - mx);
    sy += (y[i] - my) * (y[i] - my);
  }
  const double nx = std::sqrt(sx), ny = std::sqrt(sy);
  if (nx == 0.0 || ny == 0.0) return kNaN;
  double r = 0.0;
  for (size_t i = 0; i < n; ++i) r += ((x[i] - mx) / nx) * ((y[i] - my) / ny);
  return std::max(-1.0, std::min(1.0, r));
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0)) return kNaN;
  if (x == 0.0 || x == 1.0) return x;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The continued fraction converges on the side of the mean; use the symmetry
  // I_x(a, b) = 1 - I_{1-x}(b, a) on the other.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

std::vector<double> average_ranks(const std::vector<double>& x) {
  const size_t n = x.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) { return x[i] < x[j]; });
  std::vector<double> ranks(n);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && x[order[j]] == x[order[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + 1 + j);  // mean of ranks i+1 .. j
    for (size_t t = i; t < j; ++t) ranks[order[t]] = rank;
    i = j;
  }
  return ranks;
}

Correlation pearson_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return {kNaN, kNaN};
  const double r = pearson_r(x, y);
  if (std::isnan(r)) return {kNaN, kNaN};
  if (x.size() == 2) {  // scipy: exactly +-1 from the signs, p = 1
    const auto sign = [](double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); };
    return {sign(x[1] - x[0]) * sign(y[1] - y[0]), 1.0};
  }
  const double ab = static_cast<double>(x.size()) / 2.0 - 1.0;
  // 2 P(B > |r|) with B ~ Beta(ab, ab) on [-1, 1] = 2 I_{(1 - |r|) / 2}(ab, ab).
  const double p = 2.0 * regularized_incomplete_beta(ab, ab, 0.5 * (1.0 - std::fabs(r)));
  return {r, std::min(1.0, p)};
}

Correlation spearman_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return {kNaN, kNaN};
  const double rho = pearson_r(average_ranks(x), average_ranks(y));
  if (std::isnan(rho) || x.size() < 3) return {rho, kNaN};
  const double dof = static_cast<double>(x.size()) - 2.0;
  if (std::fabs(rho) >= 1.0) return {rho, 0.0};
  const double t2 = rho * rho * dof / ((1.0 + rho) * (1.0 - rho));
  // 2 P(T > |t|) for T ~ t(dof) = I_{dof / (dof + t^2)}(dof / 2, 1 / 2).
  return {rho, regularized_incomplete_beta(dof / 2.0, 0.5, dof / (dof + t2))};
}

}  // namespace embedwasm::vectors
