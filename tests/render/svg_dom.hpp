// Reading an SVG back in tests: libxml2 parses it (a document that is not well-formed parses to nullptr), and
// these helpers find elements by name and class.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace ger::render::testing {

struct DocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocDeleter>;

inline Doc parse(const std::string& svg) {
    return Doc(xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "chart.svg", "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

inline std::string attribute(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

inline std::string content(xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    std::string out(value != nullptr ? reinterpret_cast<const char*>(value) : "");
    xmlFree(value);
    return out;
}

inline std::string name_of(xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

inline bool has_class(xmlNode* node, const std::string& wanted) {
    std::istringstream words(attribute(node, "class"));
    for (std::string word; words >> word;) {
        if (word == wanted) return true;
    }
    return false;
}

template <class F>
void walk(xmlNode* node, F&& visit) {
    for (; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        visit(node);
        walk(node->children, visit);
    }
}

// Every element named `element` (any, when empty) that carries class `cls` (any, when empty).
inline std::vector<xmlNode*> find_all(xmlDoc* doc, const std::string& element, const std::string& cls = {}) {
    std::vector<xmlNode*> out;
    walk(xmlDocGetRootElement(doc), [&](xmlNode* n) {
        if ((element.empty() || name_of(n) == element) && (cls.empty() || has_class(n, cls))) out.push_back(n);
    });
    return out;
}

// The first child element named `element`, or nullptr.
inline xmlNode* child(xmlNode* node, const std::string& element) {
    for (xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && name_of(c) == element) return c;
    }
    return nullptr;
}

}  // namespace ger::render::testing
