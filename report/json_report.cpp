#include "report/json_report.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace callsim::report {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

namespace {

void write_comparison(std::ostream& out, const analysis::Comparison& c) {
  out << ", \"comparison\": {\"baseline\": " << json_string(c.baseline) << ", \"variants\": {";
  for (std::size_t v = 0; v < c.variants.size(); ++v) {
    out << (v ? ", " : "") << json_string(c.variants[v].variant) << ": {";
    for (std::size_t k = 0; k < c.variants[v].day.size(); ++k) {
      const analysis::PairedDifference& d = c.variants[v].day[k];
      out << (k ? ", " : "") << json_string(d.kpi) << ": {\"difference\": " << json_number(d.mean)
          << ", \"ci95\": " << json_number(d.ci95) << ", \"significant\": " << (d.significant ? "true" : "false")
          << "}";
    }
    out << "}";
  }
  out << "}}";
}

void write_sequential(std::ostream& out, const analysis::SequentialOutcome& s) {
  out << ", \"sequential\": {\"kpi\": " << json_string(s.kpi) << ", \"target_ci\": " << json_number(s.target_ci)
      << ", \"half_width\": " << json_number(s.half_width) << ", \"replications\": " << s.replications
      << ", \"target_met\": " << (s.met ? "true" : "false") << "}";
}

}  // namespace

void write_json_summary(std::ostream& out, const std::vector<analysis::RunResult>& runs, std::uint64_t calls_simulated,
                        double wall_seconds, const analysis::Comparison* comparison,
                        const analysis::SequentialOutcome* sequential) {
  out << "{\"runs\": {";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    out << (i ? ", " : "") << json_string(runs[i].name) << ": {";
    for (std::size_t k = 0; k < runs[i].summary.size(); ++k) {
      const analysis::KpiSummary& s = runs[i].summary[k];
      out << (k ? ", " : "") << json_string(s.kpi) << ": {\"mean\": " << json_number(s.mean)
          << ", \"ci95\": " << json_number(s.ci95) << "}";
    }
    out << "}";
  }
  out << "}";
  if (comparison) write_comparison(out, *comparison);
  if (sequential) write_sequential(out, *sequential);
  out << ", \"calls_simulated\": " << calls_simulated << ", \"wall_seconds\": " << json_number(wall_seconds) << "}\n";
}

}  // namespace callsim::report
