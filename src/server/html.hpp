// HTML output: the one escaping helper every value goes through, and a builder whose templates substitute only
// escaped values. Page code never concatenates a value into markup by hand.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ger::server::html {

// Escapes & < > " ' for text and for quoted attribute values.
std::string escape(std::string_view text);

// Markup built from literal templates and escaped values.
class Html {
public:
    // Appends `templ` with each "{}" replaced by the next argument, escaped. Arguments are strings or numbers;
    // an Html argument is inserted as is (it was built the same way).
    template <class... Args>
    Html& operator()(std::string_view templ, const Args&... args) {
        (put_next(templ, args), ...);
        m_out.append(templ);
        return *this;
    }
    // Markup built under the same rule elsewhere: a chart renderer that escapes every value (render/xml.hpp).
    static Html from_escaped(std::string markup) {
        Html h;
        h.m_out = std::move(markup);
        return h;
    }
    Html& add(const Html& other) {
        m_out += other.m_out;
        return *this;
    }
    const std::string& str() const { return m_out; }
    bool empty() const { return m_out.empty(); }

private:
    template <class T>
    void put_next(std::string_view& templ, const T& value) {
        const auto at = templ.find("{}");
        m_out.append(templ.substr(0, at));
        templ.remove_prefix(at == std::string_view::npos ? templ.size() : at + 2);
        if constexpr (std::is_same_v<T, Html>) {
            m_out += value.m_out;
        } else if constexpr (std::is_arithmetic_v<T>) {
            m_out += std::to_string(value);
        } else {
            m_out += escape(value);
        }
    }
    std::string m_out;
};

}  // namespace ger::server::html
