#include "render/workshop_files.hpp"

#include <chrono>
#include <cstdio>

#include "ger/config.hpp"
#include "model/json.hpp"
#include "render/csv.hpp"

namespace ger::render {
namespace {

// RFC 5545 3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."
constexpr std::size_t max_line_octets = 75;

// 20140410T123000Z (RFC 5545 3.3.5, form 2: UTC).
std::string ical_time(model::Timestamp t) {
    const auto text = model::format_timestamp(t);  // 2014-04-10T12:30:00Z
    std::string out;
    for (char c : text) {
        if (c != '-' && c != ':') out += c;
    }
    return out;
}

std::string ical_date(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

bool continues_sequence(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string session_description(const model::Workshop& w, const model::AgendaSession& s) {
    std::string text = s.description;
    if (!s.speakers.empty()) {
        if (!text.empty()) text += "\n\n";
        text += s.speakers.size() == 1 ? "Speaker: " : "Speakers: ";
        for (std::size_t i = 0; i < s.speakers.size(); ++i) text += (i ? ", " : "") + s.speakers[i];
    }
    if (!text.empty()) text += "\n\n";
    return text + w.title + " (" + w.place + ")";
}

}  // namespace

std::string ical_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";
                break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;
                out += c;
        }
    }
    return out;
}

std::string ical_line(std::string_view line) {
    std::string out;
    std::size_t used = 0;  // octets on the current physical line
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = 1;  // the octets of this character
        while (i + n < line.size() && continues_sequence(line[i + n])) ++n;
        if (used + n > max_line_octets) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, n));
        used += n;
        i += n;
    }
    return out + "\r\n";
}

std::string workshop_calendar(const model::Workshop& w, const std::string& page_url, const std::string& uid_domain) {
    std::string out;
    const auto add = [&](std::string_view name, std::string_view value) {
        out += ical_line(std::string(name) + ":" + std::string(value));
    };
    add("BEGIN", "VCALENDAR");
    add("VERSION", "2.0");
    add("PRODID", std::string("-//ISECG//ger ") + config::version + "//EN");
    add("CALSCALE", "GREGORIAN");
    add("METHOD", "PUBLISH");
    add("X-WR-CALNAME", ical_text(w.title));
    const auto stamp = ical_time(w.created_at);
    const auto event = [&](std::size_t n, const std::string& start, const std::string& end, const std::string& summary,
                           const std::string& description) {
        add("BEGIN", "VEVENT");
        add("UID", w.id + "-" + std::to_string(n) + "@" + uid_domain);
        add("DTSTAMP", stamp);
        out += ical_line(start);
        out += ical_line(end);
        add("SUMMARY", ical_text(summary));
        add("LOCATION", ical_text(w.place));
        add("DESCRIPTION", ical_text(description));
        add("URL", page_url);
        add("END", "VEVENT");
    };
    if (w.agenda.empty()) {
        const auto last = std::chrono::sys_days{w.ends} + std::chrono::days(1);  // DTEND is exclusive
        event(0, "DTSTART;VALUE=DATE:" + ical_date(std::chrono::sys_days{w.starts}), "DTEND;VALUE=DATE:" + ical_date(last),
              w.title, w.description);
    }
    for (std::size_t i = 0; i < w.agenda.size(); ++i) {
        const auto& s = w.agenda[i];
        event(i + 1, "DTSTART:" + ical_time(s.starts), "DTEND:" + ical_time(s.ends), s.title, session_description(w, s));
    }
    add("END", "VCALENDAR");
    return out;
}

std::string attendees_csv(const std::vector<model::Registration>& registrations) {
    std::string out = csv_record({"status", "position", "name", "email", "affiliation", "publish_name", "registered_at"});
    for (const auto& r : registrations) {
        out += csv_record({std::string(model::to_string(r.status)), r.position ? std::to_string(r.position) : "",
                           r.name, r.email, r.affiliation, r.publish_name ? "yes" : "no",
                           model::format_timestamp(r.created_at)});
    }
    return out;
}

}  // namespace ger::render
