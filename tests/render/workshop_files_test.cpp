// A workshop's downloads: the iCalendar feed's lines (CRLF, folded at 75 octets without splitting a UTF-8
// character, TEXT escaping of , ; \ and line breaks) on hostile text, its events (UID, DTSTAMP, UTC times,
// SUMMARY, LOCATION, DESCRIPTION with speakers, URL), the same feed parsed by python3-icalendar as a calendar
// program would, and the attendee CSV with its formula defusing.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../store/temp_dir.hpp"
#include "model/json.hpp"
#include "render/csv.hpp"
#include "render/workshop_files.hpp"

namespace ger::render {
namespace {

// Commas, semicolons, backslashes, line breaks (LF and CRLF), a control character, quotes, markup and long
// multi-byte text (each "é" is 2 octets, each "🚀" 4), so folding falls inside characters if it can.
const std::string hostile = "Mars, Moon; and \\ back\r\nline two\nline\tthree\x01 <b>\"q\"</b> " +
                            std::string(30, 'x') + " " + [] {
                                std::string s;
                                for (int i = 0; i < 40; ++i) s += "é🚀";
                                return s;
                            }();

model::Workshop hostile_workshop() {
    model::Workshop w;
    w.id = "hostile";
    w.title = "Workshop, with; odd\\ text";
    w.host_agency = "ESA";
    w.starts = model::parse_day("2030-05-06");
    w.ends = model::parse_day("2030-05-07");
    w.place = "Room 1, Building 2; Noordwijk";
    w.capacity = 10;
    w.registration_opens = model::parse_day("2030-01-01");
    w.registration_closes = model::parse_day("2030-05-01");
    w.created_at = model::parse_timestamp("2030-01-02T03:04:05Z");
    w.agenda = {{model::parse_timestamp("2030-05-06T08:00:00Z"), model::parse_timestamp("2030-05-06T09:30:00Z"),
                 hostile, {"A. Speaker (ESA)", "B; Speaker, Jr."}, hostile}};
    return w;
}

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
        if (end == std::string::npos) break;
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

// Undoes folding: a CRLF followed by one space joins the lines.
std::string unfolded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

TEST(render_WorkshopFiles, TextIsEscapedAsRfc5545Says) {
    EXPECT_EQ(ical_text("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
    EXPECT_EQ(ical_text(std::string("bell\x07tab\t")), "belltab\t") << "control characters other than tab dropped";
}

TEST(render_WorkshopFiles, LinesAreFoldedAt75OctetsNeverInsideACharacter) {
    const auto line = "DESCRIPTION:" + ical_text(hostile);
    const auto folded = ical_line(line);
    const auto lines = physical_lines(folded);
    ASSERT_GT(lines.size(), 2u);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 75u) << "line " << i;
        if (i > 0) {
            EXPECT_EQ(lines[i][0], ' ') << "a continuation starts with one space";
        }
        if (i + 1 < lines.size()) {
            // The next line's first octet after the space must begin a character.
            const auto next = static_cast<unsigned char>(lines[i + 1].size() > 1 ? lines[i + 1][1] : 'a');
            EXPECT_NE(next & 0xC0, 0x80) << "folded inside a UTF-8 sequence at line " << i;
        }
    }
    EXPECT_EQ(unfolded(folded), line + "\r\n");
    EXPECT_EQ(ical_line("SHORT:x"), "SHORT:x\r\n");
}

TEST(render_WorkshopFiles, TheCalendarHasOneEventPerSessionLinkingBackToThePage) {
    const auto ics = workshop_calendar(hostile_workshop(), "https://roadmap.example.org/workshops/hostile",
                                       "roadmap.example.org");
    for (const auto& l : physical_lines(ics)) EXPECT_LE(l.size(), 75u) << l;
    const auto text = unfolded(ics);
    EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0), 0u);
    EXPECT_NE(text.find("\r\nEND:VCALENDAR\r\n"), std::string::npos);
    for (const char* part : {"UID:hostile-1@roadmap.example.org\r\n", "DTSTAMP:20300102T030405Z\r\n",
                             "DTSTART:20300506T080000Z\r\n", "DTEND:20300506T093000Z\r\n",
                             "LOCATION:Room 1\\, Building 2\\; Noordwijk\r\n",
                             "URL:https://roadmap.example.org/workshops/hostile\r\n",
                             "SUMMARY:Mars\\, Moon\\; and \\\\ back\\nline two\\nline\tthree <b>",
                             "Speakers: A. Speaker (ESA)\\, B\\; Speaker\\, Jr."}) {
        EXPECT_NE(text.find(part), std::string::npos) << part;
    }
    EXPECT_EQ(text.find('\x01'), std::string::npos);

    auto all_day = hostile_workshop();
    all_day.agenda.clear();
    const auto day = unfolded(workshop_calendar(all_day, "http://x/workshops/hostile", "x"));
    EXPECT_NE(day.find("DTSTART;VALUE=DATE:20300506\r\n"), std::string::npos);
    EXPECT_NE(day.find("DTEND;VALUE=DATE:20300508\r\n"), std::string::npos) << "DTEND is exclusive";
}

TEST(render_WorkshopFiles, ACalendarProgramReadsTheFeedBackToTheSameText) {
    test::TempDir dir;
    const auto file = dir / "hostile.ics";
    {
        std::FILE* f = std::fopen(file.c_str(), "wb");
        ASSERT_TRUE(f);
        const auto ics = workshop_calendar(hostile_workshop(), "https://roadmap.example.org/workshops/hostile", "ger");
        std::fwrite(ics.data(), 1, ics.size(), f);
        std::fclose(f);
    }
    const std::string command = "/usr/bin/python3 " GER_SOURCE_DIR "/tests/render/parse_ics.py " + file.string() +
                                " 2>&1";
    std::FILE* pipe = popen(command.c_str(), "r");
    ASSERT_TRUE(pipe);
    std::string output;
    char buffer[4096];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    ASSERT_EQ(pclose(pipe), 0) << "python3-icalendar (deps/debian-packages.txt) could not parse the feed: " << output;
    const auto parsed = nlohmann::json::parse(output);
    EXPECT_EQ(parsed["name"], "Workshop, with; odd\\ text");
    ASSERT_EQ(parsed["events"].size(), 1u);
    const auto& e = parsed["events"][0];
    // What was sent, as a program reads it: CRLF became one line break, the control character is gone.
    std::string expected = hostile;
    expected.erase(expected.find('\r'), 1);
    expected.erase(expected.find('\x01'), 1);
    EXPECT_EQ(e["summary"], expected);
    EXPECT_EQ(e["location"], "Room 1, Building 2; Noordwijk");
    EXPECT_EQ(e["uid"], "hostile-1@ger");
    EXPECT_EQ(e["url"], "https://roadmap.example.org/workshops/hostile");
    EXPECT_EQ(e["dtstart"], "2030-05-06T08:00:00+00:00");
    EXPECT_EQ(e["dtend"], "2030-05-06T09:30:00+00:00");
    EXPECT_NE(e["description"].get<std::string>().find("Speakers: A. Speaker (ESA), B; Speaker, Jr."),
              std::string::npos);
}

TEST(render_WorkshopFiles, TheAttendeeListIsCsvWithFormulasDefused) {
    model::Registration r;
    r.status = model::RegistrationStatus::confirmed;
    r.position = 1;
    r.name = "=HYPERLINK(\"http://x\")";
    r.email = "ada@example.org";
    r.affiliation = "Lab, \"Quoted\"";
    r.publish_name = true;
    r.created_at = model::parse_timestamp("2030-01-02T03:04:05Z");
    const auto csv = attendees_csv({r});
    EXPECT_EQ(csv, "status,position,name,email,affiliation,publish_name,registered_at\r\n"
                   "confirmed,1,\"'=HYPERLINK(\"\"http://x\"\")\",ada@example.org,\"Lab, \"\"Quoted\"\"\",yes,"
                   "2030-01-02T03:04:05Z\r\n");
    EXPECT_EQ(csv_field("-1"), "'-1");
    EXPECT_EQ(csv_field("plain"), "plain");
}

}  // namespace
}  // namespace ger::render
