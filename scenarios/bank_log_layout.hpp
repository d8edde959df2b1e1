#pragma once
/// \file
/// The layout of the Anonymous Bank's call logs (Technion SEE lab, 1999), shared by the
/// trace reader of scenarios (bank_log_trace.hpp) and the fit's reader (fit/bank_log_reader.hpp):
/// 17 tab-separated columns under a header, times "H:MM:SS" with 0:00:00 for "did not happen".

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace callsim::scenarios::bank_log {

inline constexpr std::size_t kFields = 17;
inline constexpr std::array<std::string_view, kFields> kHeader{
    "vru+line", "call_id", "customer_id", "priority", "type",      "date",     "vru_entry", "vru_exit", "vru_time",
    "q_start",  "q_exit",  "q_time",      "outcome",  "ser_start", "ser_exit", "ser_time",  "server"};
/// Column indices of kHeader.
enum Field : std::size_t {
  kPriority = 3,
  kType = 4,
  kDate = 5,
  kVruEntry = 6,
  kVruExit = 7,
  kQStart = 9,
  kQExit = 10,
  kOutcome = 12,
  kSerStart = 13,
  kSerExit = 14,
  kServer = 16
};
inline constexpr std::string_view kNeverText = "0:00:00";  ///< the log's "did not happen"

/// The tab-separated fields of `line` into `fields`; returns how many there were (more or
/// fewer than kFields leave the array short).
std::size_t split_fields(std::string_view line, std::array<std::string_view, kFields>& fields);

/// The header's columns, comma-separated, for messages.
std::string header_text();

}  // namespace callsim::scenarios::bank_log
