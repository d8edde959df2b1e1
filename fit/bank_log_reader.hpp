#pragma once
/// \file
/// The call-by-call logs of the "Anonymous Bank" (Israel, 1999; Technion SEE lab, documented
/// by Guedj and Mandelbaum, 2000) as a CallLog: tab-separated, 17 columns, times "H:MM:SS"
/// with 0:00:00 for "did not happen", dates YYMMDD (see docs/log-format.md).
///
/// A call arrives at its VRU entry. It reaches the agents' side at `q_start` when it
/// queued, else at `vru_exit` when an agent answered it at once (outcome AGENT without a
/// queue record); a HANG that never queued ended in the VRU. PHANTOM rows and the
/// undocumented type AA are ignored (counted, not errors). Times before the VRU entry by
/// more than 12 h are past midnight (the row carries the date of its VRU entry). Call types
/// are named by their documented meaning (PS retail, PE english, IN internet, NE stock, NW
/// prospect, TT callback).

#include <string>
#include <string_view>

#include "fit/call_log.hpp"

namespace callsim::fit {

/// Appends the calls of the log `text` (read from `path`, named in messages) to `log`.
/// Throws LogError for a header other than the log's or a log without one usable call;
/// rows it cannot use are counted in `log.skipped` with their lines.
void read_bank_log(std::string_view text, const std::string& path, CallLog& log);

}  // namespace callsim::fit
