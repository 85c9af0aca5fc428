// A workshop's downloads: its agenda as an iCalendar feed (RFC 5545) and its attendee list as CSV (RFC 4180) for
// the host. The feed holds no personal data; the attendee list does, and is for the host alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/workshop.hpp"

namespace ger::render {

// RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks written "\n"; other control
// characters (never valid in TEXT) dropped.
std::string ical_text(std::string_view text);
// RFC 5545 3.1: one content line, folded so that no line exceeds 75 octets (a continuation starts with one
// space), never inside a UTF-8 sequence, each line ended by CRLF.
std::string ical_line(std::string_view line);

// One VEVENT per agenda session (UTC DTSTART/DTEND; SUMMARY the session's title, LOCATION the place,
// DESCRIPTION its description with the speakers, URL `page_url`); a workshop without agenda is one all-day
// event over its days. UIDs are "<workshop id>-<n>@<uid_domain>", DTSTAMP the workshop's created_at.
std::string workshop_calendar(const model::Workshop& workshop, const std::string& page_url,
                              const std::string& uid_domain);

// Columns: status, position, name, email, affiliation, publish_name, registered_at; active registrations
// first, as Store::registrations orders them.
std::string attendees_csv(const std::vector<model::Registration>& registrations);

}  // namespace ger::render
