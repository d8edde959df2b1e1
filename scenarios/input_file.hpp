#pragma once
/// \file
/// A file a scenario load read: the scenario itself and every CSV it references. Kept with
/// the loaded scenario so that commands can refuse an output that would overwrite one of
/// them, and so that results can carry their inputs (provenance).

#include <string>

namespace callsim::scenarios {

struct InputFile {
  std::string role;   ///< "scenario", or the table's kind ("forecast", "staffing plan", "trace")
  std::string path;   ///< as opened: relative CSV paths joined to the scenario's directory
  std::string bytes;  ///< the contents as read, byte for byte
};

}  // namespace callsim::scenarios
