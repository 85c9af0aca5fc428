#include <gtest/gtest.h>

#include "render/xml.hpp"

namespace ger::render {
namespace {

TEST(render_Xml, EscapesTheFiveSpecialCharacters) {
    EXPECT_EQ(xml_escape(R"(a<b>&"c"'d')"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
}

TEST(render_Xml, KeepsValidUtf8) {
    EXPECT_EQ(xml_escape("Chang\xE2\x80\x99" "e \xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x80"),
              "Chang\xE2\x80\x99" "e \xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x80");
}

TEST(render_Xml, ReplacesWhatXmlForbids) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(xml_escape(std::string("a\x01" "b", 3)), "a" + fffd + "b");
    EXPECT_EQ(xml_escape(std::string("a\0b", 3)), "a" + fffd + "b");
    EXPECT_EQ(xml_escape("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
    EXPECT_EQ(xml_escape("\xC3"), fffd);                 // truncated sequence
    EXPECT_EQ(xml_escape("\xC0\xAF"), fffd + fffd);      // overlong '/'
    EXPECT_EQ(xml_escape("\xED\xA0\x80"), fffd + fffd + fffd);  // UTF-16 surrogate
    EXPECT_EQ(xml_escape("\xEF\xBF\xBF"), fffd + fffd + fffd);  // U+FFFF is no XML character
}

TEST(render_Xml, NumbersHaveAtMostTwoDecimals) {
    auto number = [](double value) {
        std::string out;
        append_number(out, value);
        return out;
    };
    EXPECT_EQ(number(12.5), "12.5");
    EXPECT_EQ(number(3.0), "3");
    EXPECT_EQ(number(-0.25), "-0.25");
    EXPECT_EQ(number(1.005001), "1.01");
    EXPECT_EQ(number(-0.001), "0");
    EXPECT_EQ(number(1190.5511811), "1190.55");
}

}  // namespace
}  // namespace ger::render
