# Content pages: CommonMark to HTML with cmark (libcmark-dev), raw HTML off (markdown.cpp).
pkg_check_modules(GER_CMARK REQUIRED IMPORTED_TARGET libcmark)
target_link_libraries(ger_render PRIVATE PkgConfig::GER_CMARK)
