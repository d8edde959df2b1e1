#include "fit/backtest.hpp"

#include <cmath>
#include <limits>
#include <random>

#include "analysis/erlang.hpp"

namespace callsim::fit {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kBootstrap = 200;

// Erlang A of one interval with a fractional number of agents: the results of the whole
// numbers around it, weighted by the fraction.
std::optional<analysis::ErlangResult> erlang_at(double rate, double agents, const ErlangBaseline& b) {
  if (!(rate > 0) || !(agents > 0) || !(b.mean_service > 0)) return std::nullopt;
  const auto at = [&](int n) -> std::optional<analysis::ErlangResult> {
    if (n <= 0) return std::nullopt;
    analysis::ErlangInput in;
    in.arrival_rate = rate;
    in.mean_service = b.mean_service;
    in.agents = n;
    in.mean_patience = b.mean_patience;
    in.threshold = b.threshold;
    try {
      return analysis::erlang(in);
    } catch (const std::exception&) {
      return std::nullopt;  // unstable Erlang C (load >= agents): no answer
    }
  };
  const int lower = static_cast<int>(std::floor(agents));
  const double f = agents - lower;
  const auto hi = at(lower + 1);
  const auto lo = lower > 0 ? at(lower) : std::nullopt;
  if (f < 1e-9 && lo) return lo;
  if (!hi) return std::nullopt;
  if (!lo) return f > 0.5 ? hi : std::nullopt;
  analysis::ErlangResult r = *lo;
  const auto mix = [f](double a, double b) { return (1 - f) * a + f * b; };
  r.service_level = mix(lo->service_level, hi->service_level);
  r.asa = mix(lo->asa, hi->asa);
  r.abandon_rate = mix(lo->abandon_rate, hi->abandon_rate);
  return r;
}

double erlang_kpi(const std::string& kpi, const analysis::ErlangResult& r, double offered) {
  if (kpi == "service_level") return r.service_level;
  if (kpi == "asa") return r.asa;
  if (kpi == "abandon_rate") return r.abandon_rate;
  if (kpi == "answered") return offered * (1 - r.abandon_rate);
  if (kpi == "abandoned") return offered * r.abandon_rate;
  return kNaN;
}

}  // namespace

const std::vector<std::string>& backtest_kpis() {
  static const std::vector<std::string> kpis{"offered",       "answered", "abandoned",
                                             "service_level", "asa",      "abandon_rate"};
  return kpis;
}

Backtest backtest(const ObservedKpis& observed, const std::vector<std::vector<analysis::KpiTally>>& simulated,
                  const ObservedKpis* previous, const ErlangBaseline& erlang, double interval_seconds) {
  Backtest out;
  out.days = observed.by_day.size();
  out.replications = simulated.size();
  const std::size_t intervals = observed.pooled.size();
  const double days = static_cast<double>(out.days), reps = static_cast<double>(out.replications);

  // Agents on duty per interval, as the simulation staffed them.
  std::vector<double> agents(intervals, 0);
  for (const auto& rep : simulated)
    for (std::size_t i = 0; i < intervals && i < rep.size(); ++i) agents[i] += rep[i].staffed_time / interval_seconds;
  for (auto& a : agents) a /= reps;

  // The bootstrap resamples of the days, shared by every KPI.
  std::mt19937_64 engine(20260101);
  std::uniform_int_distribution<std::size_t> pick(0, out.days - 1);
  std::vector<std::vector<analysis::KpiTally>> resampled(kBootstrap, std::vector<analysis::KpiTally>(intervals));
  for (auto& sample : resampled) {
    for (std::size_t d = 0; d < out.days; ++d) {
      const auto& day = observed.by_day[pick(engine)];
      for (std::size_t i = 0; i < intervals; ++i) sample[i] += day[i];
    }
  }

  // The simulated value is pooled like the observed one (the calls of every replication
  // together: a ratio of sums, so a busy day weighs as much as its calls, as in the log). Its
  // spread comes from a bootstrap over the replications: se_R, the standard error of the
  // pooled value of R replications, makes the band of a pooled D-day observation
  // +- 1.96 se_R sqrt(R/D + 1) (the D days' own spread plus the simulation's).
  std::vector<analysis::KpiTally> simulated_pooled(intervals);
  analysis::KpiTally simulated_day;
  std::vector<std::vector<analysis::KpiTally>> sim_resampled(kBootstrap,
                                                             std::vector<analysis::KpiTally>(intervals + 1));
  {
    std::vector<analysis::KpiTally> rep_day(out.replications);
    for (std::size_t r = 0; r < out.replications; ++r)
      for (std::size_t i = 0; i < intervals && i < simulated[r].size(); ++i) {
        simulated_pooled[i] += simulated[r][i];
        rep_day[r] += simulated[r][i];
      }
    for (const auto& t : rep_day) simulated_day += t;
    if (out.replications > 0) {
      std::uniform_int_distribution<std::size_t> pick_rep(0, out.replications - 1);
      for (auto& sample : sim_resampled) {
        for (std::size_t n = 0; n < out.replications; ++n) {
          const std::size_t r = pick_rep(engine);
          for (std::size_t i = 0; i < intervals && i < simulated[r].size(); ++i) sample[i] += simulated[r][i];
          sample[intervals] += rep_day[r];
        }
      }
    }
  }
  const auto simulate = [&](const analysis::KpiTally& pooled, std::size_t column, std::size_t index,
                            IntervalComparison& c) {
    c.simulated = kpi_per_day(pooled, index, reps);
    double s = 0, ss = 0, n = 0;
    for (const auto& sample : sim_resampled) {
      const double v = kpi_per_day(sample[column], index, reps);
      if (std::isnan(v)) continue;
      s += v, ss += v * v, n += 1;
    }
    const double se = n > 1 ? std::sqrt(std::max(0.0, (ss - s * s / n) / (n - 1))) : 0;
    const double half = 1.96 * se * std::sqrt(reps / std::max(days, 1.0) + 1);
    c.low = c.simulated - half;
    c.high = c.simulated + half;
  };

  for (const std::string& name : backtest_kpis()) {
    const std::size_t index = analysis::kpi_index(name);
    KpiBacktest k;
    k.kpi = name;
    k.unit = std::string(analysis::kpi_definitions()[index].unit);
    double abs_sum = 0, sum = 0, covered = 0, persistence_sum = 0, erlang_sum = 0, noise_sum = 0;
    std::size_t persistence_n = 0, erlang_n = 0, noise_n = 0;
    for (std::size_t i = 0; i < intervals; ++i) {
      IntervalComparison c;
      c.observed = kpi_per_day(observed.pooled[i], index, days);
      simulate(simulated_pooled[i], i, index, c);
      c.persistence = previous && i < previous->pooled.size()
                          ? kpi_per_day(previous->pooled[i], index, static_cast<double>(previous->by_day.size()))
                          : kNaN;
      const double offered = static_cast<double>(observed.pooled[i].offered) / days;
      const auto e = erlang_at(offered / interval_seconds, agents[i], erlang);
      c.erlang = e ? erlang_kpi(name, *e, offered) : kNaN;
      k.intervals.push_back(c);
      if (std::isnan(c.observed) || std::isnan(c.simulated)) continue;
      ++k.n;
      abs_sum += std::fabs(c.simulated - c.observed);
      sum += c.simulated - c.observed;
      if (c.observed >= c.low && c.observed <= c.high) covered += 1;
      if (!std::isnan(c.persistence)) persistence_sum += std::fabs(c.persistence - c.observed), ++persistence_n;
      if (!std::isnan(c.erlang)) erlang_sum += std::fabs(c.erlang - c.observed), ++erlang_n;
      for (const auto& sample : resampled) {
        const double b = kpi_per_day(sample[i], index, days);
        if (!std::isnan(b)) noise_sum += std::fabs(b - c.observed), ++noise_n;
      }
    }
    {
      // The day: every interval's calls together.
      analysis::KpiTally observed_day;
      for (const auto& t : observed.pooled) observed_day += t;
      k.day.observed = kpi_per_day(observed_day, index, days);
      simulate(simulated_day, intervals, index, k.day);
      k.day.persistence = k.day.erlang = kNaN;
    }
    const double nk = static_cast<double>(k.n);
    k.mae = k.n ? abs_sum / nk : kNaN;
    k.bias = k.n ? sum / nk : kNaN;
    k.coverage = k.n ? covered / nk : kNaN;
    k.mae_persistence = persistence_n ? persistence_sum / static_cast<double>(persistence_n) : kNaN;
    k.mae_erlang = erlang_n ? erlang_sum / static_cast<double>(erlang_n) : kNaN;
    k.noise_floor = noise_n ? noise_sum / static_cast<double>(noise_n) : kNaN;
    out.kpis.push_back(std::move(k));
  }
  return out;
}

}  // namespace callsim::fit
