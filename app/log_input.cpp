#include "app/log_input.hpp"

#include "app/bad_input.hpp"
#include "fit/bank_log_reader.hpp"
#include "fit/csv_log_reader.hpp"
#include "scenarios/text_file.hpp"

namespace callsim::app {

namespace {

// A month of a busy center is tens of MB; a log past this is surely the wrong file.
constexpr std::size_t kMaxLogBytes = std::size_t{2} << 30;

}  // namespace

std::string log_formats() {
  return "anonymous-bank (the Anonymous Bank's tab-separated logs) or csv (docs/log-format.md)";
}

fit::CallLog read_call_logs(const std::vector<std::string>& paths, const std::string& format,
                            const std::string& option) {
  if (format != "anonymous-bank" && format != "csv")
    throw BadInput("--format '" + format + "' is not a log format; expected " + log_formats());
  if (paths.empty()) throw BadInput("no " + option + " given; give the call log files to read");
  fit::CallLog log;
  for (const auto& path : paths) {
    std::string error;
    const auto text = scenarios::read_text_file(path, kMaxLogBytes, "call log", error);
    if (!text) throw BadInput("cannot read the call log '" + path + "': " + error);
    try {
      if (format == "csv")
        fit::read_csv_log(*text, path, log);
      else
        fit::read_bank_log(*text, path, log);
    } catch (const fit::LogError& e) {
      throw BadInput(e.what());
    }
  }
  return log;
}

}  // namespace callsim::app
