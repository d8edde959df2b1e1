#include "report/html_report.hpp"

#include "report/html_comparison.hpp"
#include "report/html_page.hpp"
#include "report/html_run.hpp"
#include "report/number_format.hpp"
#include "report/output_file.hpp"
#include "report/svg_chart.hpp"
#include "store/results_store.hpp"

namespace callsim::report {

namespace {

// The per-call table if the file has one for this run; a report without it is still a
// report, so any failure falls back to the approximation.
WaitDistribution waits_of(const analysis::RunResult& run, const std::string& results_path) {
  if (!results_path.empty()) {
    try {
      return wait_distribution(store::read_call_records(results_path, run.name));
    } catch (const store::ResultsStoreError&) {
      // no /<run>/calls: fall through
    }
  }
  return wait_distribution(run);
}

/// "Made with the overrides a=1, b=2" (as typed after --set or in --what-if): the values a run changed from its
/// scenario file, so a page of a what-if says which one it shows; "" without overrides.
std::string overrides_line(const RunView& v) {
  if (!v.context->inputs || v.context->inputs->overrides.empty()) return "";
  std::string list;
  for (const std::string& o : v.context->inputs->overrides) list += (list.empty() ? "" : ", ") + escape_html(o);
  return "<p class=\"note overrides\" id=\"r" + std::to_string(v.index) + "-overrides\">Made with the overrides " +
         list + " applied to the scenario file.</p>\n";
}

}  // namespace

std::string html_report(const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                        const ReportOptions& options) {
  const std::string title = file.comparison
                                ? "callsim comparison"
                                : "callsim report: " + (file.runs.empty() ? std::string("no run") : file.runs[0].name);
  std::string body =
      "<header class=\"page\"><h1>" + escape_html(title) + "</h1><p>" + escape_html(file.command_line) +
      " &middot; seed " + std::to_string(file.seed) +
      (file.runs.empty() ? "" : " &middot; " + std::to_string(file.runs[0].replications.size()) + " replications") +
      " &middot; callsim " + escape_html(file.callsim_version) + "</p></header>\n<main>\n";
  double first_target = options.default_sl_target;
  std::vector<RunView> views;
  for (std::size_t r = 0; r < file.runs.size(); ++r) {
    RunView v;
    v.run = &file.runs[r];
    v.context = &contexts[r];
    v.index = r;
    v.shrinkage = options.shrinkage;
    const auto& inputs = contexts[r].inputs;
    v.sl_target = sl_target_of(contexts[r], options.default_sl_target);
    v.sl_target_source = inputs && inputs->costs && inputs->costs->sla
                             ? "the scenario's contract, costs.sla.target"
                             : "default; set costs.sla.target in the scenario for a contract's";
    if (r == 0) first_target = v.sl_target;
    v.waits = waits_of(file.runs[r], options.results_path);
    views.push_back(std::move(v));
  }
  if (file.comparison) body += html_comparison(file, contexts, first_target);
  for (const RunView& v : views) {
    if (views.size() > 1)
      body += "<h2 class=\"run\" id=\"r" + std::to_string(v.index) + "\">Run '" + escape_html(v.run->name) + "'</h2>\n";
    if (const std::string made_with = overrides_line(v); !made_with.empty()) body += made_with;
    body += html_run_sections(v);
  }
  body += "<footer>Made by callsim " + escape_html(file.callsim_version) + " from a results file; scenario '" +
          escape_html(file.scenario_path) +
          "'. Hover a point for its value and confidence interval.</footer>\n</main>\n";
  return html_page(title, body);
}

void write_html_report(const std::string& path, const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                       const ReportOptions& options) {
  write_file_atomically(path, html_report(file, contexts, options));
}

}  // namespace callsim::report
