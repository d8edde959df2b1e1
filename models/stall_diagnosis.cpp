#include "models/stall_diagnosis.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace callsim::models {

namespace {

/// The shortest text that reads back as `value` ("3600", "0.5", "1e+20").
std::string number(double value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

/// The smallest step the clock can take from `t`: a duration below it adds nothing.
double resolution_at(sim::Time t) {
  const double s = t.seconds();
  return std::nextafter(s, std::numeric_limits<double>::infinity()) - s;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

/// "a retrial.delay of 0 s", or of a mean too small for the clock at t.
std::string delay_text(const sim::Distribution& delay, sim::Time t, double resolution) {
  if (delay.mean() <= 0) return "a retrial.delay of 0 s";
  return "a retrial.delay of mean " + number(delay.mean()) +
         " s, which the clock cannot tell from 0 at t = " + number(t.seconds()) + " s (its resolution there is " +
         number(resolution) + " s),";
}

std::string failed_callers(const CallTypeSpec& type, const StallSite& site, double resolution) {
  switch (site.failure) {
    case Failure::BLOCKED:
      return "blocked callers forever (queue_capacity " + std::to_string(type.queue_capacity) + " is full)";
    case Failure::BALKED: {
      const auto n = static_cast<std::size_t>(std::max<std::int64_t>(site.waiting, 0));
      const double p =
          type.balk_probability.empty() ? 0 : type.balk_probability[std::min(n, type.balk_probability.size() - 1)];
      return "callers who balk forever (balking probability " + number(p) + " with " + std::to_string(n) +
             " calls waiting)";
    }
    case Failure::ABANDONED: {
      const double mean = type.patience ? type.patience->mean() : 0;
      if (mean <= resolution) return "callers who abandon at once forever (a patience of " + number(mean) + " s)";
      return "callers who abandon forever (patience of mean " + number(mean) + " s)";
    }
  }
  return "failed callers forever";
}

std::string retrial_loop(const CenterSpec& spec, const StallSite& site, sim::Time t, double resolution) {
  const CallTypeSpec& type = spec.call_types[site.type];
  const CallTypeSpec::Retrial& retrial = type.retrial;
  std::string text = "retrial.probability " + number(retrial.probability) + " with " +
                     (retrial.delay ? delay_text(*retrial.delay, t, resolution) : std::string("no retrial.delay")) +
                     " re-offers " + failed_callers(type, site, resolution);
  if (retrial.as_type != site.type && retrial.as_type < spec.call_types.size())
    text += " as call type " + quoted(spec.call_types[retrial.as_type].name) + " (retrial.as)";
  text += retrial.delay && retrial.delay->mean() > 0 ? "; give retrial.delay a larger mean or a probability below 1"
                                                     : "; give retrial.delay a positive mean or a probability below 1";
  return text;
}

std::string arrival_loop(const CallTypeSpec& type, sim::Time t, double resolution) {
  if (!type.trace.empty()) {
    const auto tied = std::equal_range(type.trace.begin(), type.trace.end(), t);
    return "its arrival trace has " + std::to_string(tied.second - tied.first) +
           " calls at that instant, more than the simulation can take without time passing; spread them out";
  }
  return "its arrivals come closer together than the clock can tell apart at t = " + number(t.seconds()) +
         " s (its resolution there is " + number(resolution) + " s); lower its arrival rate (arrivals)";
}

}  // namespace

std::string describe_stall(const CenterSpec& spec, const sim::StalledClock& stall, const StallSite& site) {
  const double resolution = resolution_at(stall.time());
  const bool typed = (site.loop == StallSite::Loop::RETRIAL || site.loop == StallSite::Loop::ARRIVALS) &&
                     site.type < spec.call_types.size();
  std::string text = typed ? "call type " + quoted(spec.call_types[site.type].name) + ": " : std::string();
  text += stall.what();
  if (typed && site.loop == StallSite::Loop::RETRIAL)
    return text + ": " + retrial_loop(spec, site, stall.time(), resolution);
  if (typed) return text + ": " + arrival_loop(spec.call_types[site.type], stall.time(), resolution);
  if (site.loop == StallSite::Loop::IVR_ARRIVALS)
    return "the IVR: " + text +
           ": its calls come closer together than the clock can tell apart at t = " + number(stall.time().seconds()) +
           " s (its resolution there is " + number(resolution) + " s); lower ivr.arrivals";
  return text + ": durations of 0 s or below the clock's resolution there (" + number(resolution) +
         " s) keep the run at one instant; check retrial.delay, patience, service and wrap_up";
}

}  // namespace callsim::models
