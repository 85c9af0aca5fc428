// The transport's pieces on their own: UTF-8 (RFC 3629), percent-decoding, byte ranges and the request reader.
#include <gtest/gtest.h>

#include "server/detail/http_error.hpp"
#include "server/http/range.hpp"
#include "server/http/request_reader.hpp"
#include "server/http/url.hpp"
#include "server/http/utf8.hpp"

namespace ger::server::http {
namespace {

TEST(Utf8, AcceptsWellFormedAndRefusesTheRest) {
    EXPECT_TRUE(is_utf8(""));
    EXPECT_TRUE(is_utf8("plain ascii"));
    EXPECT_TRUE(is_utf8("Chang\xE2\x80\x99" "e \xE5\xAB\xA6\xE5\xA8\xA5"));  // ’, 嫦娥
    EXPECT_TRUE(is_utf8("\xF0\x9F\x9A\x80"));                                 // U+1F680
    EXPECT_TRUE(is_utf8("\xF4\x8F\xBF\xBF"));                                 // U+10FFFF, the last
    EXPECT_EQ(invalid_utf8_at("ab\xFF"), 2u);
    EXPECT_EQ(invalid_utf8_at("\xC0\xAF"), 0u);          // overlong '/'
    EXPECT_EQ(invalid_utf8_at("\xE0\x80\xAF"), 0u);      // overlong '/'
    EXPECT_EQ(invalid_utf8_at("\xED\xA0\x80"), 0u);      // a surrogate, U+D800
    EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
    EXPECT_EQ(invalid_utf8_at("x\xE2\x82"), 1u);         // cut short
    EXPECT_EQ(invalid_utf8_at("\x80"), 0u);              // a lone continuation byte
}

TEST(PercentDecoding, DecodesAndNamesThePartItRefuses) {
    EXPECT_EQ(percent_decode("a%20b+c", true, "query"), "a b c");
    EXPECT_EQ(percent_decode("a+b", false, "path"), "a+b");
    EXPECT_EQ(percent_decode("%E2%80%99", false, "path"), "\xE2\x80\x99");
    try {
        percent_decode("%FF%FE", false, "path");
        FAIL() << "accepted bytes that are not UTF-8";
    } catch (const detail::HttpError& e) {
        EXPECT_EQ(e.status(), 400);
        EXPECT_EQ(e.type(), "invalid-encoding");
        ASSERT_EQ(e.errors().size(), 1u);
        EXPECT_EQ(e.errors()[0].path, "path");
    }
    EXPECT_THROW(percent_decode("%4", false, "path"), detail::HttpError);
    EXPECT_THROW(percent_decode("%zz", false, "path"), detail::HttpError);

    const auto query = parse_query("limit=5&destination=Moon&flag&x=%2B", "query");
    ASSERT_EQ(query.size(), 4u);
    EXPECT_EQ(query[0], (std::pair<std::string, std::string>{"limit", "5"}));
    EXPECT_EQ(query[2], (std::pair<std::string, std::string>{"flag", ""}));
    EXPECT_EQ(query[3].second, "+");
    try {
        parse_query("ok=1&name=%C3%28", "form");
        FAIL();
    } catch (const detail::HttpError& e) {
        EXPECT_EQ(e.errors()[0].path, "form/name");
    }
    EXPECT_EQ(encode_component("a b/ü"), "a%20b%2F%C3%BC");
}

Response download(std::string body) {
    Response res;
    res.set_content(std::move(body), "application/pdf");
    res.set_header("Accept-Ranges", "bytes");
    return res;
}

Request ranged(std::string range) {
    Request req;
    req.method = "GET";
    req.headers.add("Range", std::move(range));
    return req;
}

TEST(ByteRanges, OneRangeOfADownloadAndNeverSeveral) {
    auto res = download("0123456789");
    apply_range(ranged("bytes=2-4"), res);
    EXPECT_EQ(res.status, 206);
    EXPECT_EQ(res.body, "234");
    EXPECT_EQ(res.header("Content-Range"), "bytes 2-4/10");

    res = download("0123456789");
    apply_range(ranged("bytes=-3"), res);
    EXPECT_EQ(res.body, "789");
    res = download("0123456789");
    apply_range(ranged("bytes=7-"), res);
    EXPECT_EQ(res.body, "789");
    res = download("0123456789");
    apply_range(ranged("bytes=5-100"), res);
    EXPECT_EQ(res.body, "56789");

    res = download("0123456789");
    apply_range(ranged("bytes=0-1,3-4"), res);
    EXPECT_EQ(res.status, 200) << "several ranges get the whole body";
    EXPECT_EQ(res.body, "0123456789");

    res = download("0123456789");
    apply_range(ranged("bytes=20-30"), res);
    EXPECT_EQ(res.status, 416);
    EXPECT_EQ(res.header("Content-Range"), "bytes */10");

    for (const char* odd : {"bytes=5-2", "items=0-1", "bytes=a-b", "bytes=", "bytes=-"}) {
        res = download("0123456789");
        apply_range(ranged(odd), res);
        EXPECT_EQ(res.status, 200) << odd;
    }
    Response page;
    page.set_content("<html>", "text/html");
    apply_range(ranged("bytes=0-1"), page);
    EXPECT_EQ(page.status, 200) << "a response that offers no ranges is never cut";
}

TEST(RequestReader, ReadsAndChecksARequest) {
    const RequestLimits limits;
    auto req = parse_request("POST /api/v1/missions/a%20b?limit=5 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
                             limits);
    ASSERT_TRUE(req);
    EXPECT_EQ(req->method, "POST");
    EXPECT_EQ(req->path, "/api/v1/missions/a b");
    EXPECT_EQ(req->target, "/api/v1/missions/a%20b?limit=5");
    EXPECT_EQ(*req->query_value("limit"), "5");
    EXPECT_EQ(req->body, "{}");
    EXPECT_EQ(req->header("host"), "x");

    auto chunked = parse_request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", limits);
    ASSERT_TRUE(chunked);
    EXPECT_EQ(chunked->body, "abc");

    EXPECT_FALSE(parse_request("GET / HTTP/1.1\r\nHost:", limits)) << "an unfinished head is not a request";
    RequestLimits small;
    small.max_body_bytes = 4;
    try {
        parse_request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", small);
        FAIL() << "a chunked body over the limit was read";
    } catch (const detail::HttpError& e) {
        EXPECT_EQ(e.status(), 413);
    }
    EXPECT_THROW(parse_request("GET /%FF HTTP/1.1\r\n\r\n", limits), detail::HttpError);
    EXPECT_THROW(parse_request("NOT HTTP\r\n\r\n", limits), detail::HttpError);
}

}  // namespace
}  // namespace ger::server::http
