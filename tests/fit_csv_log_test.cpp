// The generic CSV call log (fit/csv_log_reader.hpp, docs/log-format.md): what each row
// becomes, which rows are skipped and why, and which files are refused.

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fit/call_log.hpp"
#include "fit/csv_log_reader.hpp"

using callsim::fit::CallLog;
using callsim::fit::kNoAgent;
using callsim::fit::LogError;
using callsim::fit::LoggedCall;
using callsim::fit::LoggedOutcome;
using callsim::fit::read_csv_log;
using callsim::fit::SkippedRows;

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

namespace {

CallLog read(const std::string& text, const std::string& path = "calls.csv") {
  CallLog log;
  read_csv_log(text, path, log);
  return log;
}

/// The LogError message reading `text` gives, or "" when it reads.
std::string error_of(const std::string& text, CallLog* into = nullptr) {
  CallLog local;
  try {
    read_csv_log(text, "calls.csv", into ? *into : local);
  } catch (const LogError& e) {
    return e.what();
  }
  return "";
}

const SkippedRows* skipped(const CallLog& log, const std::string& reason) {
  for (const auto& s : log.skipped) {
    if (s.reason == reason) return &s;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("csv log: ISO date-times become seconds after midnight of the arrival's date, with its weekday",
          "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,queue_entry,answer,end,outcome,call_type,agent,priority\n"
      "2024-03-04 08:00:00,2024-03-04 08:00:30,2024-03-04 08:01:00,2024-03-04 08:05:00,answered,sales,ann,2\n"
      "2024-03-04T09:15:00.250,2024-03-04T09:15:10.5,,2024-03-04T09:16:00,abandoned,support,,\n"
      "2024-03-05 10:00:00,,,2024-03-05 10:00:45,IVR,sales,,-1\n");
  REQUIRE(log.calls.size() == 3);
  CHECK(log.rows == 3);
  CHECK(log.skipped.empty());
  CHECK(log.files == std::vector<std::string>{"calls.csv"});
  CHECK(log.call_types == std::vector<std::string>{"sales", "support"});
  CHECK(log.agents == std::vector<std::string>{"ann"});
  REQUIRE(log.days.size() == 2);
  CHECK(log.days[0].date == "2024-03-04");
  CHECK(log.days[0].weekday == 1);  // a Monday
  CHECK(log.days[1].date == "2024-03-05");
  CHECK(log.days[1].weekday == 2);

  const LoggedCall& answered = log.calls[0];
  CHECK(answered.outcome == LoggedOutcome::ANSWERED);
  CHECK(answered.arrival == 8 * 3600.0);
  CHECK(answered.queue_entry == 8 * 3600.0 + 30);
  CHECK(answered.answer == 8 * 3600.0 + 60);
  CHECK(answered.end == 8 * 3600.0 + 300);
  CHECK(answered.agent == 0);
  CHECK(answered.priority == 2);
  CHECK(answered.day == 0);
  CHECK(answered.call_type == 0);

  const LoggedCall& abandoned = log.calls[1];
  CHECK(abandoned.outcome == LoggedOutcome::ABANDONED);
  CHECK(abandoned.arrival == 9 * 3600.0 + 15 * 60 + 0.25);
  CHECK(abandoned.queue_entry == 9 * 3600.0 + 15 * 60 + 10.5);
  CHECK(std::isnan(abandoned.answer));
  CHECK(abandoned.end == 9 * 3600.0 + 16 * 60);
  CHECK(abandoned.agent == kNoAgent);
  CHECK(abandoned.priority == 0);
  CHECK(abandoned.call_type == 1);

  const LoggedCall& ivr = log.calls[2];
  CHECK(ivr.outcome == LoggedOutcome::IVR_ONLY);
  CHECK(ivr.day == 1);
  CHECK(ivr.arrival == 10 * 3600.0);
  CHECK(std::isnan(ivr.queue_entry));
  CHECK(ivr.end == 10 * 3600.0 + 45);
  CHECK(ivr.priority == -1);
}

TEST_CASE("csv log: plain seconds count from midnight of day 1, a new day every 86400 s", "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,answer,end,outcome,call_type\n"
      "100,160,400,answered,a\n"
      "86500.5,,86600,abandoned,a\n"
      "200000,200010.,200100,answered,a\n");
  REQUIRE(log.calls.size() == 3);
  REQUIRE(log.days.size() == 3);
  CHECK(log.days[0].date == "day 1");
  CHECK(log.days[1].date == "day 2");
  CHECK(log.days[2].date == "day 3");
  for (const auto& day : log.days) CHECK(day.weekday == -1);

  CHECK(log.calls[0].day == 0);
  CHECK(log.calls[0].arrival == 100);
  CHECK(log.calls[0].answer == 160);
  CHECK(log.calls[0].end == 400);
  CHECK(log.calls[1].day == 1);
  CHECK(log.calls[1].arrival == 100.5);
  CHECK(log.calls[1].end == 200);
  CHECK(log.calls[2].day == 2);
  CHECK(log.calls[2].arrival == 200000 - 2 * 86400.0);
  CHECK(log.calls[2].answer == 200010 - 2 * 86400.0);
  CHECK(log.calls[2].end == 200100 - 2 * 86400.0);
}

TEST_CASE("csv log: without a queue_entry column a call queues on arrival and an ivr call never queues",
          "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,answer,end,outcome,call_type\n"
      "100,160,400,answered,a\n"
      "200,,260,abandoned,a\n"
      "300,,330,ivr,a\n"
      "400,,,ivr,a\n");
  REQUIRE(log.calls.size() == 4);
  CHECK(log.calls[0].queue_entry == 100);
  CHECK(log.calls[0].wait() == 60);
  CHECK(log.calls[1].queue_entry == 200);
  CHECK(log.calls[1].wait() == 60);
  CHECK(std::isnan(log.calls[2].queue_entry));
  CHECK(log.calls[2].end == 330);
  CHECK(std::isnan(log.calls[3].end));
}

TEST_CASE("csv log: columns come in any order and unknown columns are ignored", "[fit][csv_log]") {
  const CallLog log = read(
      "call_id,call_type,end,wait_secs,outcome,answer,agent,arrival,notes,notes,,\n"
      "17,billing,500,12,answered,300,bob,288,x,y,,\n"
      "18,sales,700,3,abandoned,,,697,,,,\n");
  REQUIRE(log.calls.size() == 2);
  CHECK(log.call_types == std::vector<std::string>{"billing", "sales"});
  CHECK(log.agents == std::vector<std::string>{"bob"});
  CHECK(log.calls[0].arrival == 288);
  CHECK(log.calls[0].queue_entry == 288);
  CHECK(log.calls[0].answer == 300);
  CHECK(log.calls[0].end == 500);
  CHECK(log.calls[1].outcome == LoggedOutcome::ABANDONED);
  CHECK(log.calls[1].end == 700);
}

TEST_CASE("csv log: quoted fields, a byte-order mark, CRLF line ends and blank lines are read", "[fit][csv_log]") {
  const CallLog log = read(
      "\xEF\xBB\xBF"
      "arrival,answer,end,outcome,call_type,agent\r\n"  // line 1
      "\r\n"                                            // 2
      "0,10,20,answered,\"sales, retail\",\"O\"\"Brien\"\r\n"
      "   \r\n"                                             // 4
      " 30 , 40 ,50, Answered ,\"multi\r\nline\",\"\"\r\n"  // 5 and 6
      "60,,80,answered,x,y\r\n"                             // 7: no answer time
      "\"90\",\"100\",\"110\",\"abandoned\",x,\r\n");       // 8: an abandoned call has no answer
  CHECK(log.rows == 4);
  REQUIRE(log.calls.size() == 2);
  CHECK(log.call_types == std::vector<std::string>{"sales, retail", "multi\r\nline"});
  CHECK(log.agents == std::vector<std::string>{"O\"Brien"});
  CHECK(log.calls[0].agent == 0);
  CHECK(log.calls[1].arrival == 30);
  CHECK(log.calls[1].answer == 40);
  CHECK(log.calls[1].outcome == LoggedOutcome::ANSWERED);
  CHECK(log.calls[1].agent == kNoAgent);
  // Lines follow the quoted line break and the blank lines.
  const SkippedRows* no_answer = skipped(log, "answered without an answer time");
  REQUIRE(no_answer);
  CHECK(no_answer->first == std::vector<std::string>{"calls.csv:7"});
  const SkippedRows* with_answer = skipped(log, "abandoned with an answer time");
  REQUIRE(with_answer);
  CHECK(with_answer->first == std::vector<std::string>{"calls.csv:8"});
}

TEST_CASE("csv log: a call across midnight keeps its arrival's day and runs past 86400 s", "[fit][csv_log]") {
  SECTION("ISO date-times") {
    const CallLog log = read(
        "arrival,queue_entry,answer,end,outcome,call_type\n"
        "2024-03-04 23:58:00,2024-03-04 23:59:00,2024-03-05 00:01:00,2024-03-05 00:10:00,answered,a\n");
    REQUIRE(log.calls.size() == 1);
    REQUIRE(log.days.size() == 1);
    CHECK(log.days[0].date == "2024-03-04");
    CHECK(log.calls[0].arrival == 86400 - 120);
    CHECK(log.calls[0].queue_entry == 86400 - 60);
    CHECK(log.calls[0].answer == 86400 + 60);
    CHECK(log.calls[0].end == 86400 + 600);
  }
  SECTION("across the end of a month and a year") {
    const CallLog log = read(
        "arrival,answer,end,outcome,call_type\n"
        "2023-12-31 23:59:59,2024-01-01 00:00:09,2024-01-01 00:01:00,answered,a\n");
    REQUIRE(log.calls.size() == 1);
    CHECK(log.days[0].date == "2023-12-31");
    CHECK(log.days[0].weekday == 0);  // a Sunday
    CHECK(log.calls[0].answer == 86400 + 9);
  }
  SECTION("seconds") {
    const CallLog log = read(
        "arrival,answer,end,outcome,call_type\n"
        "86000,86500,87000,answered,a\n");
    REQUIRE(log.days.size() == 1);
    CHECK(log.days[0].date == "day 1");
    CHECK(log.calls[0].answer == 86500);
    CHECK(log.calls[0].end == 87000);
  }
}

TEST_CASE("csv log: each unusable row is counted under its reason with its line", "[fit][csv_log]") {
  struct Case {
    std::string row;
    std::string reason;
  };
  const std::string iso_header = "arrival,queue_entry,answer,end,outcome,call_type,priority";
  const std::string iso_good =
      "2024-03-04 08:00:00,2024-03-04 08:00:05,2024-03-04 08:00:10,2024-03-04 08:01:00,answered,a,0";
  const std::string t = "2024-03-04 08:00:";  // + seconds
  const std::vector<Case> iso_cases{
      {t + "00,,,", "wrong number of fields"},
      {iso_good + ",extra", "wrong number of fields"},
      {t + "00," + t + "05," + t + "10," + t + "20,answered,\"a\"b,0", "text after a closing quote"},
      {"2024-03-04 8:00:00,,,,ivr,a,0", "a time is malformed"},
      {"2024-02-30 08:00:00,,,,ivr,a,0", "a time is malformed"},
      {"2024-03-04 24:00:00,,,,ivr,a,0", "a time is malformed"},
      {"2024-03-04 08:00:00.,,,,ivr,a,0", "a time is malformed"},
      {"2024-03-04/08:00:00,,,,ivr,a,0", "a time is malformed"},
      {t + "00," + t + "05," + t + "1x," + t + "20,answered,a,0", "a time is malformed"},
      {"2024-03-04T08:00:00Z,,,,ivr,a,0", "a time has a time-zone suffix"},
      {t + "00," + t + "05," + t + "10+01:00," + t + "20,answered,a,0", "a time has a time-zone suffix"},
      {t + "00," + t + "05," + t + "10-0500," + t + "20,answered,a,0", "a time has a time-zone suffix"},
      {t + "00," + t + "05,3600," + t + "20,answered,a,0", "ISO and seconds times mixed"},
      {t + "00," + t + "05," + t + "10," + t + "20,transferred,a,0", "unknown outcome"},
      {t + "00," + t + "05," + t + "10," + t + "20,answered,,0", "empty call type"},
      {t + "00," + t + "05," + t + "10," + t + "20,answered,a,high", "the priority is not a whole number"},
      {t + "00," + t + "05," + t + "10," + t + "20,answered,a,1.5", "the priority is not a whole number"},
      {"," + t + "05," + t + "10," + t + "20,answered,a,0", "no arrival time"},
      {t + "10," + t + "08," + t + "20," + t + "30,answered,a,0", "the queue entry is before the arrival"},
      {t + "00,," + t + "10," + t + "30,answered,a,0", "no queue entry time"},
      {t + "00," + t + "10," + t + "08," + t + "30,answered,a,0", "the answer is before the queue entry"},
      {t + "00," + t + "05,," + t + "30,answered,a,0", "answered without an answer time"},
      {t + "00," + t + "05," + t + "30," + t + "20,answered,a,0", "the end is before the answer"},
      {t + "00," + t + "05,,,abandoned,a,0", "abandoned without an end time"},
      {t + "00," + t + "05," + t + "10," + t + "20,abandoned,a,0", "abandoned with an answer time"},
      {t + "00," + t + "10,," + t + "08,abandoned,a,0", "the end is before the queue entry"},
      {t + "00," + t + "05,,,ivr,a,0", "an ivr call has a queue entry time"},
      {t + "00,," + t + "10,,ivr,a,0", "an ivr call has an answer time"},
      {t + "10,,," + t + "08,ivr,a,0", "the end is before the arrival"},
  };
  const std::string seconds_header = "arrival,answer,end,outcome,call_type";
  const std::string seconds_good = "100,110,200,answered,a";
  const std::vector<Case> seconds_cases{
      {"-5,,,ivr,a", "a time is negative"},
      {"100,110,86601,answered,a", "a time is more than a day after the arrival"},
      {"100,90000,90010,answered,a", "a time is more than a day after the arrival"},
      {"100,-5,200,answered,a", "a time is negative"},
      {"1e3,,,ivr,a", "a time is malformed"},
      {"inf,,,ivr,a", "a time is malformed"},
      {"nan,,,ivr,a", "a time is malformed"},
      {"+5,,,ivr,a", "a time is malformed"},
      {"8:00,,,ivr,a", "a time is malformed"},
      {"1.2.3,,,ivr,a", "a time is malformed"},
      {".,,,ivr,a", "a time is malformed"},
      {"2000000000000,,,ivr,a", "a time is out of range"},
      {"2024-03-04 08:00:00,,,ivr,a", "ISO and seconds times mixed"},
      {"100,2024-03-04 08:00:00Z,200,answered,a", "ISO and seconds times mixed"},
  };
  const auto check = [](const std::string& header, const std::string& good, const Case& c) {
    INFO("row: " << c.row);
    const CallLog log = read(header + "\n" + good + "\n" + c.row + "\n" + good + "\n");
    CHECK(log.rows == 3);
    CHECK(log.calls.size() == 2);
    REQUIRE(log.skipped.size() == 1);
    CHECK(log.skipped[0].reason == c.reason);
    CHECK(log.skipped[0].bad);
    CHECK(log.skipped[0].count == 1);
    CHECK(log.skipped[0].first == std::vector<std::string>{"calls.csv:3"});
  };
  for (const Case& c : iso_cases) check(iso_header, iso_good, c);
  for (const Case& c : seconds_cases) check(seconds_header, seconds_good, c);
}

TEST_CASE("csv log: a reason met on many rows counts them all and shows the first lines", "[fit][csv_log]") {
  std::string text = "arrival,answer,end,outcome,call_type\n1,2,3,answered,a\n";
  for (int i = 0; i < 8; ++i) text += "1,2,3,hung_up,a\n";  // lines 3 .. 10
  const CallLog log = read(text);
  const SkippedRows* unknown = skipped(log, "unknown outcome");
  REQUIRE(unknown);
  CHECK(unknown->count == 8);
  CHECK(unknown->first ==
        std::vector<std::string>{"calls.csv:3", "calls.csv:4", "calls.csv:5", "calls.csv:6", "calls.csv:7"});
  CHECK(log.rows == 9);
}

TEST_CASE("csv log: within a second of clock skew, out-of-order times are clamped in order", "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,queue_entry,answer,end,outcome,call_type\n"
      "10,9.5,30,40,answered,a\n"     // queue entry half a second before arrival
      "10,20,19,40,answered,a\n"      // answer a second before queue entry
      "10,20,19.5,19.8,answered,a\n"  // end after the answer as logged, before it as clamped
      "10,20,,19.2,abandoned,a\n"     // hang-up before the queue entry
      "10,,,9.1,ivr,a\n"              // IVR end before arrival
      "10,8.9,30,40,answered,a\n");   // more than a second: skipped
  REQUIRE(log.calls.size() == 5);
  CHECK(log.calls[0].queue_entry == 10);
  CHECK(log.calls[1].answer == 20);
  CHECK(log.calls[1].wait() == 0);
  CHECK(log.calls[2].answer == 20);
  CHECK(log.calls[2].end == 20);
  CHECK(log.calls[3].end == 20);
  CHECK(log.calls[4].end == 10);
  const SkippedRows* early = skipped(log, "the queue entry is before the arrival");
  REQUIRE(early);
  CHECK(early->first == std::vector<std::string>{"calls.csv:7"});
}

TEST_CASE("csv log: an answered call without an end is kept with its service time unknown", "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,answer,end,outcome,call_type\n"
      "10,20,,answered,a\n");
  REQUIRE(log.calls.size() == 1);
  CHECK(log.calls[0].answer == 20);
  CHECK(std::isnan(log.calls[0].end));
  CHECK(log.calls[0].wait() == 10);
}

TEST_CASE("csv log: only an answered call has an agent", "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,answer,end,outcome,call_type,agent\n"
      "10,,30,abandoned,a,ann\n"
      "10,,30,ivr,a,bob\n"
      "10,20,30,answered,a,cy\n");
  REQUIRE(log.calls.size() == 3);
  CHECK(log.calls[0].agent == kNoAgent);
  CHECK(log.calls[1].agent == kNoAgent);
  CHECK(log.agents == std::vector<std::string>{"cy"});
  CHECK(log.calls[2].agent == 0);
}

TEST_CASE("csv log: the first valid arrival decides between ISO and seconds", "[fit][csv_log]") {
  const CallLog log = read(
      "arrival,answer,end,outcome,call_type\n"
      "08:00,,,ivr,a\n"  // neither: skipped, decides nothing
      "2024-03-04 08:00:00,,,ivr,a\n"
      "3600,,,ivr,a\n");
  REQUIRE(log.calls.size() == 1);
  CHECK(log.days[0].date == "2024-03-04");
  REQUIRE(skipped(log, "a time is malformed"));
  CHECK(skipped(log, "a time is malformed")->first == std::vector<std::string>{"calls.csv:2"});
  REQUIRE(skipped(log, "ISO and seconds times mixed"));
  CHECK(skipped(log, "ISO and seconds times mixed")->first == std::vector<std::string>{"calls.csv:4"});
}

TEST_CASE("csv log: an empty file is refused at line 1", "[fit][csv_log]") {
  for (const std::string text : {"", "\xEF\xBB\xBF", "\n\r\n  \n"}) {
    const std::string message = error_of(text);
    INFO("text: '" << text << "'");
    CHECK(message.starts_with("calls.csv:1: the file is empty; "));
    CHECK(message.find("arrival, answer, end, outcome and call_type are required") != std::string::npos);
  }
}

TEST_CASE("csv log: a header without a required column is refused naming it and the required ones", "[fit][csv_log]") {
  CHECK(error_of("arrival,answer,end,call_type,agent\n1,2,3,answered,a\n") ==
        "calls.csv:1: the header has no column 'outcome'; a CSV call log's first row names its columns in lower "
        "case: arrival, answer, end, outcome and call_type are required, queue_entry, agent and priority optional, "
        "others ignored");
  const std::string two = error_of("Arrival,answer,end,outcome,Call_Type\n1,2,3,answered,a\n");
  CHECK(
      two.starts_with("calls.csv:1: the header has no columns 'arrival' and 'call_type' (it has 'Arrival': names "
                      "are lower case); "));
  // A header after blank lines is refused on its own line.
  CHECK(error_of("\n\narrival,answer,end,outcome\n").starts_with("calls.csv:3: the header has no column 'call_type';"));
}

TEST_CASE("csv log: a column named twice is refused", "[fit][csv_log]") {
  CHECK(error_of("arrival,answer,end,outcome,call_type,arrival\n1,2,3,answered,a,1\n") ==
        "calls.csv:1: the header names the column 'arrival' twice (fields 1 and 6); name each column once");
  // Columns the reader ignores may repeat: an export's own names are none of its business.
  CHECK(error_of("arrival,answer,end,outcome,call_type,note,note\n1,2,3,answered,a,x,y\n").empty());
}

TEST_CASE("csv log: a quote left open at the end of the file is refused at its line, the log untouched",
          "[fit][csv_log]") {
  CallLog log;
  read_csv_log("arrival,answer,end,outcome,call_type\n1,2,3,answered,first\n", "jan.csv", log);
  const std::string message = error_of(
      "arrival,answer,end,outcome,call_type\n"
      "1,2,3,answered,a\n"
      "4,5,6,answered,b\n"
      "7,8,9,answered,\"c\n"
      "10,11,12,answered,d\n",
      &log);
  CHECK(message ==
        "calls.csv:4: the quoted field opened on this line is not closed before the end of the file; end it with a "
        "double quote (a quote inside a quoted field is written \"\")");
  CHECK(log.calls.size() == 1);
  CHECK(log.call_types == std::vector<std::string>{"first"});
  CHECK(log.days.size() == 1);
  CHECK(log.files == std::vector<std::string>{"jan.csv"});
  CHECK(log.rows == 1);
}

TEST_CASE("csv log: a file without one usable call is refused naming the commonest reason and its first line",
          "[fit][csv_log]") {
  CallLog log;
  const std::string message = error_of(
      "arrival,answer,end,outcome,call_type\n"
      "1,2,3,hung_up,a\n"
      "1,x,3,answered,a\n"
      "1,2,3,answered,\n"
      "1,2,y,answered,a\n",
      &log);
  CHECK(message.starts_with(
      "calls.csv:1: no usable call: all 4 data rows were skipped, most often for 'a time is malformed' (2 rows, the "
      "first at calls.csv:3); "));
  CHECK(log.skipped.empty());
  CHECK(log.rows == 0);
  CHECK(log.files.empty());
  CHECK(log.call_types.empty());

  CHECK(error_of("arrival,answer,end,outcome,call_type\r\n\r\n") ==
        "calls.csv:1: the file has a header but no data rows; a call log holds one row per call after its header");
}

TEST_CASE("csv log: two files append to one log sharing call types, agents and days", "[fit][csv_log]") {
  CallLog log;
  read_csv_log(
      "arrival,answer,end,outcome,call_type,agent\n"
      "2024-03-04 08:00:00,2024-03-04 08:00:10,2024-03-04 08:05:00,answered,sales,ann\n"
      "2024-03-04 09:00:00,,2024-03-04 09:01:00,abandoned,support,\n"
      "2024-03-04 09:00:00,,,abandoned,support,\n",
      "mar-04.csv", log);
  read_csv_log(
      "call_type,outcome,arrival,answer,end,agent\n"
      "support,answered,2024-03-04 10:00:00,2024-03-04 10:00:20,2024-03-04 10:03:00,ann\n"
      "billing,answered,2024-03-05 08:00:00,2024-03-05 08:00:05,2024-03-05 08:02:00,bob\n"
      "billing,abandoned,2024-03-05 08:00:00,,,\n",
      "mar-05.csv", log);
  CHECK(log.files == std::vector<std::string>{"mar-04.csv", "mar-05.csv"});
  CHECK(log.rows == 6);
  REQUIRE(log.calls.size() == 4);
  CHECK(log.call_types == std::vector<std::string>{"sales", "support", "billing"});
  CHECK(log.agents == std::vector<std::string>{"ann", "bob"});
  REQUIRE(log.days.size() == 2);
  CHECK(log.days[0].date == "2024-03-04");
  CHECK(log.days[1].date == "2024-03-05");
  CHECK(log.calls[2].call_type == 1);  // support, named in the first file
  CHECK(log.calls[2].day == 0);        // 2024-03-04, from the first file
  CHECK(log.calls[2].agent == 0);
  CHECK(log.calls[3].call_type == 2);
  CHECK(log.calls[3].day == 1);
  CHECK(log.calls[3].agent == 1);
  REQUIRE(log.skipped.size() == 1);
  CHECK(log.skipped[0].count == 2);
  CHECK(log.skipped[0].first == std::vector<std::string>{"mar-04.csv:4", "mar-05.csv:4"});
}

TEST_CASE("csv log: 35,000 rows with hundreds of agents read in linear time", "[fit][csv_log]") {
  std::string text = "call_id,arrival,queue_entry,answer,end,outcome,call_type,agent,priority,notes\n";
  const int rows = 35000;
  for (int i = 0; i < rows; ++i) {
    const int day = 4 + i / 5000;  // seven days
    const int t = 7 * 3600 + (i % 5000) * 10;
    const auto clock = [&](int s) {
      char out[32];
      std::snprintf(out, sizeof out, "2024-03-%02d %02d:%02d:%02d.%03d", day, s / 3600, s / 60 % 60, s % 60, i % 1000);
      return std::string(out);
    };
    text += std::to_string(i) + "," + clock(t) + "," + clock(t + 20) + ",";
    if (i % 10 == 0)
      text += "," + clock(t + 90) + ",abandoned,";
    else
      text += clock(t + 60) + "," + clock(t + 400) + ",answered,";
    text += "type" + std::to_string(i % 6) + ",agent" + std::to_string(i % 397) + "," + std::to_string(i % 3) +
            ",\"free, text\"\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const CallLog log = read(text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(log.skipped.empty());
  CHECK(log.calls.size() == static_cast<std::size_t>(rows));
  CHECK(log.days.size() == 7);
  CHECK(log.call_types.size() == 6);
  CHECK(log.agents.size() == 397);  // 397 is prime: each agent answers some call
  // Well under 0.1 s optimised; the bound is loose for debug and sanitizer builds but
  // catches a lookup that grows with the file.
  CHECK(seconds < 1.0);
}

TEST_CASE("csv log: the example of docs/log-format.md reads as the page says", "[fit][csv_log]") {
  const std::filesystem::path page = std::filesystem::path(CALLSIM_SOURCE_DIR) / "docs" / "log-format.md";
  std::ifstream in(page, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto start = doc.find("```csv\n");
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + 7);
  REQUIRE(end != std::string::npos);
  const CallLog log = read(doc.substr(start + 7, end - start - 7), "example.csv");
  CHECK(log.skipped.empty());
  REQUIRE(log.calls.size() == 4);
  REQUIRE(log.days.size() == 1);
  CHECK(log.days[0].date == "2024-03-04");
  CHECK(log.days[0].weekday == 1);
  CHECK(log.call_types == std::vector<std::string>{"sales", "support", "support, premium"});
  // The page's table: arrival, queue entry, answer, end, wait.
  const auto& c = log.calls;
  CHECK(c[0].arrival == 28802);
  CHECK(c[0].queue_entry == 28841);
  CHECK(c[0].answer == 28870);
  CHECK(c[0].end == 29152);
  CHECK(c[0].wait() == 29);
  CHECK(c[1].outcome == LoggedOutcome::ABANDONED);
  CHECK(c[1].priority == 1);
  CHECK(c[1].end == 28923);
  CHECK(c[1].wait() == 73);
  CHECK(c[2].outcome == LoggedOutcome::IVR_ONLY);
  CHECK(c[2].end == 28865);
  CHECK(c[3].arrival == 86310);
  CHECK(c[3].queue_entry == 86342);
  CHECK(c[3].answer == 86440);
  CHECK(c[3].end == 87120);
  CHECK(log.agents == std::vector<std::string>{"ann", "bob"});
}
