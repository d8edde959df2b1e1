#include "analysis/tally_fields.hpp"

namespace callsim::analysis {

KpiTally& KpiTally::operator+=(const KpiTally& o) {
  add_fields<KpiTally>(*this, o, kpi_tally_fields());
  return *this;
}

GroupTally& GroupTally::operator+=(const GroupTally& o) {
  add_fields<GroupTally>(*this, o, group_tally_fields());
  return *this;
}

// Every member of the tallies is in its table: a member added without a row stops the
// build here (the tallies are plain 8-byte fields, see run/replication_bytes.cpp).
static_assert(sizeof(KpiTally) == kKpiTallyFields.size() * 8, "a KpiTally member has no row in kKpiTallyFields");
static_assert(sizeof(GroupTally) == kGroupTallyFields.size() * 8,
              "a GroupTally member has no row in kGroupTallyFields");

}  // namespace callsim::analysis
