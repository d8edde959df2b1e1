#include "run/call_log_csv.hpp"

#include <sstream>

namespace callsim::run {

std::string call_log_csv(const models::CenterSpec& spec, const std::vector<std::vector<CallRecord>>& days) {
  std::ostringstream log;
  log.precision(10);
  log << "arrival,queue_entry,answer,end,outcome,call_type,agent\n";
  for (std::size_t d = 0; d < days.size(); ++d) {
    const double base = static_cast<double>(d) * 86400 + spec.time.clock_start.seconds();
    for (const auto& c : days[d]) {
      const bool answered = c.outcome == CallOutcome::ANSWERED;
      if (!answered && c.outcome != CallOutcome::ABANDONED) continue;
      log << base + c.arrival << "," << base + c.queue_arrival << ",";
      if (answered) log << base + c.answer;
      log << "," << base + c.end << "," << (answered ? "answered" : "abandoned") << ","
          << spec.call_types[c.call_type].name << ",";
      if (answered) log << "a" << c.agent;
      log << "\n";
    }
  }
  return log.str();
}

}  // namespace callsim::run
