#include "run/experiment_design.hpp"

#include <algorithm>
#include <stdexcept>

#include "run/distributed_experiment.hpp"
#include "run/experiment.hpp"
#include "run/mpi_session.hpp"

namespace callsim::run {

Experiment::Experiment(std::vector<Variant> variants) : variants_(std::move(variants)) {
  if (variants_.empty()) throw std::invalid_argument("an experiment needs at least one variant");
}

Experiment::Experiment(scenarios::LoadedScenario scenario) : Experiment(single_variant(std::move(scenario))) {}

Experiment& Experiment::continue_from(analysis::RunResult held) {
  if (variants_.size() != 1) throw std::invalid_argument("only an experiment of one variant can continue a run");
  held_ = std::move(held);
  return *this;
}

std::vector<analysis::RunResult> Experiment::run_batch(const ExperimentSettings& settings, std::uint64_t first,
                                                       std::uint64_t count, std::uint64_t& calls) const {
  ExperimentOptions options;
  options.seed = settings.seed;
  options.threads = settings.threads;
  options.interrupt = settings.interrupt;
  options.on_calls = settings.on_calls;
  options.first_replication = first;
  options.replications = count;
  // Progress over every variant: "replications 12/40" counts variant-replications.
  const std::uint64_t mine = block_of(count, rank(), size()).size();
  if (settings.on_batch_start) settings.on_batch_start(variants_.size() * mine);
  std::vector<analysis::RunResult> runs;
  std::uint64_t calls_before = 0;
  for (std::size_t v = 0; v < variants_.size(); ++v) {
    if (settings.on_progress)
      options.on_progress = [&](std::size_t done, std::uint64_t c) {
        settings.on_progress(v * mine + done, calls_before + c);
      };
    runs.push_back(run_distributed(variants_[v].scenario.spec, options));
    for (const auto& r : runs.back().replications) calls_before += r.calls_simulated;
  }
  if (settings.on_batch_end) settings.on_batch_end();
  calls += calls_before;
  return runs;
}

ExperimentResult Experiment::run(const ExperimentSettings& settings) const {
  if (settings.sequential && variants_.size() < 2)
    throw std::invalid_argument("the sequential mode bounds differences to a baseline: it needs two or more variants");
  if (settings.on_calls && variants_.size() > 1)
    throw std::invalid_argument("per-call rows are recorded for an experiment of one variant only");
  ExperimentResult out;
  const std::uint64_t held = held_ ? held_->replications.size() : 0;
  const std::uint64_t initial = settings.replications > held ? settings.replications - held : 0;
  out.runs = run_batch(settings, held, initial, out.calls_simulated);
  if (const auto& target = settings.sequential) {
    std::uint64_t done = initial;
    double half_width = analysis::max_difference_half_width(out.runs, target->kpi);
    // Written so that a NaN half-width (too few replications where the KPI is defined) goes on.
    while (!(half_width <= target->target_ci) && done < target->max_replications) {
      const std::uint64_t next = std::min(2 * done, target->max_replications);
      auto batch = run_batch(settings, done, next - done, out.calls_simulated);
      for (std::size_t v = 0; v < out.runs.size(); ++v) extend_run(out.runs[v], std::move(batch[v]));
      done = next;
      half_width = analysis::max_difference_half_width(out.runs, target->kpi);
    }
    out.sequential =
        analysis::SequentialOutcome{target->kpi, target->target_ci, half_width, done, half_width <= target->target_ci};
  }
  if (held_) {
    analysis::RunResult whole = *held_;
    extend_run(whole, std::move(out.runs[0]));
    out.runs[0] = std::move(whole);
  }
  if (variants_.size() > 1) out.comparison = analysis::compare_runs(out.runs);

  // What the results file records of its inputs: each scenario file once, every run's own.
  std::vector<const scenarios::LoadedScenario*> files;
  std::vector<std::string> file_runs;
  for (const Variant& v : variants_) {
    if (v.source == files.size()) {
      files.push_back(&v.scenario);
      file_runs.push_back(v.name);
      out.sources.push_back(scenario_source(v.scenario));
    }
    out.run_inputs.push_back(run::run_inputs(v.scenario, v.scenario.spec, v.source));
  }
  out.provenance = scenario_provenance(files, file_runs);
  return out;
}

}  // namespace callsim::run
