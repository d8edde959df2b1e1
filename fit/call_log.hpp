#pragma once
/// \file
/// A center's call log as the fit reads it, whatever the export it came from: one
/// LoggedCall per call, times in seconds after midnight of the call's day, names of call
/// types, agents and days kept once. Readers (bank_log_reader.hpp, csv_log_reader.hpp)
/// append to a CallLog, so several files (months) make one log. Rows a reader cannot use
/// are never dropped silently: each is counted under its reason with the first lines.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace callsim::fit {

inline constexpr std::uint32_t kNoAgent = std::numeric_limits<std::uint32_t>::max();
inline constexpr double kNever = std::numeric_limits<double>::quiet_NaN();  ///< a time that did not happen

enum class LoggedOutcome : std::uint8_t {
  ANSWERED,   ///< an agent answered it
  ABANDONED,  ///< the caller hung up waiting for an agent
  IVR_ONLY,   ///< ended in the IVR (self-served or hung up): never reached an agent's queue
};

struct LoggedCall {
  double arrival = kNever;      ///< entered the system (the IVR when the log has it, else = queue_entry)
  double queue_entry = kNever;  ///< reached the agents' side: queued, or answered at once; NaN for IVR_ONLY
  double answer = kNever;       ///< ANSWERED only
  double end = kNever;    ///< end of service (ANSWERED), hang-up (ABANDONED), end of the IVR (IVR_ONLY); NaN: unknown
  std::uint32_t day = 0;  ///< index into CallLog::days
  std::uint32_t call_type = 0;     ///< index into CallLog::call_types
  std::uint32_t agent = kNoAgent;  ///< ANSWERED by a named agent: index into CallLog::agents
  LoggedOutcome outcome = LoggedOutcome::ANSWERED;
  int priority = 0;  ///< as the log gives it (0 when it has none)

  /// Time in queue: answered or abandoned calls (>= 0; NaN for IVR_ONLY or when unknown).
  [[nodiscard]] double wait() const {
    const double left = outcome == LoggedOutcome::ANSWERED ? answer : end;
    return std::isnan(left) || std::isnan(queue_entry) ? kNever : std::max(0.0, left - queue_entry);
  }
};

/// A day of the log. `weekday` is 0 = Sunday .. 6 = Saturday, or -1 when the log gives
/// times in seconds without a calendar date (its days are then "day 1", "day 2", ...).
struct LogDay {
  std::string date;  ///< YYYY-MM-DD, or "day N"
  int weekday = -1;
};

/// Rows a reader skipped for one reason: how many, and where the first ones are.
struct SkippedRows {
  std::string reason;
  bool bad = true;  ///< false: rows the format says to ignore (e.g. PHANTOM), not errors
  std::size_t count = 0;
  std::vector<std::string> first;  ///< "file:line" of the first few

  static constexpr std::size_t kShown = 5;
};

/// An unreadable log: the message names the file and the line ("FILE:LINE: what is wrong;
/// what is valid"); the command exits 2 on it.
class LogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CallLog {
  std::vector<std::string> call_types;
  std::vector<std::string> agents;
  std::vector<LogDay> days;
  std::vector<LoggedCall> calls;
  std::vector<SkippedRows> skipped;
  std::vector<std::string> files;  ///< the files read, in order
  std::size_t rows = 0;            ///< data rows read, skipped ones included

  /// Index of the named entry, added when new.
  std::uint32_t call_type_index(const std::string& name);
  std::uint32_t agent_index(const std::string& name);
  std::uint32_t day_index(const std::string& date, int weekday);
  /// Counts a skipped row under `reason` (bad rows by default).
  void skip(const std::string& reason, const std::string& file, int line, bool bad = true);
};

}  // namespace callsim::fit
