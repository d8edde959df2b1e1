#pragma once
/// \file
/// Arrival times from the call-by-call logs of the "Anonymous Bank" (Israel, 1999; Technion
/// SEE lab, documented by Guedj and Mandelbaum, 2000): tab-separated, one call per row,
/// times "H:MM:SS" with 0:00:00 for "did not happen" (see ../shared/data/README.md).
///
/// A call arrives when it reaches the agents' side: at `q_start` when it queued, else at
/// `vru_exit` when an agent answered it at once (outcome AGENT, no queue record). This is
/// the definition scenarios/fit/fit_anonymous_bank.py bins into bank-weekday/forecast.csv,
/// so a replayed day and the forecast count the same calls. Calls that never left the VRU
/// for an agent, PHANTOM rows and rows of other dates or types are skipped.

#include <string>
#include <string_view>
#include <vector>

namespace callsim::scenarios {

/// The documented call type codes (PS regular, PE English, IN internet, NE stock exchange,
/// NW prospective customer, TT callback); a handful of undocumented `AA` rows are never read.
inline const std::vector<std::string> kBankLogTypes{"PS", "PE", "IN", "NE", "NW", "TT"};

/// Which calls of a log to read.
struct BankLogFilter {
  std::string date;                ///< YYMMDD, as the `date` column writes it
  std::vector<std::string> types;  ///< codes among kBankLogTypes; empty: all of them
};

/// What a log gives for one filter.
struct BankLogCalls {
  /// Arrival clock times, seconds after midnight of the call's date, in file order; calls
  /// after midnight (which carry the date of their VRU entry) are past 86400.
  std::vector<double> clock;
  std::size_t date_rows = 0;  ///< rows of the date, PHANTOM excluded (0: the date is not in the log)
  std::string first_date;     ///< the smallest and largest date in the log, for messages
  std::string last_date;
};

/// Reads the log `text`; messages name the file `path`. Throws ScenarioError for a header
/// other than the log's, a row without its 17 fields, or a bad time in a row that is read.
BankLogCalls parse_bank_log(std::string_view text, const std::string& path, const BankLogFilter& filter);

}  // namespace callsim::scenarios
