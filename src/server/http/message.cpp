#include "server/http/message.hpp"

#include <algorithm>

namespace ger::server::http {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

void Headers::set(std::string name, std::string value) {
    erase(name);
    add(std::move(name), std::move(value));
}

void Headers::erase(std::string_view name) {
    std::erase_if(m_fields, [name](const Field& f) { return iequals(f.first, name); });
}

const std::string* Headers::find(std::string_view name, std::size_t i) const {
    for (const auto& [key, value] : m_fields) {
        if (iequals(key, name) && i-- == 0) return &value;
    }
    return nullptr;
}

std::size_t Headers::count(std::string_view name) const {
    return static_cast<std::size_t>(
        std::count_if(m_fields.begin(), m_fields.end(), [name](const Field& f) { return iequals(f.first, name); }));
}

std::string Request::header(std::string_view name) const {
    const auto* value = headers.find(name);
    return value ? *value : std::string();
}

const std::string* Request::query_value(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return &value;
    }
    return nullptr;
}

std::string Request::cookie(std::string_view name) const {
    for (std::size_t i = 0; const auto* header = headers.find("Cookie", i); ++i) {
        std::string_view rest = *header;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            auto part = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
                return std::string(part.substr(name.size() + 1));
            }
        }
    }
    return {};
}

std::string Response::header(std::string_view name) const {
    const auto* value = headers.find(name);
    return value ? *value : std::string();
}

void Response::set_content(std::string content, std::string content_type) {
    body = std::move(content);
    set_header("Content-Type", std::move(content_type));
}

}  // namespace ger::server::http
