#include "report/csv_export.hpp"

#include <cmath>
#include <filesystem>

#include "report/costs.hpp"
#include "report/interval_figures.hpp"
#include "report/number_format.hpp"
#include "report/output_file.hpp"
#include "report/staffing.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

namespace {

using analysis::KpiTally;
using analysis::RunResult;

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void add(std::string& row, const Estimate& e) { row += "," + csv_number(e.mean) + "," + csv_number(e.ci95); }

std::string estimate_header(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += "," + n + "," + n + "_ci95";
  return out;
}

}  // namespace

std::string verdict_text(StaffingVerdict v) {
  switch (v) {
    case StaffingVerdict::UNDER: return "under";
    case StaffingVerdict::OVER: return "over";
    case StaffingVerdict::ON_TARGET: return "on_target";
  }
  return "";
}

std::string intervals_csv(const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                          const ReportOptions& options) {
  std::string out =
      "run,interval,interval_start,call_type" +
      estimate_header({"offered", "answered", "abandoned", "service_level", "asa", "aht", "occupancy", "agents"}) +
      ",required,rostered,staffing\n";
  const std::size_t kpis[] = {kpi_index("offered"), kpi_index("answered"), kpi_index("abandoned"),
                              kpi_index("service_level"), kpi_index("asa")};
  const Estimate none;
  for (std::size_t run_index = 0; run_index < file.runs.size(); ++run_index) {
    const analysis::RunResult& run = file.runs[run_index];
    const std::size_t types = run.call_types.size();
    const RunContext* context = run_index < contexts.size() ? &contexts[run_index] : nullptr;
    const double sl_target = context ? sl_target_of(*context, options.default_sl_target) : options.default_sl_target;
    const Staffing st =
        staffing(run, context && context->inputs ? &*context->inputs : nullptr, sl_target, options.shrinkage);
    const std::size_t sl_kpi = kpi_index("service_level");
    for (std::size_t i = 0; i < interval_count(run); ++i) {
      const std::string lead =
          cell(run.name) + "," + std::to_string(i) + "," + interval_label(run, contexts[run_index], i) + ",";
      for (std::size_t k = 0; k < types; ++k) {
        std::string row = lead + cell(run.call_types[k]);
        for (std::size_t kpi : kpis) add(row, interval_type_kpi(run, i, k, kpi));
        add(row, estimate_over(run, [&](const auto& r) { return tally_aht(r.interval_types[i * types + k]); }));
        add(row, none);
        add(row, none);
        out += row + ",,,\n";
      }
      std::string row = lead + "all";
      const auto of_interval = [&](auto value) {
        return estimate_over(run, [&](const auto& r) { return value(r.intervals[i]); });
      };
      for (std::size_t kpi : kpis) add(row, of_interval(analysis::kpi_definitions()[kpi].compute));
      add(row, of_interval(tally_aht));
      add(row, of_interval(analysis::kpi_definitions()[kpi_index("occupancy")].compute));
      const Estimate agents =
          of_interval([&](const analysis::KpiTally& t) { return tally_agents(t, run.interval_seconds); });
      add(row, agents);
      const double sl = of_interval(analysis::kpi_definitions()[sl_kpi].compute).mean;
      const double required = i < st.required.size() ? st.required[i] : NAN;
      const double rostered = i < st.rostered.size() ? st.rostered[i] : NAN;
      out += row + "," + csv_number(required) + "," + csv_number(rostered) + "," +
             verdict_text(staffing_verdict(agents.mean, required, sl, sl_target)) + "\n";
    }
  }
  return out;
}

std::string daily_csv(const store::ResultsFile& file, const std::vector<RunContext>& contexts) {
  std::string out = "run,kpi,unit,mean,ci95,low,high,std,n\n";
  const auto row = [&](const std::string& run, const std::string& kpi, const std::string& unit, const Estimate& e) {
    out += cell(run) + "," + kpi + "," + cell(unit) + "," + csv_number(e.mean) + "," + csv_number(e.ci95) + "," +
           csv_number(e.mean - e.ci95) + "," + csv_number(e.mean + e.ci95) + ",," + std::to_string(e.n) + "\n";
  };
  for (std::size_t r = 0; r < file.runs.size(); ++r) {
    const analysis::RunResult& run = file.runs[r];
    for (const analysis::KpiSummary& s : run.summary) {
      out += cell(run.name) + "," + cell(s.kpi) + "," + std::string(analysis::kpi_unit(s.kpi)) + "," +
             csv_number(s.mean) + "," + csv_number(s.ci95) + "," + csv_number(s.mean - s.ci95) + "," +
             csv_number(s.mean + s.ci95) + "," + csv_number(s.std_dev) + "," + std::to_string(s.n) + "\n";
    }
    const auto& inputs = contexts[r].inputs;
    if (!inputs || !inputs->costs) continue;
    const models::CostSpec& costs = *inputs->costs;
    const CostSummary c = summarize_costs(run, costs);
    const std::string currency = costs.currency.empty() ? "money" : costs.currency;
    row(run.name, "paid_hours", "h", c.paid_hours);
    row(run.name, "trunk_minutes", "min", c.trunk_minutes);
    row(run.name, "labour_cost", currency, c.labour);
    row(run.name, "trunk_cost", currency, c.trunk);
    row(run.name, "revenue", currency, c.revenue);
    row(run.name, "sla_periods_missed",
        costs.sla && costs.sla->per == models::SlaContract::Per::INTERVAL ? "intervals" : "days", c.periods_missed);
    row(run.name, "sla_penalty", currency, c.penalty);
    row(run.name, "net", currency, c.net);
    // A proportion: its Wilson interval is not symmetric, so ci95 is left empty.
    out += cell(run.name) + ",p_contract_missed,fraction," + csv_number(c.miss.p) + ",," + csv_number(c.miss.low) +
           "," + csv_number(c.miss.high) + ",," + std::to_string(c.miss.n) + "\n";
  }
  return out;
}

std::string agent_groups_csv(const store::ResultsFile& file) {
  std::string out =
      "run,agent_group" +
      estimate_header({"staffed_hours", "handle_hours", "occupancy", "calls_handled", "calls_per_hour", "aht"}) + "\n";
  for (const analysis::RunResult& run : file.runs) {
    for (std::size_t g = 0; g < run.agent_groups.size(); ++g) {
      std::string row = cell(run.name) + "," + cell(run.agent_groups[g]);
      const auto of_group = [&](auto value) {
        return estimate_over(run, [&](const analysis::ReplicationResult& r) { return value(r.groups[g]); });
      };
      add(row, of_group([](const analysis::GroupTally& t) { return t.staffed_time / 3600; }));
      add(row, of_group([](const analysis::GroupTally& t) { return t.busy_time / 3600; }));
      add(row, of_group([](const analysis::GroupTally& t) { return t.occupancy(); }));
      add(row, of_group([](const analysis::GroupTally& t) { return static_cast<double>(t.handled); }));
      add(row, of_group([](const analysis::GroupTally& t) {
            return analysis::kpi_ratio(static_cast<double>(t.handled), t.staffed_time / 3600);
          }));
      add(row, of_group([](const analysis::GroupTally& t) { return t.aht(); }));
      out += row + "\n";
    }
  }
  return out;
}

std::string interval_groups_csv(const store::ResultsFile& file, const std::vector<RunContext>& contexts) {
  std::string out = "run,interval,interval_start,agent_group" +
                    estimate_header({"agents", "occupancy", "calls_handled", "aht"}) + "\n";
  for (std::size_t run_index = 0; run_index < file.runs.size(); ++run_index) {
    const analysis::RunResult& run = file.runs[run_index];
    const std::size_t groups = run.agent_groups.size();
    for (std::size_t i = 0; i < interval_count(run); ++i) {
      for (std::size_t g = 0; g < groups; ++g) {
        std::string row = cell(run.name) + "," + std::to_string(i) + "," + interval_label(run, contexts[run_index], i) +
                          "," + cell(run.agent_groups[g]);
        const auto of_cell = [&](auto value) {
          return estimate_over(
              run, [&](const analysis::ReplicationResult& r) { return value(r.interval_groups[i * groups + g]); });
        };
        add(row, of_cell([&](const analysis::GroupTally& t) { return t.staffed_time / run.interval_seconds; }));
        add(row, of_cell([](const analysis::GroupTally& t) { return t.occupancy(); }));
        // A file without these tallies reads them as NaN sums and 0 counts: unknown, not 0.
        add(row, of_cell([](const analysis::GroupTally& t) {
              return std::isnan(t.staffed_time) ? t.staffed_time : static_cast<double>(t.handled);
            }));
        add(row, of_cell([](const analysis::GroupTally& t) { return t.aht(); }));
        out += row + "\n";
      }
    }
  }
  return out;
}

void write_csv_reports(const std::string& dir, const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                       const ReportOptions& options) {
  ensure_directory(dir);
  const std::filesystem::path base(dir);
  write_file_atomically((base / "intervals.csv").string(), intervals_csv(file, contexts, options));
  write_file_atomically((base / "daily.csv").string(), daily_csv(file, contexts));
  write_file_atomically((base / "agent_groups.csv").string(), agent_groups_csv(file));
  write_file_atomically((base / "interval_groups.csv").string(), interval_groups_csv(file, contexts));
}

}  // namespace callsim::report
