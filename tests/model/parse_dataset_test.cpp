#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "model/json.hpp"
#include "sample_dataset.hpp"

namespace {

using namespace ger::model;
using ger::model::testing::sample_dataset;
using ::testing::HasSubstr;

FieldError parse_error_of(std::string_view text, std::size_t max_line = 1 << 20) {
    try {
        parse_dataset(text, "in.json", max_line);
    } catch (const ValidationError& e) {
        if (!e.errors().empty()) return e.errors().front();
    }
    return {"", "no error"};
}

TEST(model_ParseDataset, AcceptsAnExport) {
    EXPECT_EQ(parse_dataset(to_json(sample_dataset()).dump(), "in.json"), sample_dataset());
}

TEST(model_ParseDataset, InvalidUtf8ReportsOffsetAndLine) {
    std::string text = to_json(sample_dataset()).dump(1);
    const std::size_t at = text.find("Artemis I");
    ASSERT_NE(at, std::string::npos);
    text[at] = static_cast<char>(0xC3);  // a lead byte followed by 'r', which cannot continue it
    std::size_t line = 1;
    for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
    const auto e = parse_error_of(text);
    EXPECT_EQ(e.path, "in.json:" + std::to_string(line));
    EXPECT_THAT(e.message, HasSubstr("invalid UTF-8 at byte offset " + std::to_string(at)));
}

TEST(model_ParseDataset, RejectsOverlongAndSurrogateEncodings) {
    EXPECT_THAT(parse_error_of("{\"a\":\"\xC0\xAF\"}").message, HasSubstr("invalid UTF-8 at byte offset 6"));
    EXPECT_THAT(parse_error_of("{\"a\":\"\xED\xA0\x80\"}").message, HasSubstr("invalid UTF-8"));
    EXPECT_THAT(parse_error_of("{\"a\":\"\xF4\x90\x80\x80\"}").message, HasSubstr("invalid UTF-8"));
    EXPECT_THAT(parse_error_of("{\"a\":\"\xE2\x82").message, HasSubstr("invalid UTF-8"));  // cut mid-character
}

TEST(model_ParseDataset, TruncatedJsonReportsLineAndColumn) {
    const std::string text = to_json(sample_dataset()).dump(2);
    const std::string cut = text.substr(0, text.size() / 2);
    std::size_t lines = 1;
    for (char c : cut) lines += c == '\n';
    const auto e = parse_error_of(cut);
    EXPECT_THAT(e.message, HasSubstr("truncated JSON"));
    EXPECT_THAT(e.message, HasSubstr("at line " + std::to_string(lines) + ", column "));
}

TEST(model_ParseDataset, MalformedJsonReportsPosition) {
    const auto e = parse_error_of("{\n  \"agencies\": [,]\n}");
    EXPECT_EQ(e.path, "in.json:2");
    EXPECT_THAT(e.message, HasSubstr("invalid JSON at line 2, column 16"));
}

// Found by fuzz.dataset: nlohmann reports a number beyond a double as out_of_range, not as a parse error, and
// it escaped parse_dataset as an exception no caller expects.
TEST(model_ParseDataset, ANumberBeyondADoubleIsRefusedNamingItsLine) {
    const auto e = parse_error_of("{\n  \"agencies\": [],\n  \"goals\": [1E400]\n}");
    EXPECT_EQ(e.path, "in.json:3");
    EXPECT_THAT(e.message, HasSubstr("number out of range at line 3, column 13: '1E400'"));
}

TEST(model_ParseDataset, FieldErrorsArePrefixedWithTheSource) {
    auto j = to_json(sample_dataset());
    j["missions"][1]["kind"] = "alien";
    EXPECT_EQ(parse_error_of(j.dump()).path, "in.json#/missions/1/kind");
}

TEST(model_ParseDataset, LongLineIsReportedWithItsLength) {
    const std::string text = "{\n\"agencies\": [],\n\"x\": \"" + std::string(100, 'a') + "\"\n}";
    const auto e = parse_error_of(text, 64);
    EXPECT_EQ(e.path, "in.json:3");
    EXPECT_EQ(e.message, "line 3 is 107 bytes long; the limit is 64 bytes");
}

// A 100 MB line must be refused by the cheap scan, before UTF-8 decoding or JSON parsing: the line also holds
// invalid UTF-8 and is not JSON, so any other error would mean a more expensive check ran first.
TEST(model_ParseDataset, HundredMegabyteLineIsRefusedCheaply) {
    constexpr std::size_t line_bytes = 100u << 20;
    std::string text = "{\"agencies\":[\"";
    text.append(line_bytes - text.size() - 1, 'a');
    text += '\xFF';
    text += "\n";
    const auto started = std::chrono::steady_clock::now();
    const auto e = parse_error_of(text);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(e.path, "in.json:1");
    EXPECT_EQ(e.message, "line 1 is " + std::to_string(line_bytes) + " bytes long; the limit is 1048576 bytes");
    // One memchr pass over 100 MB takes milliseconds; seconds would mean the text was parsed or copied.
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 3000);
}

}  // namespace
