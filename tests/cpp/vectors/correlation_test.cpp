// vectors/correlation: expected values from scipy 1.10.1 (stats.pearsonr, stats.spearmanr,
// stats.rankdata, special.betainc).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "embedwasm/vectors/correlation.h"

using namespace embedwasm::vectors;

TEST_CASE("regularized_incomplete_beta matches scipy.special.betainc", "[vectors]") {
  CHECK(regularized_incomplete_beta(2, 3, 0.5) == Approx(0.6875).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.5, 0.5, 0.75) == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(10, 0.5, 0.3) == Approx(1.2205229279531707e-06).epsilon(1e-9));
  CHECK(regularized_incomplete_beta(48.5, 48.5, 0.4) == Approx(0.023583171197439263).epsilon(1e-9));
  CHECK(regularized_incomplete_beta(3, 4, 0.0) == 0.0);
  CHECK(regularized_incomplete_beta(3, 4, 1.0) == 1.0);
  CHECK(std::isnan(regularized_incomplete_beta(-1, 4, 0.5)));
}

TEST_CASE("average_ranks gives ties the mean rank, as rankdata", "[vectors]") {
  // rankdata([3.5,1,2,2,7,7,7,0.5]) = [5, 2, 3.5, 3.5, 7, 7, 7, 1]
  CHECK(average_ranks({3.5, 1, 2, 2, 7, 7, 7, 0.5}) == std::vector<double>{5, 2, 3.5, 3.5, 7, 7, 7, 1});
}

TEST_CASE("pearson_correlation and spearman_correlation match scipy", "[vectors]") {
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2, 4, 5, 4, 5};
  Correlation p = pearson_correlation(x, y), s = spearman_correlation(x, y);
  CHECK(p.statistic == Approx(0.7745966692414834).epsilon(1e-12));
  CHECK(p.pvalue == Approx(0.12402706265755462).epsilon(1e-9));
  CHECK(s.statistic == Approx(0.7378647873726218).epsilon(1e-12));
  CHECK(s.pvalue == Approx(0.15461852312844906).epsilon(1e-9));

  const std::vector<double> a = {3.5, 1, 2, 2, 7, 7, 7, 0.5}, b = {1, 2, 3, 4, 5, 6, 7, 8};
  p = pearson_correlation(a, b);
  s = spearman_correlation(a, b);
  CHECK(p.statistic == Approx(0.298984960830342).epsilon(1e-12));
  CHECK(p.pvalue == Approx(0.47191584245009816).epsilon(1e-9));
  CHECK(s.statistic == Approx(0.13503286943856502).epsilon(1e-12));
  CHECK(s.pvalue == Approx(0.7498742499145097).epsilon(1e-9));

  std::vector<double> u(100), v(100);
  for (size_t i = 0; i < 100; ++i) {
    u[i] = static_cast<double>(i);
    v[i] = std::sin(static_cast<double>(i) * 0.37) + 0.01 * static_cast<double>(i);
  }
  p = pearson_correlation(u, v);
  s = spearman_correlation(u, v);
  CHECK(p.statistic == Approx(0.286484431479518).epsilon(1e-12));
  CHECK(p.pvalue == Approx(0.003856665280707118).epsilon(1e-8));
  CHECK(s.statistic == Approx(0.2788358835883588).epsilon(1e-12));
  CHECK(s.pvalue == Approx(0.004965762219351664).epsilon(1e-8));
}

TEST_CASE("correlations of degenerate input", "[vectors]") {
  Correlation c = pearson_correlation({1, 1, 1}, {1, 2, 3});  // constant: NaN, as scipy
  CHECK(std::isnan(c.statistic));
  c = pearson_correlation({1, 2}, {3, 1});  // n = 2: r = -1, p = 1
  CHECK(c.statistic == -1.0);
  CHECK(c.pvalue == 1.0);
  c = spearman_correlation({1, 2, 3, 4}, {2, 4, 6, 8});  // perfect: p = 0
  CHECK(c.statistic == Approx(1.0));
  CHECK(c.pvalue == 0.0);
  c = pearson_correlation({1}, {2});
  CHECK(std::isnan(c.statistic));
}
